package dev.privacy.platform.runtime.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Refusing a request for all its bad fields at once (bean validation and service rules alike). */
public final class Violations {

    private Violations() {
    }

    /** A 400 problem "Some fields are not valid" naming every violation, sorted by field and message so the answer is stable; nothing if there are none. */
    public static void refuseIfAny(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            List<Problem.Violation> sorted = new ArrayList<>(violations);
            sorted.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
            throw ProblemException.badRequest("Some fields are not valid", sorted.toArray(Problem.Violation[]::new));
        }
    }
}

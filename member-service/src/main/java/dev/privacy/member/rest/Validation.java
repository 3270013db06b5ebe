package dev.privacy.member.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Bean validation and the service rules in one pass, so a client sees every bad field at once. */
@ApplicationScoped
public class Validation {

    @Inject
    Validator validator;

    public List<Problem.Violation> of(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("A request body is required");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        validator.validate(body).forEach(v -> violations.add(
                new Problem.Violation(v.getPropertyPath().toString(), v.getMessage())));
        return violations;
    }

    public static void refuseIfAny(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
            throw ProblemException.badRequest("Some fields are not valid",
                    violations.toArray(Problem.Violation[]::new));
        }
    }
}

package dev.privacy.retention.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.util.UUID;

/** Small request helpers of the retention API. */
final class Staff {

    private Staff() {
    }

    /** A UUID query parameter, or a 400 problem naming it (JAX-RS would answer 404 for a bad one). */
    static UUID uuidParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + name + "' must be a UUID", new Problem.Violation(name, "not a UUID"));
        }
    }

    static <E extends Enum<E>> E enumParam(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + name + "' is not a " + type.getSimpleName(),
                    new Problem.Violation(name, "not a " + type.getSimpleName()));
        }
    }
}

package dev.privacy.platform.runtime.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.problem.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/**
 * A request body's bean-validation violations as problem violations, to which a resource adds its
 * service rules before {@link Violations#refuseIfAny}: a client sees every bad field at once, in one 400.
 */
@ApplicationScoped
public class BodyValidation {

    @Inject
    Validator validator;

    /** The body's violations (a mutable list); a 400 problem if there is no body. */
    public List<Problem.Violation> of(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("A request body is required");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        validator.validate(body).forEach(v -> violations.add(
                new Problem.Violation(v.getPropertyPath().toString(), v.getMessage())));
        return violations;
    }
}

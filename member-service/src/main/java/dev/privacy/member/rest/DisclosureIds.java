package dev.privacy.member.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.util.UUID;

/** The {@code disclosureId} query parameter of the disclosure reads: required, a canonical UUID, else 400. */
final class DisclosureIds {

    static final String PARAMETER = "disclosureId";

    private DisclosureIds() {
    }

    static UUID parse(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("The approved disclosure is required",
                    new Problem.Violation(PARAMETER, "is required: the ID of the approved disclosure this read serves"));
        }
        try {
            UUID parsed = UUID.fromString(value.strip());
            if (parsed.toString().equalsIgnoreCase(value.strip())) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("The disclosure ID is not a UUID",
                new Problem.Violation(PARAMETER, "must be a UUID"));
    }
}

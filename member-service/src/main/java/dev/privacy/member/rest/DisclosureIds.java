package dev.privacy.member.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.util.UUID;

/** The {@code disclosureId} query parameter of the disclosure reads: required, a canonical UUID, else 400. */
final class DisclosureIds {

    static final String PARAMETER = "disclosureId";
    static final String NOTICE = "noticeId";

    private DisclosureIds() {
    }

    /** What a release serves: an approved disclosure, or a correction notice (P14) re-sending corrected values. */
    record Reference(UUID id, boolean notice) {
    }

    /** Exactly one of {@code disclosureId} and {@code noticeId}. */
    static Reference parseEither(String disclosureId, String noticeId) {
        boolean hasNotice = noticeId != null && !noticeId.isBlank();
        if (hasNotice && disclosureId != null && !disclosureId.isBlank()) {
            throw ProblemException.badRequest("A release serves one disclosure or one correction notice",
                    new Problem.Violation(NOTICE, "give disclosureId or noticeId, not both"));
        }
        return hasNotice ? new Reference(uuid(noticeId, NOTICE), true) : new Reference(parse(disclosureId), false);
    }

    static UUID parse(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("The approved disclosure is required",
                    new Problem.Violation(PARAMETER, "is required: the ID of the approved disclosure this read serves"));
        }
        return uuid(value, PARAMETER);
    }

    private static UUID uuid(String value, String parameter) {
        try {
            UUID parsed = UUID.fromString(value.strip());
            if (parsed.toString().equalsIgnoreCase(value.strip())) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("The " + parameter + " is not a UUID",
                new Problem.Violation(parameter, "must be a UUID"));
    }
}

package dev.privacy.member.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;

import java.util.UUID;

/**
 * What a release of profile values serves, from the {@code disclosureId} / {@code noticeId} query
 * parameters of the disclosure reads: an approved disclosure, or a correction notice (P14)
 * re-sending corrected values. Required, a canonical UUID, else 400.
 */
record ReleaseReference(UUID id, boolean notice) {

    static final String DISCLOSURE = "disclosureId";
    static final String NOTICE = "noticeId";

    /** Exactly one of {@code disclosureId} and {@code noticeId}. */
    static ReleaseReference parseEither(String disclosureId, String noticeId) {
        boolean hasNotice = noticeId != null && !noticeId.isBlank();
        if (hasNotice && disclosureId != null && !disclosureId.isBlank()) {
            throw ProblemException.badRequest("A release serves one disclosure or one correction notice",
                    new Problem.Violation(NOTICE, "give disclosureId or noticeId, not both"));
        }
        return hasNotice ? new ReleaseReference(uuid(NOTICE, noticeId), true)
                : new ReleaseReference(disclosure(disclosureId), false);
    }

    /** The required {@code disclosureId}. */
    static UUID disclosure(String disclosureId) {
        return uuid(DISCLOSURE, RequestParams.required(DISCLOSURE, disclosureId,
                new RequestParams.Refusal("The approved disclosure is required",
                        "is required: the ID of the approved disclosure this read serves")));
    }

    private static UUID uuid(String parameter, String value) {
        return RequestParams.canonicalUuid(parameter, value,
                new RequestParams.Refusal("The " + parameter + " is not a UUID", "must be a UUID"));
    }
}

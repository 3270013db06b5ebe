package dev.privacy.consent.rest;

import dev.privacy.consent.domain.ReceiptMethod;
import dev.privacy.consent.service.Acting;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.CurrentActor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The consent API's own request rules: a purpose in a path (unknown: 404), and who changes a
 * consent. Parameters in general are parsed by the platform's {@link RequestParams}.
 */
final class PurposeAndActor {

    private PurposeAndActor() {
    }

    /** A purpose in a path: an unknown one is a resource that does not exist (404). */
    static Purpose purpose(String value) {
        try {
            return Purpose.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No purpose " + value + " in the catalogue");
        }
    }

    /** A channel in a query parameter: WEB, WRITTEN, PHONE or EMAIL, in any case. */
    static Channel channel(String value) {
        return RequestParams.enumIgnoringCase(Channel.class, "channel", value,
                new RequestParams.Refusal("Unknown channel", "one of WEB, WRITTEN, PHONE, EMAIL"));
    }

    /**
     * Who changes a consent: the member themself on the web, or a privacy officer acting on the
     * member's recorded instruction, which they must name (its channel and reference).
     */
    static Acting acting(CurrentActor.Actor actor, Channel channel, String instructionReference) {
        if (actor.role() == ActorRole.MEMBER) {
            return new Acting(ReceiptMethod.SELF_SERVICE, Channel.WEB, actor.id(), ActorRole.MEMBER, null, null);
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (channel == null) {
            violations.add(new Problem.Violation("channel", "staff name the channel of the member's instruction"));
        }
        if (instructionReference == null || instructionReference.isBlank()) {
            violations.add(new Problem.Violation("instructionReference", "staff name the member's instruction they act on"));
        } else if (instructionReference.strip().length() > 255 || !RequestParams.isReferenceCode(instructionReference.strip())) {
            violations.add(new Problem.Violation("instructionReference",
                    "the ID of the instruction (letters, digits, _ . : / -; at most 255), never free text"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("A staff change names the member's instruction",
                    violations.toArray(Problem.Violation[]::new));
        }
        return new Acting(ReceiptMethod.STAFF_ON_INSTRUCTION, channel, actor.id(), actor.role(),
                instructionReference.strip(), null);
    }
}

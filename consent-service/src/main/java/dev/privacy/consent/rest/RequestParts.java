package dev.privacy.consent.rest;

import dev.privacy.consent.domain.ReceiptMethod;
import dev.privacy.consent.service.Acting;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reading path and query parts, and who acts, with problems that name the offending part. */
final class RequestParts {

    private RequestParts() {
    }

    /** A purpose in a path: an unknown one is a resource that does not exist (404). */
    static Purpose purpose(String value) {
        try {
            return Purpose.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No purpose " + value + " in the catalogue");
        }
    }

    /** A UUID in a query parameter: a malformed one is bad input (400), not a missing resource. */
    static UUID uuid(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " is not a UUID", new Problem.Violation(name, "not a UUID"));
        }
    }

    private static final java.util.regex.Pattern REFERENCE_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/\\-]*");

    /** An ID or code as event schemas allow them (no spaces, no '@'): never free text that could hold personal data. */
    static boolean isReferenceCode(String value) {
        return REFERENCE_CODE.matcher(value).matches();
    }

    /** A channel in a query parameter: WEB, WRITTEN, PHONE or EMAIL. */
    static Channel channel(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown channel",
                    new Problem.Violation("channel", "one of WEB, WRITTEN, PHONE, EMAIL"));
        }
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
        } else if (instructionReference.strip().length() > 255 || !isReferenceCode(instructionReference.strip())) {
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

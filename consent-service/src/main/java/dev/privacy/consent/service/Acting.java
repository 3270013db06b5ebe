package dev.privacy.consent.service;

import dev.privacy.consent.domain.ReceiptMethod;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;

/**
 * Who made a consent change and how: what the receipt records as method, channel, actor and, for
 * staff, the member's instruction they acted on.
 */
public record Acting(ReceiptMethod method, Channel channel, String actorId, ActorRole actorRole,
                     String instructionReference, String reason) {

    /** This service itself, reacting to an event (a membership that ended, say). */
    public static Acting service(String serviceName, ReceiptMethod method, String reason) {
        return new Acting(method, Channel.WEB, serviceName, ActorRole.SERVICE, null, reason);
    }

    public Acting withMethod(ReceiptMethod other) {
        return new Acting(other, channel, actorId, actorRole, instructionReference, reason);
    }

    public Acting withReason(String code) {
        return new Acting(method, channel, actorId, actorRole, instructionReference, code);
    }
}

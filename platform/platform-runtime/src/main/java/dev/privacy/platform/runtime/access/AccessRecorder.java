package dev.privacy.platform.runtime.access;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Publishes an access record (P02) for every read or change of a member's personal data. A change's
 * record goes through the outbox, so it commits with the change it describes. A read changes
 * nothing: its record is sent straight to the broker and acknowledged before this method returns,
 * that is before the caller releases the data ({@link AccessRecordSender}); when the broker cannot
 * acknowledge it in time, it goes through the outbox in the caller's transaction like a change's.
 */
@ApplicationScoped
public class AccessRecorder {

    @Inject
    Outbox outbox;

    @Inject
    AccessRecordSender sender;

    @Inject
    CurrentActor currentActor;

    @Inject
    PlatformConfig config;

    @Inject
    Clock clock;

    /** An access by the caller of the current request (or this service, outside a request). */
    @Transactional(Transactional.TxType.REQUIRED)
    public UUID record(UUID memberId, AccessAction action, Collection<String> fieldNames, Purpose purpose) {
        CurrentActor.Actor actor = currentActor.get();
        ActorRole role = actor.role() == null ? ActorRole.SERVICE : actor.role();
        return publish(memberId, actor.id(), role, actor.ip(), action, fieldNames, purpose, null);
    }

    /**
     * As {@link #record}, naming what the access served (an ID or code: the approved disclosure of
     * a lawful read, say), so an auditor can match the record to its authorisation.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public UUID record(UUID memberId, AccessAction action, Collection<String> fieldNames, Purpose purpose,
                       String reference) {
        CurrentActor.Actor actor = currentActor.get();
        ActorRole role = actor.role() == null ? ActorRole.SERVICE : actor.role();
        return publish(memberId, actor.id(), role, actor.ip(), action, fieldNames, purpose, reference);
    }

    /**
     * An access by the member themself before they hold a token (sign-up, login): the actor is the
     * member, the IP the caller's.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public UUID recordBySelf(UUID memberId, AccessAction action, Collection<String> fieldNames, Purpose purpose) {
        return publish(memberId, memberId.toString(), ActorRole.MEMBER, currentActor.get().ip(), action, fieldNames,
                purpose, null);
    }

    /** One access of a batch: the arguments of {@link #record(UUID, AccessAction, Collection, Purpose)}. */
    public record Access(UUID memberId, AccessAction action, Collection<String> fieldNames, Purpose purpose) {
    }

    /**
     * As {@link #record(UUID, AccessAction, Collection, Purpose)} for each access in turn, by the same
     * actor, for a batch consumer's set-based work: the records of changes go into the outbox in one
     * statement (in the order given) instead of one each; a read's record still goes its own way
     * (straight to the broker, or the outbox under the ID it was sent with). The access IDs, in order.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<UUID> recordAll(List<Access> accesses) {
        CurrentActor.Actor actor = currentActor.get();
        ActorRole role = actor.role() == null ? ActorRole.SERVICE : actor.role();
        List<UUID> accessIds = new ArrayList<>(accesses.size());
        List<AccessRecorded> changes = new ArrayList<>();
        for (Access access : accesses) {
            if (changesNothing(access.action())) {
                accessIds.add(publish(access.memberId(), actor.id(), role, actor.ip(), access.action(),
                        access.fieldNames(), access.purpose(), null));
            } else {
                AccessRecorded record = accessRecorded(access.memberId(), actor.id(), role, actor.ip(),
                        access.action(), access.fieldNames(), access.purpose(), null);
                changes.add(record);
                accessIds.add(record.accessId());
            }
        }
        outbox.publishAll(Topics.ACCESS_RECORDS, changes);
        return accessIds;
    }

    private UUID publish(UUID memberId, String actorId, ActorRole role, String ip, AccessAction action,
                         Collection<String> fieldNames, Purpose purpose, String reference) {
        AccessRecorded record = accessRecorded(memberId, actorId, role, ip, action, fieldNames, purpose, reference);
        UUID eventId = UUID.randomUUID();
        if (!changesNothing(action) || !sender.sendAndAwait(eventId, record)) {
            outbox.publish(Topics.ACCESS_RECORDS, eventId, record);
        }
        return record.accessId();
    }

    private AccessRecorded accessRecorded(UUID memberId, String actorId, ActorRole role, String ip, AccessAction action,
                                          Collection<String> fieldNames, Purpose purpose, String reference) {
        return new AccessRecorded(UUID.randomUUID(), memberId, actorId, role, config.service(), action,
                List.copyOf(fieldNames), purpose, ip, reference, clock.instant());
    }

    private static boolean changesNothing(AccessAction action) {
        return action == AccessAction.READ || action == AccessAction.EXPORT;
    }
}

package dev.privacy.platform.runtime.destruction;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An owner's side of the one destruction path (docs/ARCHITECTURE.md R5):
 * the RetentionExpired events addressed to this service are destroyed by the owner's
 * {@link Destroyer}, each destruction that touched personal data is an access record (P02), and
 * every expiry is answered with one DataDestroyed, so the retention-service can certify it. The
 * owners differ only in what they delete; the answer is written here once.
 */
@ApplicationScoped
public class DestructionAnswers {

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    PlatformConfig platform;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    /** What an owner deletes for a batch of its expiries. */
    @FunctionalInterface
    public interface Destroyer {
        /**
         * Destroys what the expiries ask, in one transaction with their answers, and says index for
         * index what it did. A repeat of an expiry already destroyed finds nothing and says so
         * (count 0): the answers are then what handling the events one at a time would give.
         */
        List<Destroyed> destroy(List<RetentionExpired> expiries);
    }

    /**
     * What destroying one expiry did: the rows (or records) deleted, how, and the fields of the
     * access record it is (none: the destruction touched no personal data and is not recorded).
     */
    public record Destroyed(long count, DestructionMethod method, List<String> accessedFields) {
    }

    /**
     * What a {@code retention.expired.<owner>} consumer accepts: RetentionExpired addressed to this
     * service; a misrouted one (another owner's) is skipped before the inbox.
     */
    public EventHandlers expiries() {
        return EventHandlers.builder()
                .accept(RetentionExpired.class, expired -> platform.service().equals(expired.ownerService()))
                .build();
    }

    /**
     * A consumer's work ({@code BatchHandler}) for {@code retention.expired.<owner>}: this owner's
     * expiries destroyed set-based, their access records and DataDestroyed answers written in one
     * statement each, in event order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void destroyAndAnswer(List<IncomingEvent> events, Destroyer destroyer) {
        List<RetentionExpired> mine = events.stream().map(e -> e.as(RetentionExpired.class))
                .filter(e -> platform.service().equals(e.ownerService())).toList();
        if (mine.isEmpty()) {
            return;
        }
        entityManager.flush(); // owners delete in plain JDBC statements
        List<Destroyed> outcomes = destroyer.destroy(mine);
        if (outcomes.size() != mine.size()) {
            throw new IllegalStateException("A destroyer answered " + outcomes.size() + " outcomes for "
                    + mine.size() + " expiries");
        }
        Instant now = clock.instant();
        List<AccessRecorder.Access> accesses = new ArrayList<>();
        List<DataDestroyed> answers = new ArrayList<>(mine.size());
        for (int i = 0; i < mine.size(); i++) {
            RetentionExpired expired = mine.get(i);
            Destroyed outcome = outcomes.get(i);
            if (!outcome.accessedFields().isEmpty()) {
                accesses.add(new AccessRecorder.Access(expired.memberId(), AccessAction.DELETE,
                        outcome.accessedFields(), Purpose.RETENTION));
            }
            answers.add(new DataDestroyed(UUID.randomUUID(), expired.memberId(), expired.category(), outcome.method(),
                    outcome.count(), expired.scheduleId(), platform.service(), null, now));
        }
        access.recordAll(accesses);
        outbox.publishAll(platform.eventsTopic(), answers);
    }
}

package dev.privacy.disclosure.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.destruction.DestructionAnswers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The disclosure records of a member (ledger, requests with their approvals, correction notices with
 * their attempts) are category DISCLOSURE_RECORDS; they are destroyed when the retention-service says
 * so, and the destruction is answered with DataDestroyed (P07). They hold IDs, field names and
 * hashes, never a value, so deleting the rows destroys them.
 */
@ApplicationScoped
public class LedgerRetention {

    private static final Logger LOG = Logger.getLogger(LedgerRetention.class);

    @Inject
    EntityManager em;

    @Inject
    DestructionAnswers answers;

    /**
     * The consumer's work for a batch of expiries (a batch of one when a batch is handled again):
     * each table's rows of all the batch's members in one statement. The first event of a member
     * destroys, a repeat in the batch finds nothing and reports 0, as handling them in turn would.
     * No access record: the rows hold no personal value.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpired(List<IncomingEvent> events) {
        answers.destroyAndAnswer(events, this::destroy);
    }

    private List<DestructionAnswers.Destroyed> destroy(List<RetentionExpired> mine) {
        Set<UUID> members = new HashSet<>();
        mine.stream().filter(e -> e.category() == DataCategory.DISCLOSURE_RECORDS).forEach(e -> members.add(e.memberId()));
        Map<UUID, Long> counts = new HashMap<>();
        for (String table : List.of("correction_notice", "disclosure_ledger", "disclosure_request")) {
            SubjectStatements.addTo(counts, SubjectStatements.countPerSubject(em,
                    "DELETE FROM " + table + " WHERE member_id = ANY(?) RETURNING member_id", members));
        }
        Set<UUID> done = new HashSet<>();
        List<DestructionAnswers.Destroyed> destroyed = new ArrayList<>(mine.size());
        for (RetentionExpired e : mine) {
            long count = 0;
            if (e.category() != DataCategory.DISCLOSURE_RECORDS) {
                LOG.warnf("RetentionExpired %s asks disclosure-service to destroy %s, which it does not hold",
                        e.scheduleId(), e.category());
            } else if (done.add(e.memberId())) {
                count = counts.getOrDefault(e.memberId(), 0L);
            }
            destroyed.add(new DestructionAnswers.Destroyed(count, DestructionMethod.DELETE, List.of()));
        }
        return destroyed;
    }
}

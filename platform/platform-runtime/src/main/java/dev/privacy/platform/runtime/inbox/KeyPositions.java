package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Keeps each key's events in the order the relay numbered them ({@code ce_sequence}). After a
 * failed send the relay repeats a batch from its first unacknowledged row, so a later event of a
 * key may reach the partition once before an earlier one: that early copy is passed over (its
 * offset is committed, nothing is acted on) and acted on when it comes again after the earlier one.
 *
 * <p>Nothing is ever dropped because of its number: an event behind the key's position whose ID
 * the inbox has not seen (a producer database restored from a backup, say) is handled; and a gap
 * that stays open longer than {@code privacy.inbox.gap-grace} (an earlier event that can no longer
 * come, e.g. removed by topic retention) is given up on and the event handled.
 */
@ApplicationScoped
public class KeyPositions {

    private static final Logger LOG = Logger.getLogger(KeyPositions.class);

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "privacy.inbox.gap-grace", defaultValue = "PT5M")
    Duration gapGrace;

    public enum Position {
        /** No number, first of its key here, the next one, or behind (see the class comment): act on it. */
        IN_ORDER,
        /** An earlier event of this key has not been acted on yet: wait for it. */
        AHEAD
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Position check(IncomingEvent event) {
        if (event.sequence() == null || event.subject() == null) {
            return Position.IN_ORDER;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT last_sequence, gap_seen_at IS NOT NULL AND gap_seen_at < now() - make_interval(secs => ?4)
                        FROM inbox_key_position WHERE source = ?1 AND topic = ?2 AND aggregate_key = ?3 FOR UPDATE""")
                .setParameter(1, event.source())
                .setParameter(2, event.topic())
                .setParameter(3, event.subject())
                .setParameter(4, (double) gapGrace.toSeconds())
                .getResultList();
        if (rows.isEmpty()) {
            return Position.IN_ORDER;
        }
        long last = ((Number) rows.get(0)[0]).longValue();
        boolean gaveUp = (Boolean) rows.get(0)[1];
        if (event.sequence() <= last + 1) {
            return Position.IN_ORDER;
        }
        if (gaveUp) {
            LOG.warnf("Event %s (%s) follows a gap in its key's sequence (%d after %d) open longer than %s: handled",
                    event.id(), event.type(), event.sequence(), last, gapGrace);
            return Position.IN_ORDER;
        }
        entityManager.createNativeQuery("""
                        UPDATE inbox_key_position SET gap_seen_at = coalesce(gap_seen_at, now())
                        WHERE source = ?1 AND topic = ?2 AND aggregate_key = ?3""")
                .setParameter(1, event.source())
                .setParameter(2, event.topic())
                .setParameter(3, event.subject())
                .executeUpdate();
        return Position.AHEAD;
    }

    /** Records that the key's events up to this one have been acted on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(IncomingEvent event) {
        if (event.sequence() == null || event.subject() == null) {
            return;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO inbox_key_position (source, topic, aggregate_key, last_sequence)
                        VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (source, topic, aggregate_key) DO UPDATE
                        SET last_sequence = greatest(inbox_key_position.last_sequence, EXCLUDED.last_sequence),
                            gap_seen_at = NULL""")
                .setParameter(1, event.source())
                .setParameter(2, event.topic())
                .setParameter(3, event.subject())
                .setParameter(4, event.sequence())
                .executeUpdate();
    }

    /** For an event nothing is done with (no handler, dead-lettered): passes its number if it is in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void skip(IncomingEvent event) {
        if (check(event) == Position.IN_ORDER) {
            advance(event);
        }
    }
}

package dev.privacy.auditlog.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.auditlog.config.AuditConfig;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Destroys the content of expired log entries on the retention-service's RetentionExpired (P17,
 * P19) and answers DataDestroyed on {@code audit.events}. The content (actor, member, field names,
 * purpose, payload hash) is blanked; sequence, leaf hash, previous hash and hash stay, so the chain
 * still verifies over the purged span. This is the one UPDATE the table's trigger lets through, and
 * only with {@code audit.purge = on} in this transaction.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    AuditConfig config;

    @Inject
    Clock clock;

    /**
     * RetentionExpired in either of its forms. For one member (memberId set): that member's entries
     * of the category older than the category's period, counted back from when the retention-service
     * decided. For a rolling window of the category (createdBefore set, memberId possibly null):
     * every entry of the category created before createdBefore, of that member or of all members.
     * The event is read from its JSON so both forms are handled whichever version of the record this
     * build has. Events for other owners or categories are only logged in the chain.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<DataDestroyed> onExpired(IncomingEvent event) {
        JsonNode data = event.tree();
        if (!Services.AUDIT_LOG.equals(data.path("ownerService").asText())) {
            return Optional.empty();
        }
        DataCategory category = DataCategory.valueOf(data.path("category").asText());
        UUID scheduleId = UUID.fromString(data.path("scheduleId").asText());
        Optional<Period> period = periodOf(category);
        if (period.isEmpty()) {
            LOG.warnf("RetentionExpired %s names category %s, which the audit log does not hold", scheduleId, category);
            return Optional.empty();
        }
        UUID memberId = data.hasNonNull("memberId") ? UUID.fromString(data.get("memberId").asText()) : null;
        Instant cutOff = data.hasNonNull("createdBefore")
                ? Instant.parse(data.get("createdBefore").asText())
                : Instant.parse(data.path("occurredAt").asText()).atOffset(ZoneOffset.UTC).minus(period.get()).toInstant();
        int purged = purge(memberId, category, cutOff);
        DataDestroyed destroyed = new DataDestroyed(UUID.randomUUID(), memberId, category, DestructionMethod.DELETE,
                purged, scheduleId, Services.AUDIT_LOG, cutOff, clock.instant());
        outbox.publish(destroyed);
        return Optional.of(destroyed);
    }

    private int purge(UUID memberId, DataCategory category, Instant createdBefore) {
        entityManager.createNativeQuery("SELECT set_config('audit.purge', 'on', true)").getSingleResult();
        int purged = entityManager.createNativeQuery("""
                        UPDATE audit_entry
                           SET actor_id = NULL, member_id = NULL, fields = NULL, purpose = NULL, data_hash = NULL,
                               purged_at = ?1
                         WHERE (CAST(?2 AS uuid) IS NULL OR member_id = CAST(?2 AS uuid)) AND category = ?3
                           AND occurred_at < ?4 AND purged_at IS NULL AND leaf_hash IS NOT NULL""")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, memberId == null ? null : memberId.toString())
                .setParameter(3, category.name())
                .setParameter(4, Timestamp.from(createdBefore))
                .executeUpdate();
        // Back to append-only for whatever else this transaction does.
        entityManager.createNativeQuery("SELECT set_config('audit.purge', 'off', true)").getSingleResult();
        return purged;
    }

    private Optional<Period> periodOf(DataCategory category) {
        return switch (category) {
            case SERVICE_LOGS -> Optional.of(config.retention().serviceLogs());
            case STAFF_ACCESS_RECORDS -> Optional.of(config.retention().staffAccessRecords());
            default -> Optional.empty();
        };
    }
}

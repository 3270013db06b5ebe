package dev.privacy.retention.service;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.retention.LegalHoldPlaced;
import dev.privacy.platform.events.retention.LegalHoldReleased;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.retention.config.RetentionConfig;
import dev.privacy.retention.domain.LegalHold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Legal holds (P07): while one is active no schedule in its scope expires; releasing it lets the
 * due ones in its scope expire at once (those no other hold covers). The reason stays here; the
 * events carry the scope and the legal reference only.
 */
@ApplicationScoped
public class LegalHoldService {

    @Inject
    ExpiryService expiry;

    @Inject
    Outbox outbox;

    @Inject
    RetentionConfig config;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public LegalHold place(String reference, String reason, UUID memberId, DataCategory category, String placedBy) {
        Instant now = clock.instant();
        LegalHold hold = new LegalHold();
        hold.id = UUID.randomUUID();
        hold.reference = reference;
        hold.reason = reason;
        hold.memberId = memberId;
        hold.category = category;
        hold.placedBy = placedBy;
        hold.placedAt = now;
        hold.persist();
        List<DataCategory> categories = category != null ? List.of(category) : Arrays.asList(DataCategory.values());
        outbox.publish(new LegalHoldPlaced(hold.id, memberId, categories, reference, now));
        return hold;
    }

    /** Returns the released hold and how many schedules expired on its release. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Released release(UUID holdId, String releasedBy) {
        LegalHold hold = LegalHold.findById(holdId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (hold == null) {
            throw ProblemException.notFound("No legal hold " + holdId);
        }
        if (!hold.active()) {
            throw new ProblemException(409, "hold-released", "Legal hold already released",
                    "Legal hold " + holdId + " was released at " + hold.releasedAt);
        }
        Instant now = clock.instant();
        hold.releasedAt = now;
        hold.releasedBy = releasedBy;
        outbox.publish(new LegalHoldReleased(hold.id, hold.memberId, now));
        // the hold no longer counts: what it held and is due goes now (the sweeper takes any rest)
        LegalHold.getEntityManager().flush();
        int expired = expiry.expireDue(now, config.sweep().batchSize(), hold.memberId, hold.category);
        return new Released(hold, expired);
    }

    public record Released(LegalHold hold, int expired) {
    }
}

package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Destruction (P07, P09) on RetentionExpired, the one path by which this service destroys retained
 * data: delete the category's rows and, once nothing encrypted under the member's data key remains,
 * destroy the key (crypto-shredding). Answers DataDestroyed; a repeat finds nothing and reports 0.
 */
@ApplicationScoped
public class DestructionService {

    private static final Logger LOG = Logger.getLogger(DestructionService.class);

    /** The categories whose rows this service holds. */
    public static final Set<DataCategory> OWNED = EnumSet.of(DataCategory.LIVE_PROFILE, DataCategory.MEMBER_PROFILE,
            DataCategory.CONTRACT_RECORDS);

    @Inject
    SeparatedStore separatedStore;

    @Inject
    DataKeys dataKeys;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder accessRecorder;

    @Inject
    PlatformConfig platform;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpired(RetentionExpired event) {
        if (!platform.service().equals(event.ownerService())) {
            return;
        }
        UUID memberId = event.memberId();
        long count = switch (event.category()) {
            case LIVE_PROFILE -> Member.delete("id", memberId);
            case MEMBER_PROFILE -> separatedStore.destroyProfile(memberId);
            case CONTRACT_RECORDS -> separatedStore.destroyContractRecord(memberId);
            default -> {
                LOG.warnf("RetentionExpired %s asks member-service to destroy %s, which it does not hold",
                        event.scheduleId(), event.category());
                yield 0L;
            }
        };
        boolean keyDestroyed = false;
        if (Member.count("id", memberId) == 0 && !separatedStore.holdsEncryptedData(memberId)) {
            keyDestroyed = dataKeys.destroy(memberId);
        }
        Instant now = clock.instant();
        if (count > 0 || keyDestroyed) {
            accessRecorder.record(memberId, AccessAction.DELETE, fieldsOf(event.category()), Purpose.RETENTION);
        }
        // CRYPTO_SHRED once the member's data key is gone: no copy anywhere can be read again.
        DestructionMethod method = keyDestroyed || !dataKeys.exists(memberId)
                ? DestructionMethod.CRYPTO_SHRED : DestructionMethod.DELETE;
        outbox.publish(new DataDestroyed(UUID.randomUUID(), memberId, event.category(), method, count,
                event.scheduleId(), platform.service(), null, now));
    }

    private static List<String> fieldsOf(DataCategory category) {
        return switch (category) {
            case LIVE_PROFILE, MEMBER_PROFILE -> Profile.FIELDS;
            case CONTRACT_RECORDS -> List.of("registeredAt", "contractEndedAt");
            default -> List.of();
        };
    }
}

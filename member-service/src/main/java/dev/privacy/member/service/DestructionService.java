package dev.privacy.member.service;

import dev.privacy.member.domain.DeskCase;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.PaymentRecord;
import dev.privacy.member.domain.ServiceApplication;
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
import java.util.stream.Stream;

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
            DataCategory.CONTRACT_RECORDS, DataCategory.PAYMENT_RECORDS, DataCategory.COMPLAINT_RECORDS);

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
            // live rows too: the retention-service decides when a period ends (a payment record's
            // 5 years can end while the member is still a member)
            case CONTRACT_RECORDS -> separatedStore.destroyContractRecord(memberId)
                    + ServiceApplication.delete("memberId", memberId);
            case PAYMENT_RECORDS -> separatedStore.destroyPaymentRecords(memberId)
                    + PaymentRecord.delete("memberId", memberId);
            // resolved cases of the member; a case with no member is its own subject (memberId = case ID)
            case COMPLAINT_RECORDS -> DeskCase.delete("(memberId = ?1 or (memberId is null and id = ?1)) and status = ?2",
                    memberId, DeskCase.Status.RESOLVED);
            default -> {
                LOG.warnf("RetentionExpired %s asks member-service to destroy %s, which it does not hold",
                        event.scheduleId(), event.category());
                yield 0L;
            }
        };
        boolean keyDestroyed = false;
        if (!holdsLiveData(memberId) && !separatedStore.holdsEncryptedData(memberId)) {
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

    /** Whether anything encrypted under the member's (or case's) data key remains outside the separated store. */
    private static boolean holdsLiveData(UUID subjectId) {
        return Member.count("id", subjectId) > 0
                || ServiceApplication.count("memberId", subjectId) > 0
                || PaymentRecord.count("memberId", subjectId) > 0
                || DeskCase.count("memberId = ?1 or id = ?1", subjectId) > 0;
    }

    private static List<String> fieldsOf(DataCategory category) {
        return switch (category) {
            case LIVE_PROFILE, MEMBER_PROFILE -> Profile.FIELDS;
            case CONTRACT_RECORDS -> Stream.concat(Stream.of("registeredAt", "contractEndedAt"),
                    ServiceApplications.ADDRESS_FIELDS.stream()).toList();
            case PAYMENT_RECORDS -> ServiceApplications.PAYMENT_FIELDS;
            case COMPLAINT_RECORDS -> List.of(PrivacyDeskService.DESCRIPTION, PrivacyDeskService.RESOLUTION_NOTE);
            default -> List.of();
        };
    }
}

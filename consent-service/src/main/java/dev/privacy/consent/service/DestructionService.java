package dev.privacy.consent.service;

import dev.privacy.consent.domain.ConsentReceipt;
import dev.privacy.consent.domain.ConsentRecord;
import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.consent.domain.GuardianConsent;
import dev.privacy.consent.service.crypto.GuardianKeys;
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
import java.util.List;
import java.util.UUID;

/**
 * Destruction on RetentionExpired (P07, P09) of the categories this service holds: the consent
 * records (receipts, current states, guardian consents and the guardian data key, so the guardian's
 * contact ciphertext is unreadable everywhere) and the cookie preferences. Answers DataDestroyed; a
 * repeat finds nothing and reports 0.
 */
@ApplicationScoped
public class DestructionService {

    private static final Logger LOG = Logger.getLogger(DestructionService.class);

    @Inject
    GuardianKeys guardianKeys;

    @Inject
    CookiePreferenceService cookies;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

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
        DestructionMethod method = DestructionMethod.DELETE;
        long count;
        List<String> fields;
        switch (event.category()) {
            case CONSENT_RECORDS -> {
                count = ConsentReceipt.delete("memberId", memberId) + ConsentRecord.delete("memberId", memberId)
                        + GuardianConsent.delete("memberId", memberId) + ConsentSubject.delete("memberId", memberId);
                if (guardianKeys.destroy(memberId)) {
                    method = DestructionMethod.CRYPTO_SHRED;
                }
                fields = List.of("consents", "consentReceipts", GuardianConsent.NAME_FIELD, GuardianConsent.CONTACT_FIELD);
            }
            case COOKIE_PREFERENCES -> {
                count = cookies.destroyFor(memberId);
                fields = CookiePreferenceService.FIELDS;
            }
            default -> {
                LOG.warnf("RetentionExpired %s asks consent-service to destroy %s, which it does not hold",
                        event.scheduleId(), event.category());
                count = 0;
                fields = List.of();
            }
        }
        if (count > 0) {
            access.record(memberId, AccessAction.DELETE, fields, Purpose.RETENTION);
        }
        outbox.publish(new DataDestroyed(UUID.randomUUID(), memberId, event.category(), method, count,
                event.scheduleId(), platform.service(), null, clock.instant()));
    }

    /** The categories whose rows this service holds. */
    public static final List<DataCategory> OWNED = List.of(DataCategory.CONSENT_RECORDS, DataCategory.COOKIE_PREFERENCES);
}

package dev.privacy.consent.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
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
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The fields of CONSENT_RECORDS, as access records name them. */
    private static final List<String> CONSENT_FIELDS = List.of("consents", "consentReceipts",
            GuardianConsent.NAME_FIELD, GuardianConsent.CONTACT_FIELD);

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

    @Inject
    EntityManager entityManager;

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
                fields = CONSENT_FIELDS;
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

    /**
     * The set-based form of {@link #onRetentionExpired} for a batch (BatchHandler): each category's
     * rows of all its members in one statement per table, one access-record and one DataDestroyed
     * statement, with the same counts, methods and records as handling the events in turn. The
     * categories touch different rows, so only a repeat matters: the first event of a member and
     * category destroys, a later one in the batch finds nothing (count 0, DELETE), as it would in turn.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpiredAll(List<IncomingEvent> events) {
        List<RetentionExpired> mine = events.stream().map(e -> e.as(RetentionExpired.class))
                .filter(e -> platform.service().equals(e.ownerService())).toList();
        if (mine.isEmpty()) {
            return;
        }
        entityManager.flush(); // the statements below are plain JDBC
        Set<UUID> consentMembers = membersOf(mine, DataCategory.CONSENT_RECORDS);
        Map<UUID, Long> consentCounts = deleteConsentRecords(consentMembers);
        Set<UUID> shredded = guardianKeys.destroyAll(consentMembers);
        Map<UUID, Long> cookieCounts = cookies.destroyForAll(membersOf(mine, DataCategory.COOKIE_PREFERENCES));

        Instant now = clock.instant();
        Set<String> done = new HashSet<>();
        List<AccessRecorder.Access> accesses = new ArrayList<>();
        List<DataDestroyed> answers = new ArrayList<>(mine.size());
        for (RetentionExpired event : mine) {
            UUID memberId = event.memberId();
            boolean first = done.add(event.category() + "/" + memberId);
            long count = !first ? 0 : switch (event.category()) {
                case CONSENT_RECORDS -> consentCounts.getOrDefault(memberId, 0L);
                case COOKIE_PREFERENCES -> cookieCounts.getOrDefault(memberId, 0L);
                default -> notHeld(event);
            };
            DestructionMethod method = first && event.category() == DataCategory.CONSENT_RECORDS
                    && shredded.contains(memberId) ? DestructionMethod.CRYPTO_SHRED : DestructionMethod.DELETE;
            if (count > 0) {
                accesses.add(new AccessRecorder.Access(memberId, AccessAction.DELETE, fieldsOf(event.category()),
                        Purpose.RETENTION));
            }
            answers.add(new DataDestroyed(UUID.randomUUID(), memberId, event.category(), method, count,
                    event.scheduleId(), platform.service(), null, now));
        }
        access.recordAll(accesses);
        outbox.publishAll(platform.eventsTopic(), answers);
    }

    private static Set<UUID> membersOf(List<RetentionExpired> events, DataCategory category) {
        Set<UUID> members = new HashSet<>();
        events.stream().filter(e -> e.category() == category).forEach(e -> members.add(e.memberId()));
        return members;
    }

    /** CONSENT_RECORDS of the members, as {@link #onRetentionExpired} deletes them: four tables, counted per member. */
    private Map<UUID, Long> deleteConsentRecords(Set<UUID> members) {
        Map<UUID, Long> counts = new HashMap<>();
        for (String table : List.of("consent_receipt", "consent_record", "guardian_consent", "consent_subject")) {
            SubjectStatements.addTo(counts, SubjectStatements.countPerSubject(entityManager,
                    "DELETE FROM " + table + " WHERE member_id = ANY(?) RETURNING member_id", members));
        }
        return counts;
    }

    private static long notHeld(RetentionExpired event) {
        LOG.warnf("RetentionExpired %s asks consent-service to destroy %s, which it does not hold",
                event.scheduleId(), event.category());
        return 0;
    }

    private static List<String> fieldsOf(DataCategory category) {
        return switch (category) {
            case CONSENT_RECORDS -> CONSENT_FIELDS;
            case COOKIE_PREFERENCES -> CookiePreferenceService.FIELDS;
            default -> List.of();
        };
    }

    /** The categories whose rows this service holds. */
    public static final List<DataCategory> OWNED = List.of(DataCategory.CONSENT_RECORDS, DataCategory.COOKIE_PREFERENCES);
}

package dev.privacy.consent.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.consent.domain.GuardianConsent;
import dev.privacy.consent.service.crypto.GuardianKeys;
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
    DestructionAnswers answers;

    @Inject
    EntityManager entityManager;

    /**
     * The consumer's work for a batch of expiries (a batch of one when a batch is handled again):
     * each category's rows of all its members in one statement per table. The categories touch
     * different rows, so only a repeat matters: the first event of a member and category destroys, a
     * later one in the batch finds nothing (count 0, DELETE), as it would in turn.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpired(List<IncomingEvent> events) {
        answers.destroyAndAnswer(events, this::destroy);
    }

    private List<DestructionAnswers.Destroyed> destroy(List<RetentionExpired> mine) {
        Set<UUID> consentMembers = membersOf(mine, DataCategory.CONSENT_RECORDS);
        Map<UUID, Long> consentCounts = deleteConsentRecords(consentMembers);
        Set<UUID> shredded = guardianKeys.destroyAll(consentMembers);
        Map<UUID, Long> cookieCounts = cookies.destroyForAll(membersOf(mine, DataCategory.COOKIE_PREFERENCES));

        Set<String> done = new HashSet<>();
        List<DestructionAnswers.Destroyed> destroyed = new ArrayList<>(mine.size());
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
            destroyed.add(new DestructionAnswers.Destroyed(count, method,
                    count > 0 ? fieldsOf(event.category()) : List.of()));
        }
        return destroyed;
    }

    private static Set<UUID> membersOf(List<RetentionExpired> events, DataCategory category) {
        Set<UUID> members = new HashSet<>();
        events.stream().filter(e -> e.category() == category).forEach(e -> members.add(e.memberId()));
        return members;
    }

    /** CONSENT_RECORDS of the members: four tables, counted per member. */
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

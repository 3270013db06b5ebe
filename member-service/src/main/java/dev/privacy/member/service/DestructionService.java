package dev.privacy.member.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    DestructionAnswers answers;

    @Inject
    EntityManager entityManager;

    /**
     * The consumer's work for a batch of expiries (a batch of one when a batch is handled again):
     * the same deletes, counts, methods, access records and DataDestroyed as handling the events in
     * turn, in a few statements per batch instead of about twelve per event. A subject's events
     * depend on each other (what is left decides its key), different subjects' do not: so the batch
     * runs in waves, wave k holding each subject's k-th event (one wave unless a subject has several
     * events in the batch).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpired(List<IncomingEvent> events) {
        answers.destroyAndAnswer(events, this::destroy);
    }

    private List<DestructionAnswers.Destroyed> destroy(List<RetentionExpired> mine) {
        Outcome[] outcomes = new Outcome[mine.size()];
        for (List<Integer> wave : waves(mine)) {
            destroyWave(mine, wave, outcomes);
        }
        List<DestructionAnswers.Destroyed> destroyed = new ArrayList<>(mine.size());
        for (int i = 0; i < mine.size(); i++) {
            Outcome outcome = outcomes[i];
            // CRYPTO_SHRED once the member's data key is gone: no copy anywhere can be read again.
            destroyed.add(new DestructionAnswers.Destroyed(outcome.count(),
                    outcome.keyRemains() ? DestructionMethod.DELETE : DestructionMethod.CRYPTO_SHRED,
                    outcome.count() > 0 || outcome.keyDestroyed() ? fieldsOf(mine.get(i).category()) : List.of()));
        }
        return destroyed;
    }

    /** What destroying one event's category did: rows deleted, its key destroyed now, its key still there. */
    private record Outcome(long count, boolean keyDestroyed, boolean keyRemains) {
    }

    /** Event indexes by wave: the k-th event of a subject in wave k, in batch order within a wave. */
    static List<List<Integer>> waves(List<RetentionExpired> events) {
        Map<UUID, Integer> seen = new HashMap<>();
        List<List<Integer>> waves = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            int k = seen.merge(events.get(i).memberId(), 1, Integer::sum) - 1;
            if (k == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(k).add(i);
        }
        return waves;
    }

    private void destroyWave(List<RetentionExpired> events, List<Integer> wave, Outcome[] outcomes) {
        Map<DataCategory, Set<UUID>> byCategory = new EnumMap<>(DataCategory.class);
        Set<UUID> subjects = new HashSet<>();
        for (int i : wave) {
            RetentionExpired event = events.get(i);
            byCategory.computeIfAbsent(event.category(), c -> new HashSet<>()).add(event.memberId());
            subjects.add(event.memberId());
        }
        Map<DataCategory, Map<UUID, Long>> counts = deleteLive(byCategory);
        Set<UUID> holdingLive = holdingLiveData(subjects);
        Set<UUID> toCheck = new HashSet<>(subjects);
        toCheck.removeAll(holdingLive);
        SeparatedStore.BatchDestruction separated = separatedStore.destroyAll(
                byCategory.getOrDefault(DataCategory.MEMBER_PROFILE, Set.of()),
                byCategory.getOrDefault(DataCategory.CONTRACT_RECORDS, Set.of()),
                byCategory.getOrDefault(DataCategory.PAYMENT_RECORDS, Set.of()), toCheck);
        SubjectStatements.addTo(counts.get(DataCategory.MEMBER_PROFILE), separated.profiles());
        SubjectStatements.addTo(counts.get(DataCategory.CONTRACT_RECORDS), separated.contractRecords());
        SubjectStatements.addTo(counts.get(DataCategory.PAYMENT_RECORDS), separated.paymentRecords());
        Set<UUID> unused = new HashSet<>(toCheck);
        unused.removeAll(separated.holding());
        DataKeys.KeyStates keys = dataKeys.destroyAll(unused, subjects);
        for (int i : wave) {
            RetentionExpired event = events.get(i);
            UUID memberId = event.memberId();
            outcomes[i] = new Outcome(counts.get(event.category()).getOrDefault(memberId, 0L),
                    keys.destroyed().contains(memberId), keys.remaining().contains(memberId));
        }
    }

    /** The live rows of each category's subjects , counted per subject. */
    private Map<DataCategory, Map<UUID, Long>> deleteLive(Map<DataCategory, Set<UUID>> byCategory) {
        Map<DataCategory, Map<UUID, Long>> counts = new EnumMap<>(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            Set<UUID> subjects = byCategory.getOrDefault(category, Set.of());
            counts.put(category, switch (category) {
                case LIVE_PROFILE -> countPerSubject("DELETE FROM member WHERE id = ANY(?) RETURNING id", subjects);
                case MEMBER_PROFILE -> new HashMap<>(); // only in the separated store
                case CONTRACT_RECORDS -> countPerSubject(
                        "DELETE FROM service_application WHERE member_id = ANY(?) RETURNING member_id", subjects);
                case PAYMENT_RECORDS -> countPerSubject(
                        "DELETE FROM payment_record WHERE member_id = ANY(?) RETURNING member_id", subjects);
                // a case counts for its member, or for itself when it has none
                case COMPLAINT_RECORDS -> countPerSubject("""
                        DELETE FROM privacy_desk_case
                        WHERE (member_id = ANY(?) OR (member_id IS NULL AND id = ANY(?))) AND status = 'RESOLVED'
                        RETURNING COALESCE(member_id, id)""", subjects);
                default -> notHeld(category, subjects);
            });
        }
        return counts;
    }

    private Map<UUID, Long> notHeld(DataCategory category, Set<UUID> subjects) {
        if (!subjects.isEmpty()) {
            LOG.warnf("RetentionExpired for %d subjects asks member-service to destroy %s, which it does not hold",
                    subjects.size(), category);
        }
        return new HashMap<>();
    }

    /** The subjects that still have live rows under their data key (outside the separated store). */
    private Set<UUID> holdingLiveData(Set<UUID> subjects) {
        return SubjectStatements.subjects(entityManager, """
                SELECT s.id FROM unnest(?::uuid[]) AS s(id)
                WHERE EXISTS (SELECT 1 FROM member m WHERE m.id = s.id)
                   OR EXISTS (SELECT 1 FROM service_application a WHERE a.member_id = s.id)
                   OR EXISTS (SELECT 1 FROM payment_record p WHERE p.member_id = s.id)
                   OR EXISTS (SELECT 1 FROM privacy_desk_case c WHERE c.member_id = s.id OR c.id = s.id)""", subjects);
    }

    private Map<UUID, Long> countPerSubject(String sql, Set<UUID> subjects) {
        return SubjectStatements.countPerSubject(entityManager, sql, subjects);
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

package dev.privacy.auditlog.service;

import dev.privacy.auditlog.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly review of staff and system access records (P19): per actor, how many members and
 * which fields they reached, for which purposes, and whether they reached far more members than
 * their peers (more than k times the median, and at least a minimum).
 */
@ApplicationScoped
public class AccessReview {

    private static final String STAFF_ACCESS = """
            FROM audit_entry
            WHERE category = 'STAFF_ACCESS_RECORDS' AND actor_id IS NOT NULL
              AND occurred_at >= ?1 AND occurred_at < ?2""";

    @Inject
    EntityManager entityManager;

    @Inject
    AuditConfig config;

    @Inject
    Clock clock;

    public record ActorReview(String actorId, String actorRole, long accesses, long members, Map<String, Long> fields,
                              Map<String, Long> purposes, boolean outlier) {
    }

    public record Report(YearMonth month, Instant from, Instant to, long actors, double medianMembers,
                         double outlierFactor, List<ActorReview> reviews, List<String> outliers, Instant generatedAt) {
    }

    @Transactional
    public Report of(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Object[]> totals = new LinkedHashMap<>();
        for (Object[] row : rows("SELECT actor_id, max(actor_role), count(*), count(DISTINCT member_id) " + STAFF_ACCESS
                + " GROUP BY actor_id ORDER BY actor_id", from, to)) {
            totals.put((String) row[0], row);
        }
        Map<String, Map<String, Long>> fields = counts("SELECT actor_id, f, count(*) " + STAFF_ACCESS.replace(
                "FROM audit_entry", "FROM audit_entry, unnest(string_to_array(fields, ',')) AS f")
                + " GROUP BY actor_id, f", from, to);
        Map<String, Map<String, Long>> purposes = counts("SELECT actor_id, purpose, count(*) " + STAFF_ACCESS
                + " AND purpose IS NOT NULL GROUP BY actor_id, purpose", from, to);

        double median = median(totals.values().stream().map(r -> ((Number) r[3]).longValue()).sorted().toList());
        double factor = config.review().outlierFactor();
        List<ActorReview> reviews = new ArrayList<>();
        for (Object[] row : totals.values()) {
            String actor = (String) row[0];
            long members = ((Number) row[3]).longValue();
            boolean outlier = members >= config.review().outlierMinimumMembers() && members > factor * median;
            reviews.add(new ActorReview(actor, (String) row[1], ((Number) row[2]).longValue(), members,
                    fields.getOrDefault(actor, Map.of()), purposes.getOrDefault(actor, Map.of()), outlier));
        }
        return new Report(month, from, to, reviews.size(), median, factor, reviews,
                reviews.stream().filter(ActorReview::outlier).map(ActorReview::actorId).toList(), clock.instant());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Instant from, Instant to) {
        return entityManager.createNativeQuery(sql).setParameter(1, Timestamp.from(from))
                .setParameter(2, Timestamp.from(to)).getResultList();
    }

    private Map<String, Map<String, Long>> counts(String sql, Instant from, Instant to) {
        Map<String, Map<String, Long>> byActor = new TreeMap<>();
        for (Object[] row : rows(sql, from, to)) {
            byActor.computeIfAbsent((String) row[0], a -> new TreeMap<>()).put((String) row[1], ((Number) row[2]).longValue());
        }
        return byActor;
    }

    static double median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
    }
}

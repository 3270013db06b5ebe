package dev.privacy.consent.service;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

/**
 * Set-based statements over many members at once, for the batch destruction: the members are one
 * {@code uuid[]} bound to every {@code ?} of the statement, which answers one row per affected row
 * with the member ID in the first column. Plain JDBC on the transaction's connection because JPQL
 * has no {@code DELETE … RETURNING}; the caller flushes the session first.
 */
public final class SubjectStatements {

    private SubjectStatements() {
    }

    /** Runs {@code sql} (a {@code DELETE … RETURNING member_id}, say) and counts its rows per member. */
    public static Map<UUID, Long> countPerSubject(EntityManager entityManager, String sql, Collection<UUID> subjects) {
        Map<UUID, Long> counts = new HashMap<>();
        if (subjects.isEmpty()) {
            return counts;
        }
        // counted here: the driver's parameter metadata would cost a round trip
        long parameters = sql.chars().filter(c -> c == '?').count();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                java.sql.Array ids = connection.createArrayOf("uuid", new HashSet<>(subjects).toArray());
                for (int i = 1; i <= parameters; i++) {
                    statement.setArray(i, ids);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.merge(rows.getObject(1, UUID.class), 1L, Long::sum);
                    }
                }
            }
        });
        return counts;
    }

    /** Sums per-member counts into {@code into} (one category's count over several tables). */
    public static Map<UUID, Long> addTo(Map<UUID, Long> into, Map<UUID, Long> counts) {
        counts.forEach((subject, n) -> into.merge(subject, n, Long::sum));
        return into;
    }
}

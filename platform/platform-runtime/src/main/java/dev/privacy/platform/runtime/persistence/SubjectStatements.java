package dev.privacy.platform.runtime.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Set-based statements over many subjects (members, or cases without a member) at once, for the
 * batch destruction: each statement takes the subjects as one {@code uuid[]} bound to every
 * {@code ?} it has, and answers one row per affected row with the subject ID in the first column.
 * Plain JDBC on the transaction's connection because JPQL has no {@code DELETE … RETURNING};
 * the caller flushes the session first.
 */
public final class SubjectStatements {

    private SubjectStatements() {
    }

    /** Runs {@code sql} (a {@code DELETE … RETURNING subject}, say) and counts its rows per subject. */
    public static Map<UUID, Long> countPerSubject(EntityManager entityManager, String sql, Collection<UUID> subjects) {
        Map<UUID, Long> counts = new HashMap<>();
        if (subjects.isEmpty()) {
            return counts;
        }
        run(entityManager, sql, subjects, rows -> {
            while (rows.next()) {
                counts.merge(rows.getObject(1, UUID.class), 1L, Long::sum);
            }
        });
        return counts;
    }

    /** Runs {@code sql} and answers the distinct subjects of its rows. */
    public static Set<UUID> subjects(EntityManager entityManager, String sql, Collection<UUID> subjects) {
        return countPerSubject(entityManager, sql, subjects).keySet();
    }

    /** Sums per-subject counts into {@code into} (one category's count over several tables). */
    public static Map<UUID, Long> addTo(Map<UUID, Long> into, Map<UUID, Long> counts) {
        counts.forEach((subject, n) -> into.merge(subject, n, Long::sum));
        return into;
    }

    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    /** Runs {@code sql} with the subjects bound to each of its parameters and hands its rows to {@code reader}. */
    public static void run(EntityManager entityManager, String sql, Collection<UUID> subjects, RowReader reader) {
        // counted here: the driver's parameter metadata would cost a round trip
        long parameters = sql.chars().filter(c -> c == '?').count();
        run(entityManager, sql, java.util.Collections.nCopies((int) parameters, subjects), reader);
    }

    /** Runs {@code sql} with the i-th collection bound, as a {@code uuid[]}, to its i-th parameter. */
    public static void run(EntityManager entityManager, String sql, List<? extends Collection<UUID>> parameters,
                           RowReader reader) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setArray(i + 1, uuids(connection, parameters.get(i)));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    reader.read(rows);
                }
            }
        });
    }

    private static java.sql.Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", new HashSet<>(ids).toArray());
    }
}

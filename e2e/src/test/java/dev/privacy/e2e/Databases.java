package dev.privacy.e2e;

import dev.privacy.platform.infra.PostgresServer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Reads of the services' own databases, as an operator with psql would make them: the truth after a run. */
final class Databases {

    private final PostgresServer postgres;

    Databases(PostgresServer postgres) {
        this.postgres = postgres;
    }

    /** Rows of a query; a {@link Collection} of UUIDs as a parameter is bound as a {@code uuid[]}. */
    List<Object[]> rows(String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.adminUser(), postgres.adminPassword());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Collection<?> values) {
                    Array array = c.createArrayOf("uuid", values.toArray());
                    s.setArray(i + 1, array);
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int col = 0; col < columns; col++) {
                        row[col] = rs.getObject(col + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + e.getMessage(), e);
        }
    }

    List<UUID> uuids(String database, String sql, Object... params) {
        return rows(database, sql, params).stream().map(r -> (UUID) r[0]).toList();
    }

    long count(String database, String sql, Object... params) {
        return ((Number) rows(database, sql, params).get(0)[0]).longValue();
    }
}

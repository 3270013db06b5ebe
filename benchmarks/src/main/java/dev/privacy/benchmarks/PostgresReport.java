package dev.privacy.benchmarks;

import dev.privacy.platform.infra.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;

/**
 * Where PostgreSQL spent a benchmark's time: the statements that took longest (pg_stat_statements,
 * which the server must preload), the busiest tables with their dead rows and autovacuum runs, the
 * WAL written and the checkpoints. Statement times are execution times, not CPU, and leave out
 * commits (the WAL flush) and autovacuum, which the table lines and the WAL line cover.
 */
final class PostgresReport {

    private PostgresReport() {
    }

    /** Creates the extension's view and forgets what seeding did, so the report covers the measured part only. */
    static void reset(PostgresServer pg) throws Exception {
        try (Connection c = pg.connect(pg.adminDatabase()); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
            s.execute("SELECT pg_stat_reset_shared('wal')");
            s.execute("SELECT pg_stat_reset_shared('bgwriter')");
        }
    }

    static void print(PostgresServer pg, List<String> databases) throws Exception {
        try (Connection c = pg.connect(pg.adminDatabase()); Statement s = c.createStatement()) {
            System.out.println("\nPostgreSQL statements by total execution time (pg_stat_statements):");
            table(s, """
                    SELECT d.datname AS db, s.calls, round(s.total_exec_time)::bigint AS total_ms,
                           round(s.mean_exec_time::numeric, 3) AS mean_ms, s.rows,
                           round(100 * s.total_exec_time / sum(s.total_exec_time) OVER ())::int AS pct,
                           left(regexp_replace(s.query, '\\s+', ' ', 'g'), 150) AS query
                    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    ORDER BY s.total_exec_time DESC LIMIT 30""");
            table(s, "SELECT round(sum(total_exec_time))::bigint AS all_statements_ms, sum(calls) AS calls FROM pg_stat_statements");
            System.out.println("\nWAL and checkpoints:");
            table(s, "SELECT wal_records, pg_size_pretty(wal_bytes) AS wal, wal_fpi, wal_write, wal_sync,"
                    + " round(wal_sync_time) AS sync_ms FROM pg_stat_wal");
            table(s, "SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint, buffers_backend FROM pg_stat_bgwriter");
        }
        for (String db : databases) {
            try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                System.out.println("\nTables of " + db + " (busiest first):");
                table(s, """
                        SELECT relname, n_live_tup AS live, n_dead_tup AS dead, n_tup_ins AS ins, n_tup_upd AS upd,
                               n_tup_hot_upd AS hot, n_tup_del AS del, autovacuum_count AS autovac,
                               autoanalyze_count AS autoanalyze, pg_size_pretty(pg_total_relation_size(relid)) AS size
                        FROM pg_stat_user_tables ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC LIMIT 8""");
            }
        }
    }

    private static void table(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder header = new StringBuilder("  ");
            for (int i = 1; i <= md.getColumnCount(); i++) {
                header.append(md.getColumnLabel(i)).append(i < md.getColumnCount() ? " | " : "");
            }
            System.out.println(header);
            while (rs.next()) {
                StringBuilder row = new StringBuilder("  ");
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append(i < md.getColumnCount() ? " | " : "");
                }
                System.out.println(row);
            }
        }
    }
}

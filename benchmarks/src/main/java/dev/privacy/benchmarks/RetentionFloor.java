package dev.privacy.benchmarks;

import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.runtime.kafka.ReliableProducers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The retention benchmark's baseline, taken in the same run on the same PostgreSQL and broker
 * before the services start: the pipeline's durable work without the services. Per schedule, as
 * plain SQL in transactions of 2,000 — expire it, delete the owner's row, insert a certificate
 * with evidence of the real size, mark it destroyed — and, through raw Kafka (acks=all,
 * idempotent, the relay's batching), the three records that carry it between services
 * (RetentionExpired, DataDestroyed, DestructionCertified), produced and consumed. No outbox,
 * inbox, key order, envelope, JSON or HTTP: what this machine can do at most for the same outcome,
 * so the pipeline's rate is read as a share of it (machines of this kind differ by ×1.5 from day
 * to day).
 */
final class RetentionFloor {

    static final int BATCH = 2_000;
    private static final int RECORD_BYTES = 600;
    private static final String EVIDENCE = "x".repeat(900);

    record Result(int schedules, double sqlPerSecond, double kafkaSchedulesPerSecond) {
        /** Both parts one after the other, as the pipeline must do both for each schedule. */
        double schedulesPerSecond() {
            return 1 / (1 / sqlPerSecond + 1 / kafkaSchedulesPerSecond);
        }
    }

    private RetentionFloor() {
    }

    static Result measure(PostgresServer pg, KafkaBroker kafka, int schedules) throws Exception {
        pg.createDatabase("floor");
        double sql = sql(pg, schedules);
        // the relay's batching, so the floor is not slower than the services' own sends
        double kafkaRecords = OutboxThroughputBenchmark.rawKafka(kafka, "floor.records", 3 * schedules,
                OutboxThroughputBenchmark.payload(RECORD_BYTES), ReliableProducers.STEP_BATCHING);
        return new Result(schedules, sql, kafkaRecords / 3);
    }

    private static double sql(PostgresServer pg, int schedules) throws Exception {
        try (Connection c = pg.connect("floor")) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE schedule (id uuid PRIMARY KEY, member_id uuid NOT NULL, category text NOT NULL,
                            state text NOT NULL, expires_at timestamptz NOT NULL, expired_at timestamptz,
                            destroyed_at timestamptz)""");
                s.execute("CREATE INDEX schedule_due ON schedule (expires_at) WHERE state = 'SCHEDULED'");
                s.execute("CREATE TABLE owner_row (id uuid PRIMARY KEY, member_id uuid NOT NULL, data text)");
                s.execute("CREATE INDEX owner_row_member ON owner_row (member_id)");
                s.execute("""
                        CREATE TABLE certificate (id uuid PRIMARY KEY, destruction_id uuid NOT NULL UNIQUE,
                            schedule_id uuid, member_ref text, category text NOT NULL, certified_at timestamptz NOT NULL,
                            evidence text NOT NULL, evidence_sha256 text NOT NULL)""");
                s.execute("CREATE INDEX certificate_member ON certificate (member_ref)");
                s.execute("""
                        INSERT INTO schedule (id, member_id, category, state, expires_at)
                        SELECT gen_random_uuid(), gen_random_uuid(), 'PAYMENT_RECORDS', 'SCHEDULED', now() - interval '1 day'
                        FROM generate_series(1, %d)""".formatted(schedules));
                s.execute("INSERT INTO owner_row (id, member_id, data) SELECT gen_random_uuid(), member_id, 'seeded' FROM schedule");
                s.execute("ANALYZE");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            int done = 0;
            try (PreparedStatement expire = c.prepareStatement("""
                         UPDATE schedule u SET state = 'EXPIRED', expired_at = now()
                         FROM (SELECT id FROM schedule WHERE state = 'SCHEDULED' AND expires_at <= now()
                               ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                         WHERE u.id = due.id RETURNING u.id, u.member_id""");
                 PreparedStatement deleteOwned = c.prepareStatement("DELETE FROM owner_row WHERE member_id = ANY(?)");
                 PreparedStatement certify = c.prepareStatement("""
                         INSERT INTO certificate (id, destruction_id, schedule_id, member_ref, category, certified_at,
                             evidence, evidence_sha256)
                         SELECT gen_random_uuid(), gen_random_uuid(), s.id, md5(s.member_id::text), s.category, now(),
                             ? || s.id, md5(? || s.id) FROM schedule s WHERE s.id = ANY(?)""");
                 PreparedStatement destroyed = c.prepareStatement(
                         "UPDATE schedule SET state = 'DESTROYED', destroyed_at = now() WHERE id = ANY(?)")) {
                while (done < schedules) {
                    List<UUID> ids = new ArrayList<>(BATCH);
                    List<UUID> members = new ArrayList<>(BATCH);
                    expire.setInt(1, BATCH);
                    try (ResultSet rs = expire.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                            members.add(rs.getObject(2, UUID.class));
                        }
                    }
                    if (ids.isEmpty()) {
                        throw new IllegalStateException("floor: no due schedule left after " + done);
                    }
                    Array idArray = c.createArrayOf("uuid", ids.toArray());
                    deleteOwned.setArray(1, c.createArrayOf("uuid", members.toArray()));
                    deleteOwned.executeUpdate();
                    certify.setString(1, EVIDENCE);
                    certify.setString(2, EVIDENCE);
                    certify.setArray(3, idArray);
                    certify.executeUpdate();
                    destroyed.setArray(1, idArray);
                    destroyed.executeUpdate();
                    c.commit();
                    done += ids.size();
                }
            }
            return done / ((System.nanoTime() - start) / 1e9);
        }
    }
}

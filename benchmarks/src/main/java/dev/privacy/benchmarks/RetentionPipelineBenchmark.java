package dev.privacy.benchmarks;

import dev.privacy.platform.infra.EmbeddedPostgresServer;
import dev.privacy.platform.infra.Infrastructure;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PlatformServices;
import dev.privacy.platform.infra.Ports;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.infra.ServiceProcess;
import dev.privacy.platform.infra.ServiceSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Issue 8: N due retention schedules (default 1,000,000) expired by the packaged retention-service's
 * sweeper, destroyed by their owners (the packaged member-, consent- and disclosure-service, each
 * deleting real rows seeded for the member) and certified, on one real PostgreSQL and one real Kafka
 * broker. Everything the owners destroy is seeded by SQL COPY first (for speed), the schedules last
 * in one transaction, so the sweeper sees all of them at once; then the databases are polled until
 * every schedule is DESTROYED with a certificate. Prints each stage's rate and the total time.
 *
 * <p>Members × categories: each member has three due schedules, one per owner —
 * PAYMENT_RECORDS (member-service: the separated payment record, then the member's data key, so the
 * answer is CRYPTO_SHRED), COOKIE_PREFERENCES (consent-service: the cookie preference row) and
 * DISCLOSURE_RECORDS (disclosure-service: the disclosure ledger row). audit-log-service is not run:
 * its categories are rolling windows over all members (one schedule per window, not per member).
 *
 * <p>First, before the services start, the baseline of the same run ({@link RetentionFloor}, on a
 * tenth of N): the same outcome as plain SQL and raw Kafka; the end prints the pipeline's rate as a
 * share of it.
 *
 * <p>Bounded: gives up after {@code -Dmax.minutes} (default 25) and prints how far it got.
 */
public final class RetentionPipelineBenchmark {

    private record Owned(String category, String owner, String basis) {
    }

    private static final List<Owned> CATEGORIES = List.of(
            new Owned("PAYMENT_RECORDS", "member-service", "E_COMMERCE_CONSUMER_PROTECTION_ACT"),
            new Owned("COOKIE_PREFERENCES", "consent-service", "PURPOSE_ACHIEVED"),
            new Owned("DISCLOSURE_RECORDS", "disclosure-service", "ACCOUNTABILITY_RECORD_OF_PROVISION"));

    /** {@code -Dbench.pg-statements=true}: PostgreSQL loads pg_stat_statements and the run ends with its report. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.pg-statements");
    private static final String STATS_INSERTED = "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = ";
    private static final String STATS_DELETED = "SELECT coalesce(sum(n_tup_del), 0) FROM pg_stat_user_tables WHERE relname = ";
    /** Answered from the partial index of due schedules (78 ms a read during run 16's sweep, so every 2 s). */
    private static final String NONE_SCHEDULED =
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM retention_schedule WHERE state = 'SCHEDULED') THEN 0 ELSE 1 END";
    private static final String DESTROYED = "SELECT count(*) FROM retention_schedule WHERE state = 'DESTROYED'";
    private static final String SCHEDULED = "SELECT count(*) FROM retention_schedule WHERE state = 'SCHEDULED'";
    private static final String CERTIFICATES = "SELECT count(*) FROM destruction_certificate";

    public static void main(String[] args) throws Exception {
        int schedules = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int members = (schedules + CATEGORIES.size() - 1) / CATEGORIES.size();
        Duration bound = Duration.ofMinutes(Long.parseLong(System.getProperty("max.minutes", "25")));
        Path root = PlatformServices.findRepositoryRoot(Path.of("").toAbsolutePath());
        Path logs = Files.createDirectories(root.resolve("benchmarks/target/logs"));

        if (STATEMENTS) {
            System.setProperty(EmbeddedPostgresServer.EXTRA_CONFIG_PROPERTY,
                    "shared_preload_libraries=pg_stat_statements;pg_stat_statements.track=all;track_io_timing=on");
        }
        try (PostgresServer postgres = Infrastructure.postgres(null, 0);
             KafkaBroker kafka = Infrastructure.kafka(Files.createTempDirectory("bench-kafka"), 0)) {
            RetentionFloor.Result floor = RetentionFloor.measure(postgres, kafka, Math.max(10_000, schedules / 10));
            System.out.printf("baseline, the same outcome without the services (%,d schedules): plain SQL %,.0f/s,"
                            + " raw Kafka %,.0f schedules/s (3 records each); both: %,.0f schedules/s%n", floor.schedules(),
                    floor.sqlPerSecond(), floor.kafkaSchedulesPerSecond(), floor.schedulesPerSecond());
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (ServiceSpec spec : List.of(PlatformServices.RETENTION, PlatformServices.MEMBER,
                        PlatformServices.CONSENT, PlatformServices.DISCLOSURE)) {
                    ServiceSpec resolved = spec.resolveAgainst(root).withPort(Ports.free());
                    postgres.createDatabase(resolved.database());
                    ServiceProcess.Builder b = ServiceProcess.builder(resolved).postgres(postgres).kafka(kafka)
                            .logFile(logs.resolve(spec.name() + "-retention-bench.log")).maxHeap("512m")
                            .jvmOptions(System.getProperty(spec.name() + ".jvm.options", ""));
                    if (spec == PlatformServices.MEMBER) {
                        b.env("MEMBER_KEK", randomKey()).env("MEMBER_LOOKUP_KEY", randomKey());
                    }
                    services.add(b.start());
                }
                for (ServiceProcess s : services) {
                    s.awaitReady(Duration.ofMinutes(3));
                }
                run(postgres, schedules, members, bound, floor);
            } finally {
                for (ServiceProcess s : services) {
                    s.close();
                }
            }
        }
    }

    private static void run(PostgresServer pg, int schedules, int members, Duration bound, RetentionFloor.Result floor)
            throws Exception {
        List<UUID> memberIds = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            memberIds.add(UUID.randomUUID());
        }
        long seedStart = System.nanoTime();
        seedOwners(pg, memberIds, schedules);
        System.out.printf("owner rows seeded for %,d members in %.1f s%n", members, secondsSince(seedStart));

        long ownerRowsAtStart;
        try (Connection member = pg.connect("member"); Connection consent = pg.connect("consent");
             Connection disclosure = pg.connect("disclosure")) {
            ownerRowsAtStart = ownerRows(member, consent, disclosure);
        }
        if (STATEMENTS) {
            PostgresReport.reset(pg);
        }

        // The schedules, due a day ago, in one transaction: the sweeper sees all of them at once.
        Instant due = Instant.now().minus(Duration.ofDays(1));
        long t0;
        try (Connection c = pg.connect("retention")) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copyChunks(copy, "COPY retention_schedule (id, member_id, category, owner_service, legal_basis, starts_at,"
                    + " expires_at, state, created_at, updated_at) FROM STDIN", schedules, i -> {
                Owned o = CATEGORIES.get(i % CATEGORIES.size());
                return UUID.randomUUID() + "\t" + memberIds.get(i / CATEGORIES.size()) + "\t" + o.category() + "\t"
                        + o.owner() + "\t" + o.basis() + "\t" + due + "\t" + due + "\tSCHEDULED\t" + due + "\t" + due;
            });
            c.commit();
            t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE retention_schedule");
            }
            c.commit();
        }
        System.out.printf("%,d due schedules committed (%.1f s of seeding in all); measuring until all are certified%n",
                schedules, secondsSince(seedStart));

        long deadline = t0 + bound.toNanos();
        double allExpired = Double.NaN;
        double ownersDone = Double.NaN;
        double allCertified = Double.NaN;
        double firstCertified = Double.NaN;
        long ownerRowsLeft = ownerRowsAtStart;
        try (Connection retention = pg.connect("retention"); Connection member = pg.connect("member");
             Connection consent = pg.connect("consent"); Connection disclosure = pg.connect("disclosure")) {
            long lastPrint = 0;
            long certificatesBefore = -1;
            long ownerRowsDeletedSeen = 0;
            long polls = 0;
            int pollsUnchanged = 0;
            while (System.nanoTime() < deadline) {
                // Cheap reads each second. An exact count of the 1 GB certificate table costs 2.4 s of
                // PostgreSQL (run 15), and runs 1-14 made seven exact counts a second, which cost
                // PostgreSQL more than some of the pipeline's statements. So the statistics'
                // counters say when an exact count is worth making: when they reach the goal, or
                // when they stop moving (they can lag behind the last commits).
                double t = secondsSince(t0);
                long certificatesSeen = count(retention, STATS_INSERTED + "'destruction_certificate'");
                polls++;
                if (polls % 5 == 0) { // a statistics read costs PostgreSQL ≈14 ms: the owners' milestone is ±5 s
                    ownerRowsDeletedSeen = count(member, STATS_DELETED + "'payment_record'")
                            + count(consent, STATS_DELETED + "'cookie_preference'")
                            + count(disclosure, STATS_DELETED + "'disclosure_ledger'");
                }
                pollsUnchanged = certificatesSeen == certificatesBefore && certificatesSeen > 0 ? pollsUnchanged + 1 : 0;
                certificatesBefore = certificatesSeen;
                boolean worthExact = certificatesSeen >= schedules || (pollsUnchanged > 0 && pollsUnchanged % 5 == 0);
                if (Double.isNaN(allExpired) && polls % 2 == 0 && count(retention, NONE_SCHEDULED) == 1) {
                    allExpired = t;
                }
                if (certificatesSeen > 0 && Double.isNaN(firstCertified)) {
                    firstCertified = t;
                }
                if (Double.isNaN(ownersDone) && (ownerRowsDeletedSeen >= ownerRowsAtStart || worthExact)) {
                    ownerRowsLeft = ownerRows(member, consent, disclosure);
                    if (ownerRowsLeft == 0) {
                        ownersDone = t;
                    }
                }
                if (worthExact && count(retention, CERTIFICATES) >= schedules
                        && count(retention, DESTROYED) >= schedules) {
                    allCertified = t;
                    break;
                }
                if (System.nanoTime() - lastPrint > 15_000_000_000L) {
                    System.out.printf("  t=%6.0f s  all expired: %-5s  owner rows deleted ≈%,9d  certificates ≈%,9d"
                                    + "  (from PostgreSQL's statistics)%n", t, !Double.isNaN(allExpired),
                            ownerRowsDeletedSeen, certificatesSeen);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(1000);
            }
            if (Double.isNaN(ownersDone)) {
                ownerRowsLeft = ownerRows(member, consent, disclosure);
            }
            long destroyed = count(retention, DESTROYED);
            long expiredOrLater = schedules - count(retention, SCHEDULED);
            System.out.printf("%nretention pipeline: %,d schedules (%,d members x %d owners' categories)%n",
                    schedules, members, CATEGORIES.size());
            System.out.println(stage("expired (sweeper: SCHEDULED -> EXPIRED, RetentionExpired in the outbox)", expiredOrLater, allExpired, t0));
            System.out.println(stage("destroyed by owners (seeded owner rows gone)", ownerRowsAtStart - ownerRowsLeft, ownersDone, t0));
            System.out.println(stage("certified (DESTROYED with a certificate)", destroyed, allCertified, t0));
            System.out.printf("first certificate after %.1f s; total %s%n", firstCertified,
                    Double.isNaN(allCertified) ? "NOT FINISHED within " + bound.toMinutes() + " min ("
                            + destroyed + " of " + schedules + " certified)"
                            : String.format("%.1f s (%.1f min) -> %,.0f schedules/s end to end", allCertified,
                            allCertified / 60, schedules / allCertified));
            double rate = destroyed / (Double.isNaN(allCertified) ? secondsSince(t0) : allCertified);
            System.out.printf("baseline (same run, no services): %,.0f schedules/s -> the pipeline ran at %.2f of it%n",
                    floor.schedulesPerSecond(), rate / floor.schedulesPerSecond());
        }
        if (STATEMENTS) {
            PostgresReport.print(pg, List.of("retention", "member", "consent", "disclosure"));
            timeRunFourteensPoll(pg);
        }
    }

    /** What one poll of runs 1-14 (seven exact counts, once a second) costs on the tables as they are now. */
    private static void timeRunFourteensPoll(PostgresServer pg) throws Exception {
        try (Connection retention = pg.connect("retention"); Connection member = pg.connect("member");
             Connection consent = pg.connect("consent"); Connection disclosure = pg.connect("disclosure")) {
            long begin = System.nanoTime();
            count(retention, SCHEDULED);
            count(retention, DESTROYED);
            count(retention, CERTIFICATES);
            ownerRows(member, consent, disclosure);
            System.out.printf("%nOne poll as runs 1-14 made it (once a second): %.0f ms on the final tables%n",
                    (System.nanoTime() - begin) / 1e6);
        }
    }

    private static String stage(String what, long done, double seconds, long t0) {
        double t = Double.isNaN(seconds) ? secondsSince(t0) : seconds;
        return String.format("  %-72s %,9d in %7.1f s  %,8.0f /s%s", what, done, t, done / t,
                Double.isNaN(seconds) ? "  (not finished)" : "");
    }

    /** Owner rows exactly for the (member, category) pairs that get a schedule: schedule i is member i / 3, category i % 3. */
    private static void seedOwners(PostgresServer pg, List<UUID> allMembers, int schedules) throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(400));
        List<List<UUID>> byCategory = new ArrayList<>();
        for (int c = 0; c < CATEGORIES.size(); c++) {
            List<UUID> members = new ArrayList<>();
            for (int i = 0; i * CATEGORIES.size() + c < schedules; i++) {
                members.add(allMembers.get(i));
            }
            byCategory.add(members);
        }
        List<UUID> payers = byCategory.get(0);
        List<UUID> cookieMembers = byCategory.get(1);
        List<UUID> disclosed = byCategory.get(2);
        try (Connection c = pg.connect("member")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            // bytea in text COPY: \\x... ; dummy ciphertexts (the benchmark measures the deletes, not the crypto)
            copyChunks(copy, "COPY separated.payment_record (id, application_id, member_id, payment_ct, recorded_at,"
                    + " separated_at) FROM STDIN", payers.size(), i -> UUID.randomUUID() + "\t" + UUID.randomUUID()
                    + "\t" + payers.get(i) + "\t\\\\x00112233445566778899\t" + past + "\t" + past);
            copyChunks(copy, "COPY member_data_key (member_id, wrapped_key, kek_key_id, created_at) FROM STDIN",
                    payers.size(), i -> payers.get(i) + "\t\\\\x00112233445566778899\t1\t" + past);
        }
        try (Connection c = pg.connect("consent")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copyChunks(copy, "COPY cookie_preference (id, member_id, choice, targeting, statistics, updated_at) FROM STDIN",
                    cookieMembers.size(), i -> UUID.randomUUID() + "\t" + cookieMembers.get(i) + "\tALLOW_ALL\ttrue\ttrue\t" + past);
        }
        try (Connection c = pg.connect("disclosure")) {
            UUID recipient = UUID.randomUUID();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO recipient (id, code, display_name, kind, created_at) VALUES ('" + recipient
                        + "', 'bench-recipient', 'Benchmark recipient', 'CONSENTED_THIRD_PARTY', now())");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String sha = "0".repeat(64);
            copyChunks(copy, "COPY disclosure_ledger (id, disclosure_id, member_id, recipient_id, fields, basis, purpose,"
                    + " payload_sha256, disclosed_at) FROM STDIN", disclosed.size(), i -> UUID.randomUUID() + "\t"
                    + UUID.randomUUID() + "\t" + disclosed.get(i) + "\t" + recipient + "\tname,mobile\tCONSENT\tTHIRD_PARTY_PROVISION\t"
                    + sha + "\t" + past);
        }
        for (String db : List.of("member", "consent", "disclosure")) {
            try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    private static void copyChunks(CopyManager copy, String sql, int rows, IntFunction<String> line) throws Exception {
        int chunk = 50_000;
        for (int from = 0; from < rows; from += chunk) {
            StringBuilder sb = new StringBuilder(chunk * 200);
            for (int i = from; i < Math.min(rows, from + chunk); i++) {
                sb.append(line.apply(i)).append('\n');
            }
            copy.copyIn(sql, new StringReader(sb.toString()));
        }
    }

    private static long ownerRows(Connection member, Connection consent, Connection disclosure) throws Exception {
        return count(member, "SELECT count(*) FROM separated.payment_record")
                + count(consent, "SELECT count(*) FROM cookie_preference")
                + count(disclosure, "SELECT count(*) FROM disclosure_ledger");
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }


    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "base64:" + Base64.getEncoder().encodeToString(key);
    }
}

package dev.privacy.auditlog;

import dev.privacy.auditlog.service.AuditChain;
import dev.privacy.auditlog.service.ChainHash;
import dev.privacy.auditlog.service.ChainVerifier;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.inbox.Inbox;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chained ingest against a plain batched insert of the same entries, in the same run and database,
 * and the verification rate. Not part of the normal build: run with -Dauditlog.benchmark=true.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "auditlog.benchmark", matches = "true")
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class ChainBenchmarkTest {

    private static final int N = Integer.getInteger("auditlog.benchmark.entries", 2000);
    private static final int BATCH = 100;

    @Inject
    AuditChain chain;

    @Inject
    ChainVerifier verifier;

    @Inject
    Inbox inbox;

    @Inject
    DataSource dataSource;

    private static List<IncomingEvent> events(int n) {
        List<IncomingEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID member = UUID.randomUUID();
            AccessRecorded record = new AccessRecorded(UUID.randomUUID(), member, "staff-bench", ActorRole.PRIVACY_OFFICER,
                    Services.MEMBER, dev.privacy.platform.events.AccessAction.READ, List.of("name", "email"),
                    Purpose.COMPLAINT_HANDLING, "10.0.0.1", null, Instant.now());
            events.add(new IncomingEvent(UUID.randomUUID(), "AccessRecorded.v1", Services.MEMBER, member.toString(),
                    Instant.now(), Topics.ACCESS_RECORDS, EventJson.toBytes(record)));
        }
        return events;
    }

    @Test
    void chainedIngestAgainstPlainBatchedInsertAndVerificationRate() throws Exception {
        events(200).forEach(e -> QuarkusTransaction.requiringNew().run(() -> chain.append(e))); // warm-up

        // 1. Chained, one transaction per event with its inbox row: what the consumer does today.
        List<IncomingEvent> perEvent = events(N);
        long t0 = System.nanoTime();
        for (IncomingEvent e : perEvent) {
            QuarkusTransaction.requiringNew().run(() -> {
                inbox.firstDelivery(e);
                chain.append(e);
            });
        }
        double perEventRate = N / seconds(t0);

        // 2. Chained, BATCH events per transaction (inbox rows, chain lock once per batch, outbox rows).
        List<IncomingEvent> batched = events(N);
        long firstSequence = -1;
        long lastSequence = -1;
        t0 = System.nanoTime();
        for (int from = 0; from < N; from += BATCH) {
            List<IncomingEvent> slice = batched.subList(from, Math.min(N, from + BATCH));
            long[] seq = QuarkusTransaction.requiringNew().call(() -> {
                long first = -1;
                long last = -1;
                for (IncomingEvent e : slice) {
                    inbox.firstDelivery(e);
                    last = chain.append(e).sequence;
                    first = first < 0 ? last : first;
                }
                return new long[]{first, last};
            });
            firstSequence = firstSequence < 0 ? seq[0] : firstSequence;
            lastSequence = seq[1];
        }
        double batchedRate = N / seconds(t0);

        // 3. Plain batched insert of the same entries' columns: no chain, no lock, no inbox, no outbox.
        List<IncomingEvent> plain = events(N);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_plain_entry (LIKE audit_entry INCLUDING DEFAULTS)");
            s.execute("TRUNCATE bench_plain_entry");
        }
        t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO bench_plain_entry (sequence, entry_id, source_topic, source_event_id, source_type,
                        source_service, actor_id, actor_role, action, member_id, fields, purpose, category,
                        occurred_at, recorded_at, data_hash, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                long sequence = 0;
                for (IncomingEvent e : plain) {
                    AccessRecorded r = e.as(AccessRecorded.class);
                    int i = 1;
                    insert.setLong(i++, sequence++);
                    insert.setObject(i++, UUID.randomUUID());
                    insert.setString(i++, e.topic());
                    insert.setObject(i++, e.id());
                    insert.setString(i++, e.type());
                    insert.setString(i++, e.source());
                    insert.setString(i++, r.actorId());
                    insert.setString(i++, r.actorRole().name());
                    insert.setString(i++, r.action().name());
                    insert.setObject(i++, r.memberId());
                    insert.setString(i++, String.join(",", r.fields()));
                    insert.setString(i++, r.purpose().name());
                    insert.setString(i++, r.recordCategory().name());
                    insert.setTimestamp(i++, Timestamp.from(r.occurredAt()));
                    insert.setTimestamp(i++, Timestamp.from(Instant.now()));
                    insert.setString(i++, ChainHash.sha256(e.data()));
                    insert.setString(i++, ChainHash.GENESIS);
                    insert.setString(i, ChainHash.GENESIS);
                    insert.addBatch();
                    if (sequence % BATCH == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
        }
        double plainRate = N / seconds(t0);

        t0 = System.nanoTime();
        ChainVerifier.Verification verification = verifier.verify(firstSequence, lastSequence);
        double verifyRate = verification.entriesChecked() / seconds(t0);
        assertThat(verification.intact()).isTrue();

        String report = String.format("""
                audit chain benchmark, %d entries each
                  chained ingest, 1 event per transaction (inbox + chain + outbox): %8.0f entries/s  ratio %.2f
                  chained ingest, %d events per transaction:                       %8.0f entries/s  ratio %.2f
                  plain batched insert (%d per transaction, no chain):              %8.0f entries/s
                  verification:                                                    %8.0f entries/s (%d entries)
                """, N, perEventRate, perEventRate / plainRate, BATCH, batchedRate, batchedRate / plainRate, BATCH,
                plainRate, verifyRate, verification.entriesChecked());
        System.out.println(report);
        Files.writeString(Path.of("target", "chain-benchmark.txt"), report);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

package dev.privacy.auditlog;

import dev.privacy.auditlog.domain.AuditEntry;
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
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.Inbox;
import dev.privacy.platform.runtime.inbox.RecordResult;
import dev.privacy.platform.testing.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

    private static final int N = Integer.getInteger("auditlog.benchmark.entries", 10000);
    private static final int BATCH = 100;
    /** The channels' max.poll.records (application.properties). */
    private static final int POLL = 2000;
    /** Alternating like-for-like rounds (batch inbox and plain insert at POLL) whose medians are reported. */
    private static final int ROUNDS = Integer.getInteger("auditlog.benchmark.rounds", 3);

    @Inject
    AuditChain chain;

    @Inject
    ChainVerifier verifier;

    @Inject
    Inbox inbox;

    @Inject
    DataSource dataSource;

    @Inject
    InboxConsumer batchInboxConsumer;

    @Inject
    KafkaClientService kafkaClients;

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
        events(200).forEach(e -> QuarkusTransaction.requiringNew().run(() -> chain.appendNew(List.of(e)))); // warm-up

        // 1. Chained, one transaction per event with its inbox row: a poll of one record.
        List<IncomingEvent> perEvent = events(N);
        long t0 = System.nanoTime();
        for (IncomingEvent e : perEvent) {
            QuarkusTransaction.requiringNew().run(() -> {
                inbox.firstDeliveries(List.of(e));
                chain.appendNew(List.of(e));
            });
        }
        double perEventRate = N / seconds(t0);

        // 2. Chained, BATCH events per transaction, each event's inbox row and entry written by itself
        // (the chain lock once per batch).
        List<IncomingEvent> batched = events(N);
        long firstSequence = -1;
        long lastSequence = -1;
        t0 = System.nanoTime();
        for (int from = 0; from < N; from += BATCH) {
            List<IncomingEvent> slice = batched.subList(from, Math.min(N, from + BATCH));
            long[] seq = QuarkusTransaction.requiringNew().call(() -> {
                for (IncomingEvent e : slice) {
                    inbox.firstDeliveries(List.of(e));
                    chain.appendNew(List.of(e));
                }
                long last = AuditEntry.last().sequence;
                return new long[]{last - slice.size() + 1, last};
            });
            firstSequence = firstSequence < 0 ? seq[0] : firstSequence;
            lastSequence = seq[1];
        }
        double batchedRate = N / seconds(t0);

        // 2b. The inbox consumer itself (platform InboxConsumer, what the Kafka channels call per poll):
        // records read from their envelopes and validated, positions, the entries' own event IDs checked (the
        // chain is its own inbox), one chained multi-row insert, one multi-row outbox insert, per poll of
        // BATCH and of POLL records.
        double batchInboxRate = batchInbox(events(N), BATCH);
        double batchInboxPollRate = batchInbox(events(N), POLL);

        // 2c. Where events really flow: N access records produced to access.records, timed until the
        // running consumer (batch channel) has logged the last of them.
        double endToEndRate = throughKafka(N);
        // 2d. The service's ingest rate of a backlog: N records waiting on access.records (the channel
        // paused while they are produced), timed from resume until all are logged.
        double backlogRate = backlogThroughKafka(N);

        // 3. Plain batched insert of the same entries' columns: no chain, no lock, no inbox, no outbox.
        // 4. The same batched insert with the chain: lock and head read once per batch, leaf and link hashed per entry.
        // Each pair runs twice, alternating, and the second round counts (the first warms the JIT for both).
        batchedInsert("bench_plain_entry", events(N), false, BATCH);
        batchedInsert("bench_chained_entry", events(N), true, BATCH);
        double plainRate = batchedInsert("bench_plain_entry", events(N), false, BATCH);
        double chainedInsertRate = batchedInsert("bench_chained_entry", events(N), true, BATCH);
        // 3b. The plain insert at the poll's size, the like-for-like baseline of the batch inbox at POLL.
        double plainPollRate = batchedInsert("bench_plain_entry", events(N), false, POLL);

        t0 = System.nanoTime();
        ChainVerifier.Verification verification = verifier.verify(firstSequence, lastSequence);
        double verifyRate = verification.entriesChecked() / seconds(t0);
        assertThat(verification.intact()).isTrue();

        // 5. The like-for-like pair again, in alternating rounds, the compliance stream caught up before each
        // round so neither path pays for an earlier phase's backlog (the batch inbox still publishes its own
        // entries while it runs, as the service does). Single runs of about two seconds each moved by half or more
        // between runs of the same code on this machine (BENCHMARKS.md issue 10, runs 8-15); medians are reported.
        List<Double> inboxRounds = new ArrayList<>();
        List<Double> plainRounds = new ArrayList<>();
        List<Double> ratioRounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<IncomingEvent> forInbox = events(N);
            List<IncomingEvent> forPlain = events(N);
            awaitStreamCaughtUp();
            double inbox = batchInbox(forInbox, POLL);
            awaitStreamCaughtUp();
            double plain = batchedInsert("bench_plain_entry", forPlain, false, POLL);
            inboxRounds.add(inbox);
            plainRounds.add(plain);
            ratioRounds.add(inbox / plain);
        }

        String report = String.format("""
                audit chain benchmark, %d entries each
                  chained ingest, 1 event per transaction (inbox + chain + outbox): %8.0f entries/s  ratio %.2f
                  chained ingest, %d events per transaction:                       %8.0f entries/s  ratio %.2f
                  batch inbox, %d records per poll (one transaction, set-based):    %8.0f entries/s  ratio %.2f
                  batch inbox, %d records per poll:                                 %8.0f entries/s  ratio %.2f (%.2f to the plain insert at %d)
                  through Kafka: produced to access.records until all logged:     %8.0f entries/s  ratio %.2f
                  through Kafka: a backlog on access.records until all logged:    %8.0f entries/s  ratio %.2f (%.2f to the plain insert at %d)
                  plain batched insert (%d per transaction, no chain):              %8.0f entries/s
                  chained batched insert (same, with lock, head, leaf and link):   %8.0f entries/s  ratio %.2f
                  plain batched insert, %d per transaction:                         %8.0f entries/s
                  verification:                                                    %8.0f entries/s (%d entries)
                  like for like, %d alternating rounds, compliance stream caught up before each (medians):
                    batch inbox, %d records per poll:                               %8.0f entries/s  rounds %s
                    plain batched insert, %d per transaction:                       %8.0f entries/s  rounds %s
                    ratio of the batch inbox to the plain insert at %d:             %8.2f          rounds %s
                """, N, perEventRate, perEventRate / plainRate, BATCH, batchedRate, batchedRate / plainRate,
                BATCH, batchInboxRate, batchInboxRate / plainRate, POLL, batchInboxPollRate, batchInboxPollRate / plainRate,
                batchInboxPollRate / plainPollRate, POLL,
                endToEndRate, endToEndRate / plainRate, backlogRate, backlogRate / plainRate, backlogRate / plainPollRate, POLL,
                BATCH,
                plainRate, chainedInsertRate, chainedInsertRate / plainRate, POLL, plainPollRate, verifyRate, verification.entriesChecked(),
                ROUNDS, POLL, median(inboxRounds), rounds(inboxRounds, "%.0f"), POLL, median(plainRounds), rounds(plainRounds, "%.0f"),
                POLL, median(ratioRounds), rounds(ratioRounds, "%.2f"));
        System.out.println(report);
        Files.writeString(Path.of("target", "chain-benchmark.txt"), report);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounds(List<Double> values, String format) {
        return values.stream().map(v -> String.format(format, v)).collect(Collectors.joining(", "));
    }

    /** Until the compliance stream has published every entry of the chain (its cursor at the head). */
    private void awaitStreamCaughtUp() {
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> streamCursor() >= head());
    }

    private long streamCursor() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT last_sequence FROM compliance_stream_position WHERE stream = '"
                     + Topics.AUDIT_COMPLIANCE + "'")) {
            return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
        }
    }

    /** The batch inbox over the events as consumed records, {@code poll} per call; entries/s. */
    private double batchInbox(List<IncomingEvent> events, int poll) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent e = events.get(i);
            ProducerRecord<String, byte[]> sent = CloudEventEnvelope.toRecord(e.topic(), e.id(), e.source(), e.type(),
                    e.subject(), e.time(), e.data());
            records.add(new ConsumerRecord<>(sent.topic(), 0, i, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                    sent.key().length(), sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty()));
        }
        EventHandlers each = EventHandlers.builder().acceptAll().build();
        long t0 = System.nanoTime();
        for (int from = 0; from < records.size(); from += poll) {
            List<RecordResult> results = batchInboxConsumer.handleSelfRecorded(
                    records.subList(from, Math.min(records.size(), from + poll)), each, chain::appendNew);
            assertThat(results).noneMatch(RecordResult::deadLettered);
        }
        return events.size() / seconds(t0);
    }

    /** Produces n access records and waits until the consumer has logged all; entries/s from first send. */
    private double throughKafka(int n) throws Exception {
        List<IncomingEvent> events = events(n);
        Set<UUID> ids = events.stream().map(IncomingEvent::id).collect(Collectors.toSet());
        long before = logged(ids);
        long headBefore = head();
        long t0 = System.nanoTime();
        produce(events);
        awaitLogged(ids, before, headBefore);
        return n / seconds(t0);
    }

    /** Produces n access records while the channel is paused, then times the consumer from resume until all are logged. */
    private double backlogThroughKafka(int n) throws Exception {
        List<IncomingEvent> events = events(n);
        Set<UUID> ids = events.stream().map(IncomingEvent::id).collect(Collectors.toSet());
        long before = logged(ids);
        long headBefore = head();
        var consumer = kafkaClients.getConsumer("access-records");
        consumer.pause().await().atMost(Duration.ofSeconds(30));
        produce(events);
        assertThat(logged(ids) - before).as("nothing consumed while paused").isZero();
        long t0 = System.nanoTime();
        consumer.resume().await().atMost(Duration.ofSeconds(30));
        awaitLogged(ids, before, headBefore);
        return n / seconds(t0);
    }

    /** Sends the events to access.records as a client would, and waits until the broker has them all. */
    private static void produce(List<IncomingEvent> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (IncomingEvent e : events) {
                producer.send(CloudEventEnvelope.toRecord(Topics.ACCESS_RECORDS, e.id(), e.source(), e.type(), e.subject(),
                        e.time(), e.data()));
            }
            producer.flush();
        }
    }

    /**
     * Until all n are logged: the head's sequence is polled (an index lookup) and the costly count of the
     * IDs runs only once the head has moved n on, so the waiting does not load the database it measures.
     */
    private void awaitLogged(Set<UUID> ids, long before, long headBefore) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> head() - headBefore >= ids.size() && logged(ids) - before == ids.size());
    }

    private long head() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT coalesce(max(sequence), -1) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long logged(Set<UUID> ids) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM audit_entry WHERE source_event_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** JDBC-batched insert of the entries into a copy of audit_entry (no trigger), {@code batch} per transaction; entries/s. */
    private double batchedInsert(String table, List<IncomingEvent> events, boolean chained, int batch) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (LIKE audit_entry INCLUDING DEFAULTS INCLUDING INDEXES)");
            s.execute("TRUNCATE " + table);
        }
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO %s (sequence, entry_id, source_topic, source_event_id, source_type,
                        source_service, actor_id, actor_role, action, member_id, fields, purpose, category,
                        occurred_at, recorded_at, data_hash, leaf_hash, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""".formatted(table));
                 Statement s = c.createStatement()) {
                long sequence = -1;
                String previous = ChainHash.GENESIS;
                for (int from = 0; from < events.size(); from += batch) {
                    if (chained) {
                        s.execute("SELECT pg_advisory_xact_lock(hashtext('bench-chain'))");
                        try (var rs = s.executeQuery("SELECT sequence, hash FROM " + table + " ORDER BY sequence DESC LIMIT 1")) {
                            if (rs.next()) {
                                sequence = rs.getLong(1);
                                previous = rs.getString(2);
                            }
                        }
                    }
                    for (IncomingEvent e : events.subList(from, Math.min(events.size(), from + batch))) {
                        AccessRecorded r = e.as(AccessRecorded.class);
                        AuditEntry entry = new AuditEntry();
                        entry.sequence = ++sequence;
                        entry.entryId = UUID.randomUUID();
                        entry.sourceTopic = e.topic();
                        entry.sourceEventId = e.id();
                        entry.sourceType = e.type();
                        entry.sourceService = e.source();
                        entry.actorId = r.actorId();
                        entry.actorRole = r.actorRole().name();
                        entry.action = r.action().name();
                        entry.memberId = r.memberId();
                        entry.fields = String.join(",", r.fields());
                        entry.purpose = r.purpose().name();
                        entry.category = r.recordCategory().name();
                        entry.occurredAt = r.occurredAt().truncatedTo(ChronoUnit.MICROS);
                        entry.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        entry.dataHash = ChainHash.sha256(e.data());
                        if (chained) {
                            entry.previousHash = previous;
                            entry.leafHash = ChainHash.leaf(entry);
                            entry.hash = ChainHash.link(previous, entry.leafHash);
                            previous = entry.hash;
                        } else {
                            entry.previousHash = ChainHash.GENESIS;
                            entry.hash = ChainHash.GENESIS;
                        }
                        int i = 1;
                        insert.setLong(i++, entry.sequence);
                        insert.setObject(i++, entry.entryId);
                        insert.setString(i++, entry.sourceTopic);
                        insert.setObject(i++, entry.sourceEventId);
                        insert.setString(i++, entry.sourceType);
                        insert.setString(i++, entry.sourceService);
                        insert.setString(i++, entry.actorId);
                        insert.setString(i++, entry.actorRole);
                        insert.setString(i++, entry.action);
                        insert.setObject(i++, entry.memberId);
                        insert.setString(i++, entry.fields);
                        insert.setString(i++, entry.purpose);
                        insert.setString(i++, entry.category);
                        insert.setTimestamp(i++, Timestamp.from(entry.occurredAt));
                        insert.setTimestamp(i++, Timestamp.from(entry.recordedAt));
                        insert.setString(i++, entry.dataHash);
                        insert.setString(i++, entry.leafHash);
                        insert.setString(i++, entry.previousHash);
                        insert.setString(i, entry.hash);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
        return events.size() / seconds(t0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

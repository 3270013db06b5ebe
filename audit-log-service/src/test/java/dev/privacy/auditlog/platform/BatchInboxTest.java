package dev.privacy.auditlog.platform;

import dev.privacy.auditlog.service.AuditChain;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.inbox.BatchHandler;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer.Outcome;
import dev.privacy.platform.runtime.inbox.RecordResult;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's inbox consumer ({@link InboxConsumer}) with the audit chain as its handler: one
 * transaction per batch, each event acted on once and in order per key, a poison record
 * dead-lettered while the rest commit, a database outage in the middle of a batch waited out.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class BatchInboxTest {

    private static final String DATABASE = "auditlog";
    private static final String ACTIVATED = EventDescriptor.of(MemberActivated.class).ceType();

    @Inject
    InboxConsumer batchInbox;

    @Inject
    AuditChain chain;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry metrics;

    private final EventHandlers appendEach = EventHandlers.builder().otherwise(e -> chain.appendNew(List.of(e))).build();

    @Test
    void aBatchIsActedOnInOneTransactionAndEveryRecordCommits() {
        UUID member = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            records.add(record(id, member, null, i));
        }
        AtomicInteger calls = new AtomicInteger();
        Set<Object> transactionKeys = new HashSet<>();
        BatchHandler setBased = events -> {
            calls.incrementAndGet();
            transactionKeys.add(transactions.getTransactionKey());
            assertThat(events).extracting(IncomingEvent::id).containsExactlyElementsOf(ids);
            chain.appendNew(events);
        };

        List<RecordResult> results = batchInbox.handle(records, appendEach, setBased);

        assertThat(results).extracting(RecordResult::outcome).containsOnly(Outcome.HANDLED).hasSize(50);
        assertThat(calls).as("set-based handler calls").hasValue(1);
        assertThat(loggedInOrder(member)).as("entries, in consumption order").containsExactlyElementsOf(ids);
        assertThat(consecutive(member)).as("sequences of the batch are consecutive").isTrue();

        // Per-record handlers (no set-based work) also share the batch's one transaction.
        UUID other = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> more = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            more.add(record(UUID.randomUUID(), other, null, i));
        }
        Set<Object> perRecordKeys = new HashSet<>();
        EventHandlers recordingEach = EventHandlers.builder().otherwise(e -> {
            perRecordKeys.add(transactions.getTransactionKey());
            chain.appendNew(List.of(e));
        }).build();
        assertThat(batchInbox.handle(more, recordingEach, null)).extracting(RecordResult::outcome).containsOnly(Outcome.HANDLED);
        assertThat(perRecordKeys).as("transactions of ten per-record handler calls").hasSize(1);
        assertThat(loggedInOrder(other)).hasSize(10);
    }

    @Test
    void aDuplicateInsideABatchAndAcrossBatchesIsActedOnOnce() {
        UUID member = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();

        List<RecordResult> first = batchInbox.handle(List.of(record(a, member, null, 0), record(b, member, null, 1),
                record(a, member, null, 2)), appendEach, chain::appendNew);
        List<RecordResult> second = batchInbox.handle(List.of(record(b, member, null, 3), record(c, member, null, 4)),
                appendEach, chain::appendNew);

        assertThat(first).extracting(RecordResult::outcome).containsExactly(Outcome.HANDLED, Outcome.HANDLED, Outcome.DUPLICATE);
        assertThat(second).extracting(RecordResult::outcome).containsExactly(Outcome.DUPLICATE, Outcome.HANDLED);
        assertThat(loggedInOrder(member)).containsExactly(a, b, c);
    }

    @Test
    void outOfOrderCopiesOfAKeyAreActedOnInTheirOrder() {
        UUID member = UUID.randomUUID();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        UUID three = UUID.randomUUID();

        UUID four = UUID.randomUUID();
        assertThat(batchInbox.handle(List.of(record(one, member, 1L, 0)), appendEach, chain::appendNew))
                .extracting(RecordResult::outcome).containsExactly(Outcome.HANDLED);
        // The relay repeated a batch: #3 reached the partition once before #2, then came again after it.
        List<RecordResult> results = batchInbox.handle(List.of(record(three, member, 3L, 1), record(two, member, 2L, 2),
                record(three, member, 3L, 3), record(four, member, 4L, 4)), appendEach, chain::appendNew);
        // And a late copy of #4 in the next batch.
        List<RecordResult> next = batchInbox.handle(List.of(record(four, member, 4L, 5)), appendEach, chain::appendNew);

        assertThat(results).extracting(RecordResult::outcome).containsExactly(Outcome.WAITING_FOR_EARLIER,
                Outcome.HANDLED, Outcome.HANDLED, Outcome.HANDLED);
        assertThat(next).extracting(RecordResult::outcome).containsExactly(Outcome.DUPLICATE);
        assertThat(loggedInOrder(member)).containsExactly(one, two, three, four);
    }

    @Test
    void aRecordWhoseHandlerFailsInTheMiddleOfABatchIsDeadLetteredAndTheRestCommit() {
        UUID member = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<UUID> good = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            UUID id = i == 4 ? poison : UUID.randomUUID();
            if (i != 4) {
                good.add(id);
            }
            records.add(record(id, member, i + 1L, i));
        }
        AtomicInteger poisonAlone = new AtomicInteger();
        BatchHandler failingBatch = events -> {
            if (events.size() == 1 && events.get(0).id().equals(poison)) {
                poisonAlone.incrementAndGet();
            }
            events.forEach(e -> failOn(poison, e));
            chain.appendNew(events);
        };

        List<RecordResult> results = batchInbox.handle(records, EventHandlers.builder().acceptAll().build(), failingBatch);

        assertThat(results.get(4).deadLettered()).as("the poison record is dead-lettered").isTrue();
        assertThat(results).filteredOn(r -> !r.deadLettered()).extracting(RecordResult::outcome)
                .containsOnly(Outcome.HANDLED).hasSize(8);
        assertThat(loggedInOrder(member)).as("the others committed, in order, the later ones not waiting for #5")
                .containsExactlyElementsOf(good);
        assertThat(inboxHas(poison)).isFalse();
        // the batch handled again as batches of one, by the same set-based work: the poison tried
        // InboxConsumer.ATTEMPTS (4) times alone before it went to the dead-letter topic
        assertThat(poisonAlone).as("attempts of the poison record alone").hasValue(4);
    }

    @Test
    void aSchemaBreakingRecordAmongGoodOnesOnTheTopicGoesToTheDeadLetterTopicAndTheRestAreLogged() throws Exception {
        UUID member = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        List<UUID> good = new ArrayList<>();
        String bootstrap = SharedInfrastructure.get().kafka().bootstrapServers();
        double batchedBefore = batchedEvents();
        // Sent without waiting for each acknowledgement, so the consumer's polls take several at once.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int i = 0; i < 11; i++) {
                if (i == 5) {
                    producer.send(CloudEventEnvelope.toRecord(Topics.CONSENT_EVENTS, poison, Services.CONSENT, ACTIVATED,
                            member.toString(), Instant.now(), "{\"memberId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8)));
                } else {
                    UUID id = UUID.randomUUID();
                    good.add(id);
                    producer.send(CloudEventEnvelope.toRecord(Topics.CONSENT_EVENTS, id, Services.CONSENT, ACTIVATED,
                            member.toString(), Instant.now(), EventJson.toBytes(new MemberActivated(member, null, Instant.now()))));
                }
            }
            producer.flush();
        }

        Awaitility.await("the good events are logged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> loggedInOrder(member).size() == 10);
        assertThat(loggedInOrder(member)).containsExactlyElementsOf(good);
        try (TopicProbe dlq = TopicProbe.of(bootstrap, Topics.deadLetter(Topics.CONSENT_EVENTS, Services.AUDIT_LOG))) {
            List<ConsumerRecord<String, byte[]>> dead = dlq.pollUntil(
                    rs -> rs.stream().anyMatch(r -> poison.toString().equals(TopicProbe.cloudEvent(r).getId())),
                    Duration.ofSeconds(30));
            assertThat(dead).filteredOn(r -> member.toString().equals(r.key()))
                    .extracting(r -> TopicProbe.cloudEvent(r).getId()).containsExactly(poison.toString());
        }
        assertThat(batchedEvents() - batchedBefore).as("events handled by the batch inbox").isGreaterThanOrEqualTo(10);
        // A batch is acknowledged once, after its dead letters: the group's offsets still reach the end of the topic.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await("the batches' offsets are committed").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> committedToTheEnd(admin, Topics.CONSENT_EVENTS));
        }
    }

    /** Whether the audit log's consumer group has committed every partition of the topic up to its end. */
    private static boolean committedToTheEnd(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Services.AUDIT_LOG)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> partitions = new java.util.HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() == end.getValue().offset());
    }

    @Test
    void aDatabaseOutageInTheMiddleOfABatchPausesItAndOnceTheDatabaseAnswersEveryEventIsLoggedOnce() throws Exception {
        PostgresServer postgres = SharedInfrastructure.get().postgres();
        UUID member = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            records.add(record(id, member, i + 1L, i));
        }
        AtomicBoolean cut = new AtomicBoolean();
        AtomicBoolean pausedSeen = new AtomicBoolean();
        Thread restore = new Thread(() -> {
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .ignoreExceptions().until(() -> paused() > 0);
                pausedSeen.set(true);
                Thread.sleep(3000); // the outage lasts a while after the consumer noticed it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                refuseConnections(postgres, false);
            }
        });
        BatchHandler cutMidway = events -> {
            if (cut.compareAndSet(false, true)) {
                chain.appendNew(events.subList(0, 10)); // half the batch's work done, then the database goes away
                refuseConnections(postgres, true);
                restore.start();
                chain.appendNew(events.subList(10, events.size()));
            } else {
                chain.appendNew(events);
            }
        };

        List<RecordResult> results = batchInbox.handle(records, appendEach, cutMidway);
        restore.join(30_000);

        assertThat(pausedSeen).as("the batch waited, counted in platform.inbox.paused").isTrue();
        assertThat(results).extracting(RecordResult::outcome).containsOnly(Outcome.HANDLED).hasSize(20);
        assertThat(loggedInOrder(member)).as("every event once, in order").containsExactlyElementsOf(ids);
        assertThat(paused()).isZero();
    }

    @Test
    void aGapSeenAndClosedInOneBatchLeavesNoGapAndAGapOpenPastItsGraceIsGivenUp() {
        UUID member = UUID.randomUUID();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        UUID three = UUID.randomUUID();
        UUID four = UUID.randomUUID();
        UUID five = UUID.randomUUID();
        assertThat(batchInbox.handle(List.of(record(one, member, 1L, 0)), appendEach, chain::appendNew))
                .extracting(RecordResult::outcome).containsExactly(Outcome.HANDLED);

        // #3 early, then #2 and #3 again: the batch ends in order, so no gap stays marked.
        assertThat(batchInbox.handle(List.of(record(three, member, 3L, 1), record(two, member, 2L, 2),
                record(three, member, 3L, 3)), appendEach, chain::appendNew))
                .extracting(RecordResult::outcome).containsExactly(Outcome.WAITING_FOR_EARLIER, Outcome.HANDLED, Outcome.HANDLED);
        assertThat(position(member)).as("position and gap after the batch").isEqualTo("3/no gap");

        // #5 ahead of #4: it waits and the gap is marked.
        assertThat(batchInbox.handle(List.of(record(five, member, 5L, 4)), appendEach, chain::appendNew))
                .extracting(RecordResult::outcome).containsExactly(Outcome.WAITING_FOR_EARLIER);
        assertThat(position(member)).isEqualTo("3/gap");

        // The gap has been open longer than privacy.inbox.gap-grace (PT5M): #5 is handled, and #4, behind
        // the position now but never seen, is handled too.
        execute("UPDATE inbox_key_position SET gap_seen_at = now() - interval '1 hour' WHERE aggregate_key = '" + member + "'");
        assertThat(batchInbox.handle(List.of(record(five, member, 5L, 5), record(four, member, 4L, 6)), appendEach,
                chain::appendNew)).extracting(RecordResult::outcome).containsExactly(Outcome.HANDLED, Outcome.HANDLED);
        assertThat(position(member)).isEqualTo("5/no gap");
        assertThat(loggedInOrder(member)).containsExactly(one, two, three, five, four);
    }

    @Test
    void anEventOfAHandledTypeThatIsNotTheConsumersConcernIsSkippedBeforeTheInboxAndItsKeyMovesOn() {
        UUID member = UUID.randomUUID();
        UUID notOurs = UUID.randomUUID();
        UUID ours = UUID.randomUUID();
        List<UUID> handled = new ArrayList<>();
        EventHandlers onlyOurs = EventHandlers.builder()
                .on(MemberActivated.class, activated -> false, activated -> handled.add(activated.memberId()))
                .build();

        List<RecordResult> results = batchInbox.handle(List.of(record(notOurs, member, 1L, 0)), onlyOurs, null);
        List<RecordResult> next = batchInbox.handle(List.of(record(ours, member, 2L, 1)), appendEach, chain::appendNew);

        assertThat(results).extracting(RecordResult::outcome).containsExactly(Outcome.SKIPPED);
        assertThat(handled).as("handler calls for an event the filter refuses").isEmpty();
        assertThat(inboxHas(notOurs)).as("skipped event recorded in the inbox").isFalse();
        assertThat(next).as("the key's next event does not wait for the skipped one")
                .extracting(RecordResult::outcome).containsExactly(Outcome.HANDLED);
        assertThat(position(member)).isEqualTo("2/no gap");
    }

    private static String position(UUID member) {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT last_sequence, gap_seen_at IS NOT NULL FROM inbox_key_position WHERE aggregate_key = ?")) {
            q.setString(1, member.toString());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) + (rs.getBoolean(2) ? "/gap" : "/no gap") : "none";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void failOn(UUID poison, IncomingEvent event) {
        if (event.id().equals(poison)) {
            throw new IllegalStateException("handler cannot handle " + event.id());
        }
    }

    private static ConsumerRecord<String, byte[]> record(UUID id, UUID member, Long sequence, long offset) {
        ProducerRecord<String, byte[]> sent = CloudEventEnvelope.toRecord(Topics.CONSENT_EVENTS, id, Services.CONSENT,
                ACTIVATED, member.toString(), Instant.now(), EventJson.toBytes(new MemberActivated(member, null, Instant.now())),
                sequence);
        return new ConsumerRecord<>(sent.topic(), 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                sent.key().length(), sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty());
    }

    private double paused() {
        return metrics.get("platform.inbox.paused").gauge().value();
    }

    private double batchedEvents() {
        return metrics.find("platform.inbox.batched-events").tag("outcome", "HANDLED").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static Connection connect() throws SQLException {
        PostgresServer postgres = SharedInfrastructure.get().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.adminUser(), postgres.adminPassword());
    }

    private static List<UUID> loggedInOrder(UUID member) {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT source_event_id FROM audit_entry WHERE member_id = ? ORDER BY sequence")) {
            q.setObject(1, member);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean consecutive(UUID member) {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT max(sequence) - min(sequence) + 1 = count(*) FROM audit_entry WHERE member_id = ?")) {
            q.setObject(1, member);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean inboxHas(UUID eventId) {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM inbox_event WHERE event_id = ?")) {
            q.setObject(1, eventId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database refuses new connections and drops the open ones, as if its server had stopped. */
    private static void refuseConnections(PostgresServer postgres, boolean refuse) {
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
                postgres.adminUser(), postgres.adminPassword()); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

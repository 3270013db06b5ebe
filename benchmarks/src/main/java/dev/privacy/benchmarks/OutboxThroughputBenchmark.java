package dev.privacy.benchmarks;

import dev.privacy.platform.infra.Infrastructure;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.outbox.OutboxPublisher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints, in one run on the same broker and database: the raw Kafka produce+consume rate of N
 * CloudEvents (the baseline), and the rate of the same N events through the platform's outbox
 * (committed rows → {@link OutboxPublisher} → broker → consumer), with their ratio. Two outbox
 * figures: draining N pre-committed rows (what the relay itself can do), and end-to-end with
 * writers committing one event per transaction while the relay runs (what a service sees).
 */
public final class OutboxThroughputBenchmark {

    private static final int PAYLOAD_BYTES = 300;
    private static final int WARMUP_EVENTS = 10_000;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        try (PostgresServer postgres = Infrastructure.postgres(null, 0);
             KafkaBroker kafka = Infrastructure.kafka(Files.createTempDirectory("bench-kafka"), 0)) {
            postgres.createDatabase("bench");
            PGSimpleDataSource db = new PGSimpleDataSource();
            db.setURL(postgres.jdbcUrl("bench") + "?reWriteBatchedInserts=true");
            db.setUser(postgres.adminUser());
            db.setPassword(postgres.adminPassword());
            createOutbox(db);
            byte[] payload = payload();

            // warm up both paths (JIT, topic creation, connections)
            rawKafka(kafka, "bench.warmup.raw", WARMUP_EVENTS, payload);
            outboxDrain(db, kafka, "bench.warmup.outbox", WARMUP_EVENTS, payload);

            double raw = rawKafka(kafka, "bench.raw", events, payload);
            double drain = outboxDrain(db, kafka, "bench.outbox.drain", events, payload);
            int e2eEvents = Math.min(events, 20_000);
            double endToEnd = outboxEndToEnd(db, kafka, "bench.outbox.e2e", e2eEvents, payload, 4);

            System.out.printf("%nevents=%d payload=%dB partitions=3 acks=all idempotent%n", events, PAYLOAD_BYTES);
            System.out.printf("baseline  raw Kafka produce+consume        : %,10.0f events/s%n", raw);
            System.out.printf("outbox    pre-committed rows -> consumer  : %,10.0f events/s  ratio %.2f%n", drain, drain / raw);
            System.out.printf("outbox    1 event/tx x4 writers -> consumer: %,10.0f events/s  ratio %.2f  (%d events)%n",
                    endToEnd, endToEnd / raw, e2eEvents);
        }
    }

    /** Produces N records with the idempotent producer and consumes them all; events/s over the whole span. */
    static double rawKafka(KafkaBroker kafka, String topic, int n, byte[] payload) throws Exception {
        return rawKafka(kafka, topic, n, payload, Map.of());
    }

    /** As {@link #rawKafka(KafkaBroker, String, int, byte[])} with these producer batching settings on top. */
    static double rawKafka(KafkaBroker kafka, String topic, int n, byte[] payload, Map<String, Object> batching)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(kafka, "bench-raw", batching);
             CountingConsumer consumer = new CountingConsumer(kafka, topic, n)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String key = "member-" + (i % 1000);
                producer.send(CloudEventEnvelope.toRecord(topic, UUID.randomUUID(), "benchmark", "MemberActivated.v1",
                        key, Instant.now(), payload));
            }
            producer.flush();
            consumer.await();
            return n / seconds(start);
        }
    }

    /** Commits N rows first (not timed), then times relay + consumer until all N arrived. */
    static double outboxDrain(PGSimpleDataSource db, KafkaBroker kafka, String topic, int n, byte[] payload) throws Exception {
        insertRows(db, topic, n, payload);
        try (KafkaProducer<String, byte[]> producer = producer(kafka, "bench-relay");
             CountingConsumer consumer = new CountingConsumer(kafka, topic, n)) {
            OutboxPublisher relay = new OutboxPublisher(db, producer, "benchmark", 500);
            long start = System.nanoTime();
            while (relay.relayBatch() > 0) {
                // keep draining
            }
            consumer.await();
            return n / seconds(start);
        }
    }

    /** Writers commit one event per transaction while the relay runs; timed from the first commit to the last delivery. */
    static double outboxEndToEnd(PGSimpleDataSource db, KafkaBroker kafka, String topic, int n, byte[] payload,
                                 int writers) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(kafka, "bench-relay-e2e");
             CountingConsumer consumer = new CountingConsumer(kafka, topic, n)) {
            OutboxPublisher relay = new OutboxPublisher(db, producer, "benchmark", 500);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                int share = n / writers + (w < n % writers ? 1 : 0);
                pool.submit(() -> {
                    insertOnePerTransaction(db, topic, share, payload);
                    return null;
                });
            }
            pool.shutdown();
            Thread relayThread = new Thread(() -> {
                try {
                    while (true) {
                        boolean writersDone = !writing.get();
                        if (relay.relayBatch() == 0) {
                            if (writersDone) {
                                return;
                            }
                            Thread.sleep(5);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            relayThread.start();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            writing.set(false);
            consumer.await();
            relayThread.join();
            return n / seconds(start);
        }
    }

    /** The platform's own migrations, as Flyway applies them in a service. */
    private static final String[] PLATFORM_MIGRATIONS = {"db/platform/V0_1__platform_outbox_inbox.sql",
            "db/platform/V0_2__outbox_visibility_and_key_sequences.sql"};

    private static void createOutbox(PGSimpleDataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS outbox_event, inbox_event, idempotency_key, outbox_key_sequence, "
                    + "inbox_key_position");
            for (String migration : PLATFORM_MIGRATIONS) {
                try (InputStream in = OutboxPublisher.class.getClassLoader().getResourceAsStream(migration)) {
                    s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static final String INSERT = """
            INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, timestamp, topic)
            VALUES (?, 'member', ?, 'MemberActivated.v1', CAST(? AS jsonb), ?, ?)""";

    private static void insertRows(PGSimpleDataSource db, String topic, int n, byte[] payload) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                bind(s, topic, i, payload);
                s.addBatch();
                if (i % 1000 == 999) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
            c.commit();
        }
    }

    /** As a service does (Outbox.publish): the row and the commit — one business transaction per event. */
    private static void insertOnePerTransaction(PGSimpleDataSource db, String topic, int n, byte[] payload) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                bind(s, topic, i, payload);
                s.executeUpdate();
                c.commit();
            }
        }
    }

    private static void bind(PreparedStatement s, String topic, int i, byte[] payload) throws Exception {
        s.setObject(1, UUID.randomUUID());
        s.setString(2, "member-" + (i % 1000));
        s.setString(3, new String(payload, StandardCharsets.UTF_8));
        s.setTimestamp(4, Timestamp.from(Instant.now()));
        s.setString(5, topic);
    }

    private static byte[] payload() {
        return payload(PAYLOAD_BYTES);
    }

    static byte[] payload(int bytes) {
        String id = UUID.randomUUID().toString();
        StringBuilder json = new StringBuilder("{\"memberId\":\"" + id + "\",\"guardianConsentId\":null,\"occurredAt\":\""
                + Instant.now() + "\",\"pad\":\"");
        while (json.length() < bytes - 2) {
            json.append('x');
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka, String clientId) {
        return producer(kafka, clientId, Map.of());
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka, String clientId, Map<String, Object> batching) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        settings.putAll(batching);
        return new KafkaProducer<>(settings);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Consumes a topic on its own thread until it has seen N distinct event IDs. */
    static final class CountingConsumer implements AutoCloseable {
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        CountingConsumer(KafkaBroker kafka, String topic, int expected) throws InterruptedException {
            CountDownLatch assigned = new CountDownLatch(1);
            thread = new Thread(() -> {
                Set<String> ids = ConcurrentHashMap.newKeySet();
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
                    consumer.subscribe(List.of(topic));
                    assigned.countDown();
                    while (running.get() && ids.size() < expected) {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> ids.add(new String(
                                r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
                    }
                }
                done.countDown();
            }, "bench-consumer");
            thread.start();
            assigned.await();
        }

        void await() throws InterruptedException {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("consumer did not see every event");
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}

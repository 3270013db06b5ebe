package dev.privacy.platform.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real servers this module starts: a Kafka broker process and embedded PostgreSQL. */
class RealInfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void brokerProcessRoundTripsRecordsAndKeepsThemAcrossARestart() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir.resolve("kafka"), 0)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("member.events", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(bootstrap, "member.events", "m-1", "first");
            produce(bootstrap, "member.events", "m-2", "second");
            assertThat(consumeAll(bootstrap, "member.events", 2)).containsExactlyInAnyOrder("m-1=first", "m-2=second");

            long firstPid = broker.pid();
            broker.stop();
            assertThat(Ports.listening("127.0.0.1", Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1))))
                    .isFalse();
            broker.restart();
            assertThat(broker.pid()).isNotEqualTo(firstPid);
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

            produce(bootstrap, "member.events", "m-3", "third");
            assertThat(consumeAll(bootstrap, "member.events", 3))
                    .containsExactlyInAnyOrder("m-1=first", "m-2=second", "m-3=third");
        }
    }

    @Test
    void embeddedPostgresStopsAndRestartsOnTheSamePortKeepingItsData() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0)) {
            postgres.createDatabase("member");
            int port = postgres.port();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("member"), postgres.adminUser(), postgres.adminPassword());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (7)");
            }

            postgres.stop();
            assertThat(Ports.listening("127.0.0.1", port)).as("nothing listens while stopped").isFalse();

            postgres.restart();
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("member"), postgres.adminUser(), postgres.adminPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            postgres.restart(); // while running: stop, then start again
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("member"), postgres.adminUser(), postgres.adminPassword())) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void embeddedPostgresCreatesDatabasesIdempotently() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0)) {
            postgres.createDatabase("member");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("member"), postgres.adminUser(), postgres.adminPassword());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }

            postgres.createDatabase("member"); // again: neither fails nor recreates it

            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.adminUser(), postgres.adminPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'member'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("member"), postgres.adminUser(), postgres.adminPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Set.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (seen.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}

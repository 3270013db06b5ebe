package dev.privacy.member;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Sign-up bodies with unique identifiers, logins, and event helpers for the member-service tests. */
final class TestMembers {

    static final String PASSWORD = "Correct-Horse-7731";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final AtomicInteger CLIENT = new AtomicInteger();

    private TestMembers() {
    }

    static String uniqueLoginId() {
        return "user" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
    }

    static Map<String, Object> body(String loginId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Kim Minji");
        body.put("loginId", loginId);
        body.put("password", PASSWORD);
        body.put("mobile", "010-1234-5678");
        body.put("email", loginId + "@example.com");
        body.put("over14", true);
        return body;
    }

    /**
     * A sign-up from a client address of its own (through the trusted test proxy), so that the
     * per-IP sign-up throttle does not stand between a test and the members it needs.
     */
    static Response signUpResponse(Map<String, Object> body) {
        return signUpFrom(nextClientIp(), body);
    }

    static Response signUpFrom(String clientIp, Map<String, Object> body) {
        return given().header("X-Forwarded-For", clientIp).contentType(ContentType.JSON).body(body)
                .when().post("/v1/members");
    }

    /** A fresh address of the benchmarking range 198.18.0.0/15 for each call. */
    static String nextClientIp() {
        int n = CLIENT.incrementAndGet();
        return "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Registers a member (14 or over unless said otherwise) and returns their ID. */
    static UUID signUp(String loginId, boolean over14) {
        Map<String, Object> body = body(loginId);
        body.put("over14", over14);
        return UUID.fromString(signUpResponse(body).then().statusCode(201).extract().path("memberId"));
    }

    static Member newMember() {
        String loginId = uniqueLoginId();
        UUID id = signUp(loginId, true);
        return new Member(id, loginId, login(loginId, PASSWORD));
    }

    static String login(String loginId, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("loginId", loginId, "password", password))
                .when().post("/v1/sessions")
                .then().statusCode(200).extract().path("accessToken");
    }

    record Member(UUID id, String loginId, String token) {
    }

    /** A single count from the service's own database, read as an operator would, outside the service's code. */
    static long count(javax.sql.DataSource dataSource, String sql, UUID id) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, id);
            try (java.sql.ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String bootstrap() {
        return SharedInfrastructure.get().kafka().bootstrapServers();
    }

    static TopicProbe probe(String... topics) {
        return TopicProbe.of(bootstrap(), topics);
    }

    /** Publishes an event as the platform would: CloudEvents binary mode, keyed by subject. */
    static UUID publish(String topic, DomainEvent event, UUID eventId) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(CloudEventEnvelope.toRecord(topic, eventId, "test-source",
                    EventDescriptor.of(event.getClass()).ceType(), event.subjectId(), Instant.now(),
                    EventJson.toBytes(event))).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ceType(Class<? extends DomainEvent> type) {
        return EventDescriptor.of(type).ceType();
    }

    static com.fasterxml.jackson.databind.JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String data(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** The records of one CloudEvents type and subject. */
    static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records,
                                                       Class<? extends DomainEvent> type, UUID subject) {
        String ceType = ceType(type);
        return records.stream().filter(r -> {
            var e = TopicProbe.cloudEvent(r);
            return e.getType().equals(ceType) && subject.toString().equals(e.getSubject());
        }).toList();
    }
}

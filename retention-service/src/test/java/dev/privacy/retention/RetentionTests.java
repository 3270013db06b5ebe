package dev.privacy.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Events in and out, tokens and the service clock, for the retention-service tests. */
final class RetentionTests {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestEventProducer producer;

    private RetentionTests() {
    }

    static String bootstrap() {
        return SharedInfrastructure.get().kafka().bootstrapServers();
    }

    static synchronized TestEventProducer producer() {
        if (producer == null) {
            producer = new TestEventProducer(bootstrap());
        }
        return producer;
    }

    static TopicProbe probe(String... topics) {
        return TopicProbe.of(bootstrap(), topics);
    }

    /** Everything retention-service publishes: retention.events and the owners' retention.expired.<owner> topics. */
    static TopicProbe probeAllItPublishes() {
        List<String> topics = new java.util.ArrayList<>(Topics.RETENTION_EXPIRED);
        topics.add(Topics.RETENTION_EVENTS);
        return new TopicProbe(bootstrap(), topics);
    }

    /** member-service announcing a withdrawal, as it would on member.events. */
    static UUID withdraw(UUID memberId, Instant contractEndedAt) {
        return producer().send(Topics.MEMBER_EVENTS, Services.MEMBER,
                new MemberWithdrawn(memberId, contractEndedAt, contractEndedAt));
    }

    static UUID send(String topic, String source, DomainEvent event) {
        return producer().send(topic, source, event);
    }

    static String ceType(Class<? extends DomainEvent> type) {
        return EventDescriptor.of(type).ceType();
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data of the records of one event type and subject. */
    static List<JsonNode> ofType(List<ConsumerRecord<String, byte[]>> records, Class<? extends DomainEvent> type,
                                 String subject) {
        String ceType = ceType(type);
        return records.stream().filter(r -> {
            var e = TopicProbe.cloudEvent(r);
            return e.getType().equals(ceType) && (subject == null || subject.equals(e.getSubject()));
        }).map(RetentionTests::json).toList();
    }

    /** Polls until at least one event of the type and subject satisfies {@code match}; returns all matching. */
    static List<JsonNode> await(TopicProbe probe, Class<? extends DomainEvent> type, String subject,
                                Predicate<JsonNode> match) {
        var records = probe.pollUntil(r -> ofType(r, type, subject).stream().anyMatch(match), WAIT);
        return ofType(records, type, subject).stream().filter(match).toList();
    }

    static String officer() {
        return DevTokens.staff("privacy-officer");
    }

    static String ops() {
        return DevTokens.staff("ops");
    }

    static Instant serviceNow() {
        return Instant.parse(given().auth().oauth2(ops()).when().get("/v1/ops/clock")
                .then().statusCode(200).extract().path("now"));
    }

    static void advanceClock(String by) {
        given().auth().oauth2(ops()).contentType(ContentType.JSON).body(Map.of("by", by))
                .when().post("/v1/ops/clock/advance").then().statusCode(200);
    }

    static void resetClock() {
        given().auth().oauth2(ops()).when().delete("/v1/ops/clock").then().statusCode(200);
    }

    static long count(javax.sql.DataSource dataSource, String sql, Object... params) {
        try (var c = dataSource.getConnection(); var p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (var rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

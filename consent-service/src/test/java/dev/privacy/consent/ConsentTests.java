package dev.privacy.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Members registered through member.events, consent calls, and event helpers for the consent-service tests. */
final class ConsentTests {

    static final String OFFICER = DevTokens.staff("privacy-officer");
    static final String SERVICE = DevTokens.service("marketing-service");

    private ConsentTests() {
    }

    static String bootstrap() {
        return SharedInfrastructure.get().kafka().bootstrapServers();
    }

    static TopicProbe probe(String... topics) {
        return TopicProbe.of(bootstrap(), topics);
    }

    /** Sends an event as its owning service would and returns its event ID. */
    static UUID send(String topic, String source, DomainEvent event) {
        try (TestEventProducer producer = new TestEventProducer(bootstrap())) {
            return producer.send(topic, source, event);
        }
    }

    /** A member registered at member-service; waits until this service opened their ledger. */
    static UUID registeredMember(boolean guardianRequired) {
        UUID memberId = UUID.randomUUID();
        send(Topics.MEMBER_EVENTS, Services.MEMBER, new MemberRegistered(memberId,
                guardianRequired ? MemberStatus.PENDING : MemberStatus.ACTIVE, guardianRequired, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(OFFICER).when().get("/v1/members/{id}/consent-ledger", memberId)
                        .then().statusCode(200));
        return memberId;
    }

    /** Sends MemberWithdrawn and waits until the inbox recorded it: its effect committed in the same transaction. */
    static void withdrawMembership(DataSource dataSource, UUID memberId) {
        UUID eventId = send(Topics.MEMBER_EVENTS, Services.MEMBER, new MemberWithdrawn(memberId, Instant.now(), Instant.now()));
        awaitHandled(dataSource, eventId);
    }

    static void awaitHandled(DataSource dataSource, UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count(dataSource, "SELECT count(*) FROM inbox_event WHERE event_id = ?", eventId) == 1);
    }

    static String member(UUID memberId) {
        return DevTokens.member(memberId);
    }

    static ValidatableResponse grant(UUID memberId, Map<String, Object> body) {
        return given().auth().oauth2(member(memberId)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/members/{id}/consents", memberId).then();
    }

    static ValidatableResponse grant(UUID memberId, String purpose) {
        return grant(memberId, Map.of("purpose", purpose));
    }

    static ValidatableResponse withdraw(UUID memberId, String purpose) {
        return given().auth().oauth2(member(memberId)).when()
                .delete("/v1/members/{id}/consents/{purpose}", memberId, purpose).then();
    }

    static long count(DataSource dataSource, String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, id);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return new ObjectMapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of one event type about one subject (the Kafka key / ce_subject); poison test records skipped. */
    static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records,
                                                       Class<? extends DomainEvent> type, UUID subject) {
        String ceType = EventDescriptor.of(type).ceType();
        return records.stream().filter(r -> r.headers().lastHeader("ce_type") != null).filter(r -> {
            var e = TopicProbe.cloudEvent(r);
            return e.getType().equals(ceType) && subject.toString().equals(e.getSubject());
        }).toList();
    }

    /** Polls until at least {@code atLeast} events of the type about the subject arrived. */
    static List<JsonNode> events(TopicProbe probe, Class<? extends DomainEvent> type, UUID subject, int atLeast) {
        var records = probe.pollUntil(r -> ofType(r, type, subject).size() >= atLeast, Duration.ofSeconds(30));
        return ofType(records, type, subject).stream().map(ConsentTests::json).toList();
    }
}

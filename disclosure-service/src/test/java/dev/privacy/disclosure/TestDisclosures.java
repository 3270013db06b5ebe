package dev.privacy.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.member.CorrectionRequested;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Recipients, consents, requests and event helpers shared by the disclosure-service tests. */
final class TestDisclosures {

    static final String OFFICER_A = "officer-a";
    static final String OFFICER_B = "officer-b";
    static final String OFFICER_C = "officer-c";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDisclosures() {
    }

    static String officer(String name) {
        return DevTokens.staff(name, "privacy-officer");
    }

    static String uniqueCode(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
    }

    static Map<String, Object> partnerBody(String endpoint, List<String> fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", uniqueCode("partner"));
        body.put("displayName", "Partner Insurance Co.");
        body.put("kind", "CONSENTED_THIRD_PARTY");
        body.put("contact", "privacy-desk@partner.example");
        body.put("fields", fields);
        body.put("endpoint", endpoint);
        body.put("secret", RecipientReceiver.SECRET);
        return body;
    }

    static Map<String, Object> agencyBody(String endpoint, List<String> fields) {
        Map<String, Object> body = partnerBody(endpoint, fields);
        body.put("code", uniqueCode("agency"));
        body.put("displayName", "Metropolitan Police Agency");
        body.put("kind", "INVESTIGATIVE_AGENCY");
        body.put("contact", "cyber-unit@police.example");
        return body;
    }

    static Response register(Map<String, Object> body) {
        return given().auth().oauth2(officer(OFFICER_A)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/recipients");
    }

    static UUID registerPartner(String endpoint, List<String> fields) {
        return UUID.fromString(register(partnerBody(endpoint, fields)).then().statusCode(201).extract().path("id"));
    }

    static UUID registerAgency(String endpoint, List<String> fields) {
        return UUID.fromString(register(agencyBody(endpoint, fields)).then().statusCode(201).extract().path("id"));
    }

    static TestEventProducer producer() {
        return new TestEventProducer(bootstrap());
    }

    static String bootstrap() {
        return SharedInfrastructure.get().kafka().bootstrapServers();
    }

    static TopicProbe probe(String... topics) {
        return TopicProbe.of(bootstrap(), topics);
    }

    static UUID publish(String topic, String source, DomainEvent event) {
        try (TestEventProducer producer = producer()) {
            return producer.send(topic, source, event);
        }
    }

    /** The consent-service grants a provision consent; returns its ID once this service knows it. */
    static UUID grantConsent(DataSource db, UUID memberId, UUID recipientId) {
        UUID consentId = UUID.randomUUID();
        publish(Topics.CONSENT_EVENTS, Services.CONSENT, new ConsentGranted(consentId, memberId, null,
                Purpose.THIRD_PARTY_PROVISION, recipientId, "provision-v1", UUID.randomUUID(), Instant.now()));
        awaitCount(db, "SELECT count(*) FROM live_consent WHERE consent_id = ? AND withdrawn_at IS NULL", consentId, 1);
        return consentId;
    }

    static void withdrawMembership(DataSource db, UUID memberId) {
        publish(Topics.MEMBER_EVENTS, Services.MEMBER, new MemberWithdrawn(memberId, Instant.now(), Instant.now()));
        awaitCount(db, "SELECT count(*) FROM member_withdrawal WHERE member_id = ?", memberId, 1);
    }

    static UUID requestCorrection(DataSource db, UUID memberId, List<String> fields) {
        UUID correctionId = UUID.randomUUID();
        publish(Topics.MEMBER_EVENTS, Services.MEMBER, new CorrectionRequested(memberId, correctionId, fields,
                ActorRole.MEMBER, Instant.now()));
        awaitCount(db, "SELECT count(*) FROM field_restriction WHERE correction_id = ?", correctionId, fields.size());
        return correctionId;
    }

    static Map<String, Object> consentRequest(UUID recipientId, UUID memberId, List<String> fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("recipientId", recipientId);
        body.put("memberId", memberId);
        body.put("fields", fields);
        body.put("purpose", "THIRD_PARTY_PROVISION");
        body.put("legalBasis", "CONSENT");
        return body;
    }

    static Map<String, Object> lawfulRequest(UUID recipientId, UUID memberId, List<String> fields,
                                             Instant nondisclosureUntil) {
        Map<String, Object> body = new HashMap<>();
        body.put("recipientId", recipientId);
        body.put("memberId", memberId);
        body.put("fields", fields);
        body.put("purpose", "LAWFUL_DISCLOSURE");
        body.put("legalBasis", "LAWFUL_REQUEST");
        Map<String, Object> lawful = new HashMap<>();
        lawful.put("authority", "Seoul Central District Prosecutors' Office");
        lawful.put("legalReference", "Criminal Procedure Act Art. 199(2)");
        lawful.put("caseNumber", "2026-HYUNG-" + SEQ.incrementAndGet());
        lawful.put("documentReference", "WARRANT-" + SEQ.incrementAndGet());
        if (nondisclosureUntil != null) {
            lawful.put("nondisclosureUntil", nondisclosureUntil.toString());
        }
        body.put("lawfulRequest", lawful);
        return body;
    }

    static Response request(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/v1/disclosures");
    }

    static UUID requested(String token, Map<String, Object> body) {
        return UUID.fromString(request(token, body).then().statusCode(201).extract().path("id"));
    }

    static Response approve(String officer, UUID disclosureId) {
        return given().auth().oauth2(officer(officer)).when().post("/v1/disclosures/" + disclosureId + "/approvals");
    }

    /** A consented provision to a new partner at {@code endpoint}, approved by one officer and executed. */
    static Executed executedConsentDisclosure(DataSource db, String endpoint, UUID memberId, List<String> fields) {
        UUID recipientId = registerPartner(endpoint, fields);
        grantConsent(db, memberId, recipientId);
        UUID disclosureId = requested(DevTokens.service("partner-gateway"), consentRequest(recipientId, memberId, fields));
        approve(OFFICER_A, disclosureId).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("EXECUTED"));
        return new Executed(recipientId, disclosureId);
    }

    record Executed(UUID recipientId, UUID disclosureId) {
    }

    static long count(DataSource db, String sql, Object param) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, param);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(DataSource db, String sql, Object param) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, param);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitCount(DataSource db, String sql, Object param, long expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(db, sql, param) == expected);
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return json(record.value());
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records of one event type about one subject. */
    static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records,
                                                       Class<? extends DomainEvent> type, UUID subject) {
        String ceType = dev.privacy.platform.events.EventDescriptor.of(type).ceType();
        return records.stream().filter(r -> {
            var e = TopicProbe.cloudEvent(r);
            return e.getType().equals(ceType) && subject.toString().equals(e.getSubject());
        }).toList();
    }

    static List<JsonNode> events(TopicProbe probe, Class<? extends DomainEvent> type, UUID subject, int atLeast) {
        return probe.pollUntil(r -> ofType(r, type, subject).size() >= atLeast, Duration.ofSeconds(30)).stream()
                .filter(r -> ofType(List.of(r), type, subject).size() == 1).map(TestDisclosures::json).toList();
    }
}

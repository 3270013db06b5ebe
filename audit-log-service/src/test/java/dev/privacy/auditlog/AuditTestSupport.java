package dev.privacy.auditlog;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sends events as the other services would, and waits for their entries in the audit log. */
final class AuditTestSupport {

    private static TestEventProducer producer;

    private AuditTestSupport() {
    }

    static synchronized TestEventProducer producer() {
        if (producer == null) {
            producer = new TestEventProducer(bootstrap());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }

    static String bootstrap() {
        return SharedInfrastructure.get().kafka().bootstrapServers();
    }

    static TopicProbe probe(String topic) {
        return TopicProbe.of(bootstrap(), topic);
    }

    static String compliance() {
        return DevTokens.staff("compliance");
    }

    static AccessRecorded access(UUID memberId, String actorId, ActorRole role, List<String> fields, Purpose purpose,
                                 Instant occurredAt) {
        return new AccessRecorded(UUID.randomUUID(), memberId, actorId, role, Services.MEMBER, AccessAction.READ,
                fields, purpose, "10.0.0.1", null, occurredAt);
    }

    /** Sends an access record and returns its event ID. */
    static UUID send(AccessRecorded record) {
        return producer().send(Topics.ACCESS_RECORDS, Services.MEMBER, record);
    }

    static UUID send(String topic, String source, DomainEvent event) {
        return producer().send(topic, source, event);
    }

    /** Waits until the event is in the log and returns its entry as JSON. */
    static JsonPath awaitEntry(UUID sourceEventId) {
        JsonPath[] found = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath page = given().auth().oauth2(compliance()).queryParam("sourceEventId", sourceEventId)
                    .when().get("/v1/audit/entries").then().statusCode(200).extract().jsonPath();
            if (page.getList("entries").isEmpty()) {
                return false;
            }
            found[0] = page.setRootPath("entries[0]");
            return true;
        });
        return found[0];
    }

    static long awaitSequence(UUID sourceEventId) {
        return awaitEntry(sourceEventId).getLong("sequence");
    }
}

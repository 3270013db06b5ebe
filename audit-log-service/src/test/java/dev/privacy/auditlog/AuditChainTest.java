package dev.privacy.auditlog;

import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class AuditChainTest {

    private static TestEventProducer producer;

    @BeforeAll
    static void connect() {
        producer = new TestEventProducer(SharedInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static ValidatableResponse entriesFor(UUID sourceEventId) {
        return given().auth().oauth2(DevTokens.staff("compliance"))
                .queryParam("sourceEventId", sourceEventId)
                .when().get("/v1/audit/entries").then().statusCode(200);
    }

    @Test
    void eventDeliveredTwiceIsAppendedOnce() {
        UUID memberId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        byte[] data = ("{\"memberId\":\"" + memberId + "\",\"guardianConsentId\":null,\"occurredAt\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        producer.send(Topics.MEMBER_EVENTS, eventId, Services.MEMBER, "MemberActivated.v1", memberId.toString(), data);
        producer.send(Topics.MEMBER_EVENTS, eventId, Services.MEMBER, "MemberActivated.v1", memberId.toString(), data);
        UUID laterEvent = producer.send(Topics.MEMBER_EVENTS, Services.MEMBER, new MemberActivated(memberId, null, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> entriesFor(laterEvent).body("entries", hasSize(1)));
        entriesFor(eventId).body("entries", hasSize(1)).body("entries[0].memberId", equalTo(memberId.toString()));
    }

    @Test
    void poisonEventGoesToDeadLetterTopicAndTheNextEventStillFlows() {
        UUID poisonId = UUID.randomUUID();
        String subject = UUID.randomUUID().toString();
        producer.send(Topics.CONSENT_EVENTS, poisonId, Services.CONSENT, "GuardianConsentConfirmed.v1", subject,
                "{\"memberId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8));
        UUID goodId = producer.send(Topics.MEMBER_EVENTS, Services.MEMBER,
                new MemberActivated(UUID.fromString(subject), null, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> entriesFor(goodId).body("entries", hasSize(1)));
        try (TopicProbe dlq = TopicProbe.of(SharedInfrastructure.get().kafka().bootstrapServers(), "consent.events.audit-log-service.dlq")) {
            var records = dlq.pollUntil(rs -> rs.stream().anyMatch(r -> TopicProbe.cloudEvent(r).getId().equals(poisonId.toString())),
                    Duration.ofSeconds(30));
            var poison = records.stream().filter(r -> TopicProbe.cloudEvent(r).getId().equals(poisonId.toString())).findFirst();
            assertThat(poison).as("poison event on consent.events.audit-log-service.dlq").isPresent();
            Header reason = poison.get().headers().lastHeader("dead-letter-reason");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("breaks its schema");
        }
        entriesFor(poisonId).body("entries", hasSize(0));
    }

    @Test
    void chainVerifiesOverTheWholeLog() {
        UUID eventId = producer.send(Topics.MEMBER_EVENTS, Services.MEMBER, new MemberActivated(UUID.randomUUID(), null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> entriesFor(eventId).body("entries", hasSize(1)));
        given().auth().oauth2(DevTokens.staff("compliance")).when().get("/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true)).body("brokenAtSequence", nullValue());
    }

    @Test
    void membersCannotReadTheAuditLog() {
        given().auth().oauth2(DevTokens.member(UUID.randomUUID())).when().get("/v1/audit/entries")
                .then().statusCode(403).contentType("application/problem+json");
    }

}

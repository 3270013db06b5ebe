package dev.privacy.consent;

import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.events.EventJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class MemberRegisteredOpensLedgerTest {

    @Inject
    EntityManager entityManager;

    @Test
    void redeliveredMemberRegisteredOpensOneLedgerAndRecordsOneInboxEntry() {
        UUID memberId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        MemberRegistered registered = new MemberRegistered(memberId, MemberStatus.PENDING, true, Instant.now());
        try (TestEventProducer producer = new TestEventProducer(SharedInfrastructure.get().kafka().bootstrapServers())) {
            for (int delivery = 0; delivery < 3; delivery++) {
                producer.send(Topics.MEMBER_EVENTS, eventId, Services.MEMBER, "MemberRegistered.v1", memberId.toString(),
                        EventJson.toBytes(registered));
            }
        }
        String member = DevTokens.member(memberId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(member).when().get("/v1/members/{id}/consent-ledger", memberId)
                        .then().statusCode(200).body("guardianConsentRequired", equalTo(true)));
        Number inboxRows = (Number) entityManager.createNativeQuery("SELECT count(*) FROM inbox_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult();
        assertThat(inboxRows.intValue()).isEqualTo(1);
    }

    @Test
    void memberCannotSeeAnotherMembersLedger() {
        given().auth().oauth2(DevTokens.member(UUID.randomUUID()))
                .when().get("/v1/members/{id}/consent-ledger", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}

package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The fraud-prevention check at sign-up (P08): a sign-up matching a separated member is accepted,
 * flagged, listed for privacy officers (no personal values), and cleared by one of them, with an
 * access record; nobody else reaches the queue.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class FraudReviewTest {

    private static final String OFFICER = DevTokens.staff("privacy-officer");

    @Test
    void P08_aSignUpMatchingASeparatedMemberIsListedForReviewAndClearedByAPrivacyOfficer() {
        TestMembers.Member withdrawn = TestMembers.newMember();
        as(withdrawn.token()).delete("/v1/members/" + withdrawn.id()).then().statusCode(204);
        // a new login ID, the withdrawn member's e-mail: accepted, not refused
        Map<String, Object> body = new java.util.HashMap<>(TestMembers.body(TestMembers.uniqueLoginId()));
        body.put("email", withdrawn.loginId() + "@example.com");
        String flagged = TestMembers.signUpResponse(body).then().statusCode(201).extract().path("memberId");
        UUID unflagged = TestMembers.signUp(TestMembers.uniqueLoginId(), true);

        List<Map<String, Object>> queue = as(OFFICER).get("/v1/fraud-reviews").then().statusCode(200)
                .contentType(ContentType.JSON).extract().path("findAll { it.memberId == '" + flagged + "' }");
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0)).containsOnlyKeys("memberId", "status", "registeredAt");
        assertThat(as(OFFICER).get("/v1/fraud-reviews").then().extract().<List<String>>path("memberId"))
                .doesNotContain(unflagged.toString());

        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            as(OFFICER).post("/v1/fraud-reviews/" + flagged + "/clear").then().statusCode(200)
                    .body("memberId", equalTo(flagged));
            var records = probe.pollUntil(r -> clearing(r, UUID.fromString(flagged)) != null, Duration.ofSeconds(20));
            var record = TestMembers.json(clearing(records, UUID.fromString(flagged)));
            assertThat(record.path("actorRole").asText()).isEqualTo("PRIVACY_OFFICER");
            assertThat(record.path("fields").toString()).isEqualTo("[\"fraudReview\"]");
        }
        assertThat(as(OFFICER).get("/v1/fraud-reviews").then().extract().<List<String>>path("memberId"))
                .doesNotContain(flagged);
        as(OFFICER).post("/v1/fraud-reviews/" + flagged + "/clear").then().statusCode(404)
                .contentType("application/problem+json");
        as(OFFICER).post("/v1/fraud-reviews/" + UUID.randomUUID() + "/clear").then().statusCode(404);
        as(OFFICER).post("/v1/fraud-reviews/not-a-uuid/clear").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyPrivacyOfficersReachTheReviewQueue() {
        TestMembers.Member m = TestMembers.newMember();
        for (String token : List.of(m.token(), DevTokens.staff("compliance"), DevTokens.staff("ops"),
                DevTokens.service("disclosure-service"))) {
            as(token).get("/v1/fraud-reviews").then().statusCode(403).contentType("application/problem+json");
            as(token).post("/v1/fraud-reviews/" + m.id() + "/clear").then().statusCode(403);
        }
        given().when().get("/v1/fraud-reviews").then().statusCode(401);
    }

    private static org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> clearing(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records, UUID memberId) {
        return TestMembers.ofType(records, AccessRecorded.class, memberId).stream()
                .filter(r -> "FRAUD_PREVENTION".equals(TestMembers.json(r).path("purpose").asText())
                        && "UPDATE".equals(TestMembers.json(r).path("action").asText()))
                .findFirst().orElse(null);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}

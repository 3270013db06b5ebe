package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.privacy.member.TestMembers.PASSWORD;
import static dev.privacy.member.TestMembers.signUp;
import static dev.privacy.member.TestMembers.uniqueLoginId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class LoginTest {

    @Inject
    DataSource dataSource;

    @Test
    void activeMemberLogsInAndTheTokenReachesTheirOwnProfile() {
        String loginId = uniqueLoginId();
        UUID id = signUp(loginId, true);
        var session = attempt(loginId, PASSWORD).then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("memberId", equalTo(id.toString()))
                .extract();
        given().auth().oauth2((String) session.path("accessToken")).when().get("/v1/members/" + id)
                .then().statusCode(200).body("loginId", equalTo(loginId));
    }

    @Test
    void loginIdIsCaseInsensitive() {
        String loginId = uniqueLoginId();
        signUp(loginId, true);
        attempt(loginId.toUpperCase(), PASSWORD).then().statusCode(200);
    }

    @Test
    void wrongPasswordUnknownLoginIdAndPendingMemberAllGetTheSame401() {
        String active = uniqueLoginId();
        signUp(active, true);
        String pending = uniqueLoginId();
        signUp(pending, false);

        var wrongPassword = failure(attempt(active, "Wrong-Password-99"));
        var unknown = failure(attempt("nosuch" + uniqueLoginId(), PASSWORD));
        var pendingMember = failure(attempt(pending, PASSWORD));

        assertThat(wrongPassword.asString()).isEqualTo(unknown.asString()).isEqualTo(pendingMember.asString());
    }

    @Test
    void failedLoginsAreThrottledPerLoginIdWith429AndRetryAfterEvenForTheRightPassword() {
        String loginId = uniqueLoginId();
        signUp(loginId, true);
        for (int i = 0; i < 5; i++) {
            attempt(loginId, "Wrong-Password-" + i).then().statusCode(401);
        }
        var throttled = attempt(loginId, PASSWORD).then().statusCode(429)
                .contentType("application/problem+json").extract();
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    void unknownLoginIdIsThrottledExactlyLikeAKnownOne() {
        String unknown = "nosuch" + uniqueLoginId();
        for (int i = 0; i < 5; i++) {
            attempt(unknown, "Wrong-Password-" + i).then().statusCode(401);
        }
        attempt(unknown, PASSWORD).then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void failedLoginsAreThrottledPerIpAcrossLoginIds() throws Exception {
        try {
            int status = 0;
            for (int i = 0; i < 31 && status != 429; i++) {
                status = attempt("nosuch" + uniqueLoginId(), "Wrong-Password-1").statusCode();
            }
            assertThat(status).isEqualTo(429);
            // a fresh login ID from the same IP is refused too
            var refused = attempt("nosuch" + uniqueLoginId(), PASSWORD).then().statusCode(429).extract();
            assertThat(refused.header("Retry-After")).isNotBlank();
        } finally {
            try (Connection c = dataSource.getConnection()) {
                c.createStatement().executeUpdate("DELETE FROM login_throttle WHERE subject_hash LIKE 'ip:%'");
            }
        }
    }

    @Test
    void behindTheTrustedProxyEachClientIsThrottledAndRecordedByItsOwnAddress() throws Exception {
        try {
            int status = 0;
            for (int i = 0; i < 31 && status != 429; i++) {
                status = attemptFrom("203.0.113.7", "nosuch" + uniqueLoginId(), "Wrong-Password-1").statusCode();
            }
            assertThat(status).as("the client at 203.0.113.7 throttled").isEqualTo(429);
            // another client behind the same proxy is not
            attemptFrom("203.0.113.8", "nosuch" + uniqueLoginId(), "Wrong-Password-1").then().statusCode(401);

            String loginId = uniqueLoginId();
            UUID id = TestMembers.signUp(loginId, true);
            try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
                attemptFrom("203.0.113.9", loginId, PASSWORD).then().statusCode(200);
                var records = probe.pollUntil(r -> loginRead(r, id) != null, Duration.ofSeconds(20));
                assertThat(TestMembers.json(loginRead(records, id)).path("ip").asText()).isEqualTo("203.0.113.9");
            }
        } finally {
            try (Connection c = dataSource.getConnection()) {
                c.createStatement().executeUpdate("DELETE FROM login_throttle WHERE subject_hash LIKE 'ip:%'");
            }
        }
    }

    private static Response attemptFrom(String clientIp, String loginId, String password) {
        return given().header("X-Forwarded-For", clientIp).contentType(ContentType.JSON)
                .body(Map.of("loginId", loginId, "password", password)).when().post("/v1/sessions");
    }

    /** The access record of the member's login (READ of the password). */
    private static ConsumerRecord<String, byte[]> loginRead(List<ConsumerRecord<String, byte[]>> records, UUID id) {
        return TestMembers.ofType(records, AccessRecorded.class, id).stream()
                .filter(r -> TestMembers.json(r).path("fields").toString().contains("password")
                        && "READ".equals(TestMembers.json(r).path("action").asText()))
                .findFirst().orElse(null);
    }

    @Test
    void malformedLoginBodyIsAProblemWithFields() {
        given().contentType(ContentType.JSON).body(Map.of("loginId", "x"))
                .when().post("/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static Response attempt(String loginId, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("loginId", loginId, "password", password))
                .when().post("/v1/sessions");
    }

    private static ExtractableResponse<Response> failure(Response response) {
        return response.then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Login failed")).extract();
    }
}

package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.privacy.member.TestMembers.body;
import static dev.privacy.member.TestMembers.signUpResponse;
import static dev.privacy.member.TestMembers.uniqueLoginId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class SignUpTest {

    @Test
    void signUpOver14Answers201WithLocationAndOnlyIdAndStatusAndEmitsMemberRegistered() {
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS, Topics.ACCESS_RECORDS)) {
            var response = signUpResponse(body(uniqueLoginId()))
                    .then().statusCode(201)
                    .body("$", aMapWithSize(2))
                    .body("status", equalTo("ACTIVE"))
                    .body("memberId", notNullValue())
                    .extract();
            String id = response.path("memberId");
            assertThat(response.header("Location")).endsWith("/v1/members/" + id);
            var records = probe.pollUntil(TopicProbe.hasType(TestMembers.ceType(MemberRegistered.class), id)
                    .and(TopicProbe.hasType("AccessRecorded.v1", id)), Duration.ofSeconds(20));
            var registered = TestMembers.ofType(records, MemberRegistered.class, UUID.fromString(id));
            assertThat(registered).hasSize(1);
            assertThat(TestMembers.json(registered.get(0)).path("status").asText()).isEqualTo("ACTIVE");
            assertThat(TestMembers.json(registered.get(0)).path("guardianConsentRequired").asBoolean(true)).isFalse();
        }
    }

    @Test
    void signUpUnder14StaysPending() {
        Map<String, Object> body = body(uniqueLoginId());
        body.put("over14", false);
        signUpResponse(body).then().statusCode(201).body("status", equalTo("PENDING"));
    }

    @Test
    void koreanLocalMobileIsStoredAsE164() {
        String loginId = uniqueLoginId();
        Map<String, Object> body = body(loginId);
        body.put("mobile", "010 9876-5432");
        UUID id = UUID.fromString(signUpResponse(body).then().statusCode(201).extract().path("memberId"));
        String token = TestMembers.login(loginId, TestMembers.PASSWORD);
        given().auth().oauth2(token).when().get("/v1/members/" + id)
                .then().statusCode(200).body("mobile", equalTo("+821098765432"));
    }

    @Test
    void loginIdNotMatchingThePatternIsRefusedWithItsField() {
        assertViolation("loginId", "1bad id!");
    }

    @Test
    void malformedEmailIsRefusedWithItsField() {
        assertViolation("email", "not-an-email");
        assertViolation("email", "someone@nodot");
    }

    @Test
    void mobileThatIsNeitherE164NorKoreanIsRefusedWithItsField() {
        assertViolation("mobile", "12345");
        assertViolation("mobile", "+0123456789");
    }

    @Test
    void shortPasswordIsRefused() {
        assertViolation("password", "Short-1");
    }

    @Test
    void passwordEqualToLoginIdOrEmailIsRefused() {
        String loginId = uniqueLoginId() + "xyz";
        Map<String, Object> body = body(loginId);
        body.put("password", loginId);
        signUpResponse(body).then().statusCode(400).body("violations.field", hasItem("password"));
        body.put("password", body.get("email"));
        signUpResponse(body).then().statusCode(400).body("violations.field", hasItem("password"));
    }

    @Test
    void commonPasswordIsRefused() {
        assertViolation("password", "Password123");
        assertViolation("password", "qwertyuiop");
    }

    @Test
    void missingFieldsAreEachListed() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x"))
                .when().post("/v1/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("loginId"))
                .body("violations.field", hasItem("password"))
                .body("violations.field", hasItem("mobile"))
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("over14"));
    }

    @Test
    void unknownFieldIsRefusedNotStored() {
        Map<String, Object> body = body(uniqueLoginId());
        body.put("birthDate", "2010-01-01");
        signUpResponse(body).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("birthDate"));
    }

    @Test
    void duplicateLoginIdOrEmailAnswersTheSame409WithoutSayingWhich() {
        String loginId = uniqueLoginId();
        signUpResponse(body(loginId)).then().statusCode(201);

        Map<String, Object> sameLogin = body(loginId);
        sameLogin.put("email", uniqueLoginId() + "@example.com");
        String detailLogin = signUpResponse(sameLogin).then().statusCode(409)
                .contentType("application/problem+json").extract().path("detail");

        Map<String, Object> sameEmail = body(uniqueLoginId());
        sameEmail.put("email", loginId.toUpperCase() + "@EXAMPLE.com");
        String detailEmail = signUpResponse(sameEmail).then().statusCode(409).extract().path("detail");

        assertThat(detailLogin).isEqualTo(detailEmail).doesNotContain(loginId).doesNotContainIgnoringCase("e-mail is")
                .doesNotContainIgnoringCase("login ID is");
    }

    @Test
    void repeatedIdempotencyKeyReplaysTheFirstAnswerAndCreatesNoSecondMember() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(uniqueLoginId());
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/v1/members").then().statusCode(201).extract().path("memberId");
        var replay = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/v1/members").then().statusCode(201).extract();
        assertThat((String) replay.path("memberId")).isEqualTo(first);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("Location")).endsWith("/v1/members/" + first);

        Map<String, Object> other = body(uniqueLoginId());
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .when().post("/v1/members").then().statusCode(422).contentType("application/problem+json");
    }

    private static void assertViolation(String field, String value) {
        Map<String, Object> body = body(uniqueLoginId());
        body.put(field, value);
        signUpResponse(body).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}

package dev.privacy.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.member.service.crypto.PasswordHasher;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;

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

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    PasswordHasher passwords;

    @TestHTTPResource("/v1/members")
    URL members;

    private double hashes() {
        return registry.get(PasswordHasher.HASHES).counter().count();
    }

    private HttpRequest json(String clientIp, Map<String, Object> body) {
        try {
            return HttpRequest.newBuilder(URI.create(members.toString())).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", clientIp)
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body))).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void P01_P04_signUpOver14Answers201WithLocationAndOnlyIdAndStatusAndEmitsMemberRegistered() {
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
    void P04_signUpUnder14StaysPending() {
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
    void weakPasswordsTheOld59EntryListMissedAreRefusedByZxcvbnAndStrongOnesPass() {
        // none of these was on the old list: a year, a keyboard walk, a leet word, the login ID with digits
        assertViolation("password", "Welcome2024!");
        assertViolation("password", "1qaz2wsx3edc");
        assertViolation("password", "P@ssw0rd2025");
        String loginId = uniqueLoginId();
        Map<String, Object> body = body(loginId);
        body.put("password", loginId + "1");
        signUpResponse(body).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("password"));
        // a passphrase and the fixtures' password are strong enough (score >= member.password.min-score, 3)
        Map<String, Object> strong = body(uniqueLoginId());
        strong.put("password", "violet tractor spoon harbour");
        signUpResponse(strong).then().statusCode(201);
    }

    @Test
    void P01_missingFieldsAreEachListed() {
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
    void P01_unknownFieldIsRefusedNotStored() {
        Map<String, Object> body = body(uniqueLoginId());
        body.put("birthDate", "2010-01-01");
        signUpResponse(body).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("birthDate"));
    }

    @Test
    void aRegisteredEmailGetsTheSameAnswerAsANewOneCreatesNothingAndLeavesItsOwnerANotice() throws Exception {
        String ownerLogin = uniqueLoginId();
        UUID owner = TestMembers.signUp(ownerLogin, true);
        var fresh = signUpResponse(body(uniqueLoginId())).then().statusCode(201).extract();

        String prober = uniqueLoginId();
        Map<String, Object> sameEmail = body(prober);
        sameEmail.put("email", ownerLogin.toUpperCase() + "@EXAMPLE.com");
        var known = signUpResponse(sameEmail).then().statusCode(201).contentType(ContentType.JSON).extract();

        // the same answer: status, body keys, member status, a Location naming the member ID
        assertThat(known.jsonPath().getMap("$").keySet()).isEqualTo(fresh.jsonPath().getMap("$").keySet());
        assertThat((String) known.path("status")).isEqualTo(fresh.path("status"));
        String answeredId = known.path("memberId");
        assertThat(known.header("Location")).endsWith("/v1/members/" + answeredId);
        assertThat(UUID.fromString(answeredId)).isNotEqualTo(owner);
        // but nothing was created: no such member, no login
        assertThat(TestMembers.count(dataSource, "SELECT count(*) FROM member WHERE id = ?", UUID.fromString(answeredId)))
                .isZero();
        given().contentType(ContentType.JSON).body(Map.of("loginId", prober, "password", TestMembers.PASSWORD))
                .when().post("/v1/sessions").then().statusCode(401);
        // the owner is told by a notice (kind and time only), for the e-mail sender to deliver
        assertThat(TestMembers.count(dataSource, "SELECT count(*) FROM member_notice WHERE member_id = ? "
                + "AND kind = 'SIGN_UP_WITH_YOUR_EMAIL' AND delivered_at IS NULL", owner)).isEqualTo(1);
    }

    @Test
    void aRegisteredEmailCostsNoPasswordHashAndIsAnsweredNoSoonerThanOne() {
        String ownerLogin = uniqueLoginId();
        TestMembers.signUp(ownerLogin, true);
        Map<String, Object> sameEmail = body(uniqueLoginId());
        sameEmail.put("email", ownerLogin + "@example.com");

        double hashesBefore = hashes();
        Duration typicalHash = passwords.typicalHashDuration();
        long started = System.nanoTime();
        signUpResponse(sameEmail).then().statusCode(201);
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

        assertThat(hashes() - hashesBefore).as("Argon2id hashes for a known e-mail").isZero();
        assertThat(answeredIn).as("no faster than a hash").isGreaterThanOrEqualTo(typicalHash);
        signUpResponse(body(uniqueLoginId())).then().statusCode(201);
        assertThat(hashes() - hashesBefore).as("a new member's password is hashed once").isEqualTo(1.0);
    }

    @Test
    void aTakenLoginIdIs409NamingOnlyTheLoginIdAndTellsTheOwnerNothing() throws Exception {
        String loginId = uniqueLoginId();
        UUID owner = TestMembers.signUp(loginId, true);

        Map<String, Object> sameLogin = body(loginId.toUpperCase());
        sameLogin.put("email", uniqueLoginId() + "@example.com");
        String detail = signUpResponse(sameLogin).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:privacy-platform:problem:login-id-unavailable"))
                .body("violations.field", equalTo(java.util.List.of("loginId")))
                .extract().path("detail");
        assertThat(detail).doesNotContainIgnoringCase(loginId);
        assertThat(TestMembers.count(dataSource, "SELECT count(*) FROM member_notice WHERE member_id = ?", owner)).isZero();
    }

    @Test
    void signUpsAreCountedPerIpBeforeAnyLookupSoConcurrentOnesCannotPassTheLimit() throws Exception {
        String ownerLogin = uniqueLoginId();
        TestMembers.signUp(ownerLogin, true);
        String clientIp = "203.0.113.80";
        int attempts = 15;
        // a known e-mail each time: no hashing, so many can run at once cheaply
        List<Integer> statuses = LoginTest.concurrently(attempts, i -> {
            Map<String, Object> b = body(uniqueLoginId());
            b.put("email", ownerLogin + "@example.com");
            return json(clientIp, b);
        });
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("sign-ups within the limit").isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 429).count()).as("refused").isEqualTo(attempts - 10);

        var refused = TestMembers.signUpFrom(clientIp, body(uniqueLoginId())).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:privacy-platform:problem:too-many-sign-ups")).extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        // another client is not held back
        TestMembers.signUpFrom("203.0.113.81", body(uniqueLoginId())).then().statusCode(201);
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

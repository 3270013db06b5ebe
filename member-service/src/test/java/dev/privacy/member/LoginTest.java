package dev.privacy.member;

import dev.privacy.member.service.LoginBackoff;
import dev.privacy.member.service.crypto.LookupHashes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.privacy.member.service.crypto.PasswordHasher;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import dev.privacy.platform.runtime.clock.AdjustableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Inject
    MeterRegistry registry;

    @Inject
    AdjustableClock clock;

    @Inject
    LookupHashes hashes;

    @Inject
    LoginBackoff backoff;

    @TestHTTPResource("/v1/sessions")
    URL sessions;

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
    void P04_wrongPasswordUnknownLoginIdAndPendingMemberAllGetTheSame401() {
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
    void afterFiveFailuresTheLoginIdWaitsOutABackoffWith429AndRetryAfterEvenForTheRightPassword() {
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
    void concurrentWrongPasswordGuessesReachThePasswordHashNoMoreThanTheFreeAttempts() throws Exception {
        String loginId = uniqueLoginId();
        signUp(loginId, true);
        String clientIp = "203.0.113.50";
        int guesses = 20;
        double hashedBefore = verifications();
        List<Integer> statuses = concurrently(guesses, i -> post(clientIp, loginId, "Wrong-Password-" + i));

        assertThat(statuses.stream().filter(s -> s == 401).count()).as("guesses that reached the hash, of %s", statuses).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 429).count()).as("guesses refused before it").isEqualTo(guesses - 5);
        assertThat(verifications() - hashedBefore).as("Argon2id verifications").isEqualTo(5.0);
        // the IP was charged only for the guesses that were tried
        try (Connection c = dataSource.getConnection();
             var p = c.prepareStatement("SELECT attempts FROM attempt_window WHERE subject_hash = ?")) {
            p.setString(1, "login-ip:" + hashes.hex("throttle-ip", clientIp));
            try (var rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void freeAttemptsCountedOutOfClockOrderAreNotRefused() {
        // Concurrent requests read the clock before they get the row's lock, so the one counted
        // second may carry the earlier time: a free attempt must not make it wait.
        String key = "login:out-of-order-" + UUID.randomUUID();
        Instant later = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant earlier = later.minus(1, ChronoUnit.MICROS);
        assertThat(QuarkusTransaction.requiringNew().call(() -> backoff.count(key, later))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> backoff.count(key, earlier))).isZero();
        for (int i = 3; i <= 5; i++) {
            assertThat(QuarkusTransaction.requiringNew().call(() -> backoff.count(key, earlier))).as("attempt").isZero();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> backoff.count(key, earlier)))
                .as("the sixth waits out the backoff").isPositive();
    }

    @Test
    void theGuesserIsSlowedTheBackoffGrowsToItsCapAndTheRightPasswordLogsInAfterIt() {
        String loginId = uniqueLoginId();
        UUID id = signUp(loginId, true);
        String address = "203.0.113.60";
        try {
            for (int i = 0; i < 5; i++) {
                attemptFrom(address, loginId, "Wrong-Password-" + i).then().statusCode(401);
            }
            // at that address the first backoff (60 s in tests), not a 15-minute lock
            long firstWait = Long.parseLong(attemptFrom(address, loginId, PASSWORD).then().statusCode(429)
                    .extract().header("Retry-After"));
            assertThat(firstWait).isBetween(1L, 60L);
            clock.advance(Period.ZERO, Duration.ofSeconds(61));
            // one more guess after the wait doubles it
            attemptFrom(address, loginId, "Wrong-Password-5").then().statusCode(401);
            long secondWait = Long.parseLong(attemptFrom(address, loginId, PASSWORD).then().statusCode(429)
                    .extract().header("Retry-After"));
            assertThat(secondWait).isBetween(61L, 120L);
            clock.advance(Period.ZERO, Duration.ofSeconds(121));
            // after the backoff the right password logs in
            attemptFrom(address, loginId, PASSWORD).then().statusCode(200).body("memberId", equalTo(id.toString()));
            // and the success starts the login ID at that address afresh
            attemptFrom(address, loginId, "Wrong-Password-6").then().statusCode(401);
            attemptFrom(address, loginId, PASSWORD).then().statusCode(200);
        } finally {
            clock.reset();
        }
    }

    /**
     * Issue 23 item 5: the backoff kept the owner's right password at 429 for as long as an attacker
     * kept guessing. An attacker guessing without pause from one address (each time his backoff
     * runs out, at once) while the owner logs in from another: the owner's first attempt succeeds
     * every time (the bound at another address is 0 s), and the attacker's own wait grows to its cap.
     */
    @Test
    void anAttackerGuessingContinuouslyFromOneAddressNeverKeepsTheOwnerAtAnotherOut() throws Exception {
        String loginId = uniqueLoginId();
        UUID id = signUp(loginId, true);
        String attacker = "203.0.113.70";
        String owner = "203.0.113.71";
        try {
            List<Integer> ownerStatuses = new ArrayList<>();
            List<Integer> attackerStatuses = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                // the attacker, concurrently with the owner: a burst of guesses (free ones, then 429s)
                List<HttpRequest> burst = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    burst.add(post(attacker, loginId, "Wrong-Password-" + round + "-" + i));
                }
                burst.add(post(owner, loginId, PASSWORD));
                List<Integer> statuses = concurrently(burst.size(), burst::get);
                attackerStatuses.addAll(statuses.subList(0, 8));
                ownerStatuses.add(statuses.get(8));
                // and once more after the burst, while the attacker is waiting out his backoff
                ownerStatuses.add(attemptFrom(owner, loginId, PASSWORD).then().extract().statusCode());
                if (round < 3) {
                    // the attacker's backoff runs out (at most the test's 5-minute cap) and he goes on at once
                    clock.advance(Period.ZERO, Duration.ofSeconds(301));
                }
            }
            System.out.println("owner " + ownerStatuses + " attacker " + attackerStatuses);
            assertThat(ownerStatuses).as("the owner's logins from another address").containsOnly(200);
            assertThat(attackerStatuses).as("the attacker").containsOnly(401, 429);
            assertThat(attackerStatuses.stream().filter(s -> s == 401).count())
                    .as("guesses that reached the hash: 5 free, then one per backoff").isLessThanOrEqualTo(5 + 3);
            // the attacker is still waiting out a capped backoff
            long wait = Long.parseLong(attemptFrom(attacker, loginId, "Wrong-Password-x").then().statusCode(429)
                    .extract().header("Retry-After"));
            assertThat(wait).isBetween(1L, 300L);
            attemptFrom(owner, loginId, PASSWORD).then().statusCode(200).body("memberId", equalTo(id.toString()));
        } finally {
            clock.reset();
        }
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
                c.createStatement().executeUpdate("DELETE FROM attempt_window WHERE subject_hash LIKE 'login-ip:%'");
            }
        }
    }

    @Test
    void P02_behindTheTrustedProxyEachClientIsThrottledAndRecordedByItsOwnAddress() throws Exception {
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
                c.createStatement().executeUpdate("DELETE FROM attempt_window WHERE subject_hash LIKE 'login-ip:%'");
            }
        }
    }

    private double verifications() {
        return registry.get(PasswordHasher.VERIFICATIONS).counter().count();
    }

    /** Runs {@code n} calls at once (released together) and returns their HTTP statuses. */
    static List<Integer> concurrently(int n, java.util.function.IntFunction<HttpRequest> request) throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(n)).build();
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest r = request.apply(i);
                answers.add(callers.submit(() -> {
                    start.await();
                    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            callers.shutdownNow();
        }
    }

    private HttpRequest post(String clientIp, String loginId, String password) {
        String body = "{\"loginId\":\"" + loginId + "\",\"password\":\"" + password + "\"}";
        return HttpRequest.newBuilder(URI.create(sessions.toString())).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientIp).POST(HttpRequest.BodyPublishers.ofString(body)).build();
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

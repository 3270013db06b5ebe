package dev.privacy.member;

import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.privacy.member.TestMembers.PASSWORD;
import static dev.privacy.member.TestMembers.body;
import static dev.privacy.member.TestMembers.nextClientIp;
import static dev.privacy.member.TestMembers.signUp;
import static dev.privacy.member.TestMembers.uniqueLoginId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 item 5: 20 concurrent logins ran 20 Argon2id computations of 19 MiB at once and the
 * service died of an OutOfMemoryError. 100 concurrent logins (and 100 sign-ups), each from an
 * address of its own so that no throttle stands in front of the hash, must leave the service
 * alive: only 200/201/401/429/503, every error problem+json, a 503 with Retry-After, never more
 * Argon2id computations at once than {@code member.password-hashing.concurrency} (counted by
 * sampling the threads inside Bouncy Castle's Argon2 generator), and normal answers afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class PasswordHashingLoadTest {

    /** member.password-hashing.concurrency in %test (application.properties). */
    private static final int CONCURRENCY = 2;

    @TestHTTPResource("/v1/sessions")
    URL sessions;

    @TestHTTPResource("/v1/members")
    URL members;

    @Test
    void hundredConcurrentLoginsLeaveTheServiceAliveAndBoundTheArgon2Computations() throws Exception {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String loginId = uniqueLoginId();
            signUp(loginId, true);
            known.add(loginId);
        }
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String loginId = i < 10 ? known.get(i) : "nosuch" + uniqueLoginId();
            String password = i < 5 ? PASSWORD : "Wrong-Password-" + i;
            requests.add(json(sessions, nextClientIp(),
                    "{\"loginId\":\"" + loginId + "\",\"password\":\"" + password + "\"}"));
        }
        Load load = concurrently(requests);
        System.out.println("100 concurrent logins: " + load);

        assertThat(load.statuses.keySet()).as("statuses").isSubsetOf(Set.of(200, 401, 429, 503));
        assertThat(load.badErrors).as("errors that are not problem+json, or a 503 without Retry-After").isEmpty();
        assertThat(load.peakArgon2).as("Argon2id computations at once").isLessThanOrEqualTo(CONCURRENCY);
        afterwardsTheServiceAnswersNormally(known.get(9));
    }

    @Test
    void hundredConcurrentSignUpsLeaveTheServiceAliveAndBoundTheArgon2Computations() throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> body = body(uniqueLoginId());
            requests.add(json(members, nextClientIp(), "{\"name\":\"Kim Minji\",\"loginId\":\"" + body.get("loginId")
                    + "\",\"password\":\"" + PASSWORD + "\",\"mobile\":\"010-1234-5678\",\"email\":\""
                    + body.get("email") + "\",\"over14\":true}"));
        }
        Load load = concurrently(requests);
        System.out.println("100 concurrent sign-ups: " + load);

        assertThat(load.statuses.keySet()).as("statuses").isSubsetOf(Set.of(201, 429, 503));
        assertThat(load.badErrors).as("errors that are not problem+json, or a 503 without Retry-After").isEmpty();
        assertThat(load.peakArgon2).as("Argon2id computations at once").isLessThanOrEqualTo(CONCURRENCY);
        String loginId = uniqueLoginId();
        signUp(loginId, true);
        afterwardsTheServiceAnswersNormally(loginId);
    }

    private static void afterwardsTheServiceAnswersNormally(String loginId) {
        given().header("X-Forwarded-For", nextClientIp()).contentType("application/json")
                .body(Map.of("loginId", loginId, "password", PASSWORD))
                .when().post("/v1/sessions").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private static HttpRequest json(URL url, String clientIp, String body) {
        return HttpRequest.newBuilder(URI.create(url.toString())).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientIp).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    record Load(Map<Integer, Integer> statuses, List<String> badErrors, int peakArgon2) {
    }

    private static Load concurrently(List<HttpRequest> requests) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(requests.size());
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger peak = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                int inside = 0;
                for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
                    for (StackTraceElement frame : stack) {
                        if (frame.getClassName().endsWith("Argon2BytesGenerator")) {
                            inside++;
                            break;
                        }
                    }
                }
                peak.accumulateAndGet(inside, Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "argon2-sampler-" + UUID.randomUUID());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(requests.size())).build();
        try {
            sampler.start();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (HttpRequest r : requests) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return client.send(r, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> bad = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(180, TimeUnit.SECONDS);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() >= 400) {
                    String type = response.headers().firstValue("Content-Type").orElse("");
                    if (!type.startsWith("application/problem+json")
                            || (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty())) {
                        bad.add(response.statusCode() + " " + type + " " + response.body());
                    }
                }
            }
            return new Load(statuses, bad, peak.get());
        } finally {
            sampling.set(false);
            sampler.join(1000);
            callers.shutdownNow();
        }
    }
}

package dev.privacy.e2e;

import dev.privacy.platform.testing.DevTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady mixed load of what members do — sign-up, profile update, correction request and apply,
 * marketing consent grant and withdrawal, membership withdrawal, and for an under-14 member the
 * guardian's consent recorded by a privacy officer — from a few threads, each walking
 * its own members one step at a time (so each member's changes are made in a known order).
 *
 * <p>Every request is retried until a bounded deadline while the answer is lost (connection refused
 * or reset, timeout, 5xx, 429): creating POSTs carry an {@code Idempotency-Key} that stays the same
 * across the retries, and the other steps are idempotent by nature (a repeated withdrawal answers 404,
 * a repeated apply 409). The load only counts what it sent and what it was told; what really
 * committed is read afterwards from the owners' databases.
 */
final class MixedLoad implements AutoCloseable {

    /** How long one step keeps retrying before the load gives it up (the owner's database is the truth anyway). */
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Pause between two steps of one thread: a modest rate for 2 cores shared with five services. */
    private static final long PAUSE_MILLIS = 250;
    private static final Pattern MEMBER_ID = Pattern.compile("\"memberId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern CORRECTION_ID = Pattern.compile("\"correctionId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static final String OFFICER = DevTokens.staff("officer-load", "privacy-officer");

    private final String memberUrl;
    private final String consentUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    final AtomicLong attempts = new AtomicLong();
    final AtomicLong steps = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();
    /** Every member ID an answer named: the load's own members, to scope the checks afterwards. */
    final Set<UUID> members = ConcurrentHashMap.newKeySet();
    /** Every personal value the load sent (its markers are in every name, login ID, password and e-mail). */
    final Set<String> personalValues = ConcurrentHashMap.newKeySet();
    /** Sign-up Idempotency-Keys whose answer never came: the owner may still have committed them. */
    final Set<String> unansweredSignUps = ConcurrentHashMap.newKeySet();

    MixedLoad(String memberUrl, String consentUrl) {
        this.memberUrl = memberUrl;
        this.consentUrl = consentUrl;
    }

    MixedLoad start(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            long seed = 7919L * (i + 1);
            Thread t = new Thread(() -> run(new Random(seed)), "mixed-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** Stops starting new steps and waits for the running ones to end (each is bounded by its deadline). */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(STEP_DEADLINE.plusSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(Random random) {
        while (running.get()) {
            oneMemberLife(random);
        }
    }

    /** One member's life: each step only once the one before it got its answer. */
    private void oneMemberLife(Random random) {
        String marker = "load" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String signUpKey = UUID.randomUUID().toString();
        boolean child = random.nextInt(4) == 0;
        String mobile = "8210%08d".formatted(random.nextInt(100_000_000));
        remember(marker, mobile);
        String body = """
                {"name":"Load-%1$s","loginId":"l_%1$s","password":"pw-%1$s-secret","mobile":"+%2$s",
                 "email":"m_%1$s@example.com","over14":%3$s}""".formatted(marker, mobile, !child);
        Answer signedUp = send("POST", memberUrl + "/v1/members", null, body, signUpKey, Set.of());
        if (signedUp == null) {
            unansweredSignUps.add(signUpKey);
            return;
        }
        Matcher id = MEMBER_ID.matcher(signedUp.body());
        if (signedUp.status() != 201 || !id.find()) {
            return;
        }
        UUID memberId = UUID.fromString(id.group(1));
        members.add(memberId);
        String token = DevTokens.member(memberId);
        String member = memberUrl + "/v1/members/" + memberId;
        if (child) {
            // an under-14 member: a privacy officer records the guardian's consent, member-service activates it
            pause();
            String guardianContact = "8210%08d".formatted(random.nextInt(100_000_000));
            remember(guardianContact);
            send("POST", consentUrl + "/v1/members/" + memberId + "/guardian-consent", OFFICER, """
                    {"method":"SMS","evidenceReference":"SMS-TX-%s","guardianName":"Guardian-%s","guardianContact":"+%s"}"""
                    .formatted(UUID.randomUUID(), marker, guardianContact), UUID.randomUUID().toString(), Set.of(404));
            pause();
            return;
        }
        boolean staysMember = random.nextInt(3) > 0;

        pause();
        send("PATCH", member, token, "{\"name\":\"Renamed-" + marker + "\"}", null, Set.of());
        pause();
        // consent-service knows the member only once MemberRegistered arrived: 404 until then
        send("POST", consentUrl + "/v1/members/" + memberId + "/consents", token, "{\"purpose\":\"MARKETING\"}",
                UUID.randomUUID().toString(), Set.of(404));
        if (random.nextBoolean()) {
            pause();
            send("DELETE", consentUrl + "/v1/members/" + memberId + "/consents/MARKETING", token, null, null, Set.of());
        }
        if (staysMember) {
            pause();
            Answer requested = send("POST", member + "/corrections", token, "{\"fields\":[\"mobile\"]}",
                    UUID.randomUUID().toString(), Set.of());
            Matcher correction = requested == null ? null : CORRECTION_ID.matcher(requested.body());
            if (correction != null && correction.find() && random.nextBoolean()) {
                pause();
                String corrected = "8210%08d".formatted(random.nextInt(100_000_000));
                remember(corrected);
                send("POST", member + "/corrections/" + correction.group(1) + "/apply", token,
                        "{\"changes\":{\"mobile\":\"+" + corrected + "\"}}", null, Set.of());
            }
        } else {
            pause();
            send("DELETE", member, token, null, null, Set.of());
        }
        pause();
    }

    record Answer(int status, String body) {
    }

    /**
     * Sends one step, retrying with the same body and Idempotency-Key while the answer is lost or
     * says "try again" (5xx, 429, and the given statuses); null if the deadline passed without an answer.
     */
    private Answer send(String method, String url, String token, String body, String idempotencyKey, Set<Integer> retryOn) {
        steps.incrementAndGet();
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        long backoff = 200;
        boolean first = true;
        while (true) {
            if (!first) {
                retried.incrementAndGet();
            }
            first = false;
            attempts.incrementAndGet();
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 500 && status != 429 && !retryOn.contains(status)) {
                    if (status < 300) {
                        acknowledged.incrementAndGet();
                    }
                    return new Answer(status, response.body());
                }
            } catch (IOException lost) {
                // connection refused or reset, or no answer in time: the change may or may not have committed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (System.nanoTime() > deadline) {
                givenUp.incrementAndGet();
                return null;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 3_000);
        }
    }

    /** For the scans of every topic and service log (this test's and the suite's). */
    private void remember(String... values) {
        for (String value : values) {
            personalValues.add(value);
            PersonalDataScan.register(value);
        }
    }

    private static void pause() {
        sleep(PAUSE_MILLIS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

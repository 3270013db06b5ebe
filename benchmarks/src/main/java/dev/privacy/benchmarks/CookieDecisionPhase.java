package dev.privacy.benchmarks;

import dev.privacy.platform.testing.DevTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 7: "may I set cookie category X for this visitor?" ({@code GET /v1/cookie-preferences/decision}),
 * the check every page makes. Preferences for members and for anonymous devices are seeded through
 * the API first (members signed up in member-service, known to consent-service through
 * MemberRegistered, then each sets its preference with its own token); the decision is then asked
 * for seeded devices (no token, no personal data: an anonymous device) and for seeded members (the
 * member's own token; a read of the member's preferences, so an access record per answer, P02).
 * Categories alternate STATISTICS / TARGETING (ESSENTIAL is answered without a lookup).
 */
final class CookieDecisionPhase {

    private static final String[] CATEGORIES = {"STATISTICS", "TARGETING"};

    private final String consent;
    private final List<UUID> devices;
    private final List<UUID> members;
    private final List<String> memberTokens;

    private CookieDecisionPhase(String consent, List<UUID> devices, List<UUID> members, List<String> memberTokens) {
        this.consent = consent;
        this.devices = devices;
        this.members = members;
        this.memberTokens = memberTokens;
    }

    static CookieDecisionPhase seed(HttpLoad load, String member, String consent, String run) throws Exception {
        int memberCount = Integer.parseInt(System.getProperty("cookie.members", "600"));
        int deviceCount = Integer.parseInt(System.getProperty("cookie.devices", "3000"));
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // Members: sign-up (Argon2id bound), wait until consent-service opened the ledger, set preferences.
            List<Future<UUID>> signedUp = new ArrayList<>();
            for (int i = 0; i < memberCount; i++) {
                int n = i;
                signedUp.add(pool.submit(() -> {
                    UUID id = UUID.fromString(MemberServiceBenchmark.memberIdOf(
                            load.send(MemberServiceBenchmark.signUpRequest(member, run + "c" + n)).body()));
                    String token = DevTokens.member(id);
                    MemberServiceBenchmark.awaitOk(load, consent + "/v1/members/" + id + "/consent-ledger", token);
                    expect(200, load.send(put(consent + "/v1/cookie-preferences/members/" + id, token, body(n))).statusCode(),
                            "member preference");
                    return id;
                }));
            }
            List<UUID> members = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (Future<UUID> f : signedUp) {
                UUID id = f.get();
                members.add(id);
                tokens.add(DevTokens.member(id));
            }
            List<Future<UUID>> seededDevices = new ArrayList<>();
            for (int i = 0; i < deviceCount; i++) {
                int n = i;
                seededDevices.add(pool.submit(() -> {
                    UUID device = UUID.randomUUID();
                    expect(200, load.send(put(consent + "/v1/cookie-preferences/devices/" + device, null, body(n))).statusCode(),
                            "device preference");
                    return device;
                }));
            }
            List<UUID> devices = new ArrayList<>();
            for (Future<UUID> f : seededDevices) {
                devices.add(f.get());
            }
            System.out.printf("cookie preferences seeded through the API: %d members, %d devices in %.0f s%n",
                    members.size(), devices.size(), (System.nanoTime() - started) / 1e9);
            return new CookieDecisionPhase(consent, devices, members, tokens);
        } finally {
            pool.shutdownNow();
        }
    }

    List<LoadResult> measure(HttpLoad load, int connections, Duration warmUp, Duration measure) throws Exception {
        load.run("warm-up decision (device)", connections, warmUp, 200, this::deviceDecision);
        LoadResult device = load.run("GET decision, anonymous device", connections, measure, 200, this::deviceDecision);
        load.run("warm-up decision (member)", connections, warmUp, 200, this::memberDecision);
        LoadResult member = load.run("GET decision, member (own token)", connections, measure, 200, this::memberDecision);
        return List.of(device, member);
    }

    private HttpRequest deviceDecision(int i) {
        UUID device = devices.get(Math.floorMod(i * 7919, devices.size()));
        return HttpRequest.newBuilder(URI.create(consent + "/v1/cookie-preferences/decision?device=" + device
                        + "&category=" + CATEGORIES[i & 1]))
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpRequest memberDecision(int i) {
        int m = Math.floorMod(i * 7919, members.size());
        return HttpLoad.get(consent + "/v1/cookie-preferences/decision?member=" + members.get(m)
                + "&category=" + CATEGORIES[i & 1], memberTokens.get(m));
    }

    /** A third each: allow all, refuse all, confirm each (targeting on every other one, statistics on). */
    private static String body(int n) {
        return switch (n % 3) {
            case 0 -> "{\"choice\":\"ALLOW_ALL\"}";
            case 1 -> "{\"choice\":\"REFUSE_ALL\"}";
            default -> "{\"choice\":\"CONFIRM_EACH\",\"targeting\":" + (n % 2 == 0) + ",\"statistics\":true}";
        };
    }

    private static HttpRequest put(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static void expect(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": HTTP " + actual);
        }
    }
}

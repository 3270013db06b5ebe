package dev.privacy.benchmarks;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.infra.Infrastructure;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.infra.PlatformServices;
import dev.privacy.platform.infra.Ports;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.infra.ServiceProcess;
import dev.privacy.platform.infra.ServiceSpec;
import dev.privacy.platform.testing.DevTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * member-service under load, as packaged (prod profile), on a real PostgreSQL and Kafka broker:
 * <ul>
 *   <li>sign-ups per second (bound by Argon2id password hashing, by design);</li>
 *   <li>GET of the member's own profile — JWT check, per-member key unwrap, decryption of every
 *       field, and an access record acknowledged by the broker before the answer (through the
 *       outbox instead with {@code -Dmember.jvm.options=-Dprivacy.access-records.direct=false}) —
 *       next to the baseline: a plain Quarkus GET of one unencrypted row by ID with JWT
 *       (consent-service's ledger), same run;</li>
 *   <li>event latency: from the sign-up response to MemberRegistered consumed from member.events
 *       (commit → relay → broker → consumer; an upper bound of the relay's idle latency).</li>
 * </ul>
 */
public final class MemberServiceBenchmark {

    private static final Pattern MEMBER_ID = Pattern.compile("\"memberId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.parseLong(System.getProperty("warmup.seconds", "45")));
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("measure.seconds", "30")));
        int connections = Integer.parseInt(System.getProperty("connections", "16"));
        Path root = PlatformServices.findRepositoryRoot(Path.of("").toAbsolutePath());
        Path logs = Files.createDirectories(root.resolve("benchmarks/target/logs"));

        try (PostgresServer postgres = Infrastructure.postgres(null, 0);
             KafkaBroker kafka = Infrastructure.kafka(Files.createTempDirectory("bench-kafka"), 0)) {
            ServiceSpec memberSpec = spec(PlatformServices.MEMBER, root, "member.jar");
            ServiceSpec consentSpec = spec(PlatformServices.CONSENT, root, "consent.jar");
            postgres.createDatabase(memberSpec.database());
            postgres.createDatabase(consentSpec.database());
            try (ServiceProcess member = ServiceProcess.builder(memberSpec).postgres(postgres).kafka(kafka)
                         .env("MEMBER_KEK", randomKey()).env("MEMBER_LOOKUP_KEY", randomKey())
                         // the load generator signs up from one IP; the benchmark measures hashing, not the throttle
                         .env("MEMBER_SIGN_UP_MAX_PER_IP", "100000000")
                         .logFile(logs.resolve("member-service.log")).maxHeap("512m")
                         .jvmOptions(System.getProperty("member.jvm.options", "")).start();
                 ServiceProcess consent = ServiceProcess.builder(consentSpec).postgres(postgres).kafka(kafka)
                         .logFile(logs.resolve("consent-service.log")).maxHeap("512m").start()) {
                member.awaitReady(Duration.ofMinutes(3));
                consent.awaitReady(Duration.ofMinutes(3));
                run(member.baseUrl(), consent.baseUrl(), kafka, warmUp, measure, connections);
            }
        }
    }

    private static void run(String member, String consent, KafkaBroker kafka, Duration warmUp, Duration measure,
                            int connections) throws Exception {
        HttpLoad load = new HttpLoad();
        String run = UUID.randomUUID().toString().substring(0, 6);
        // -Dphases=signup,profile,cookie (default all); the baseline runs in every sitting.
        Set<String> phases = Set.of(System.getProperty("phases", "signup,profile,cookie").split(","));

        LoadResult signUps = null;
        LoadResult events = null;
        int latencyEvents = Integer.parseInt(System.getProperty("latency.events", "40"));
        if (phases.contains("signup")) {
            // Event latency probe: consumer first, then sign-ups one at a time.
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            AtomicBoolean consuming = new AtomicBoolean(true);
            Thread consumer = new Thread(() -> consume(kafka, arrivals, consuming), "latency-consumer");
            consumer.start();
            Thread.sleep(3000);

            // Sign-ups: warm-up, then measured. Argon2id (m=19 MiB, t=2) is most of each request.
            load.run("sign-up warm-up", 2, warmUp.dividedBy(3), 201, i -> signUp(member, run + "w" + i));
            signUps = load.run("POST /v1/members (sign-up)", 4, measure, 201, i -> signUp(member, run + "m" + i));

            // Event latency: sequential sign-ups on an otherwise idle service.
            List<Long> eventLatenciesMicros = new ArrayList<>();
            for (int i = 0; i < latencyEvents; i++) {
                var response = load.send(signUp(member, run + "l" + i));
                long answered = System.nanoTime();
                String id = memberId(response.body());
                long deadline = answered + Duration.ofSeconds(10).toNanos();
                while (!arrivals.containsKey(id) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                if (arrivals.containsKey(id)) {
                    eventLatenciesMicros.add(Math.max(0, (arrivals.get(id) - answered) / 1000));
                }
                Thread.sleep(250); // let the relay go idle between events
            }
            consuming.set(false);
            consumer.join();
            long[] latencies = eventLatenciesMicros.stream().mapToLong(Long::longValue).toArray();
            events = new LoadResult("sign-up answered -> MemberRegistered consumed", latencies.length,
                    latencyEvents - latencies.length, 1, latencies);
        }

        // One member whose profile is read; the baseline reads one unencrypted row with a JWT too.
        String memberId = memberId(load.send(signUp(member, run + "reader")).body());
        String memberToken = DevTokens.member(UUID.fromString(memberId));
        String profileUrl = member + "/v1/members/" + memberId;
        String ledgerUrl = consent + "/v1/members/" + memberId + "/consent-ledger";
        awaitStatus(load, ledgerUrl, memberToken, 200);

        // Cookie decision (issue 7): seed preferences through the API before the baseline runs, so
        // every phase of the sitting sees the same database.
        CookieDecisionPhase cookies = phases.contains("cookie")
                ? CookieDecisionPhase.seed(load, member, consent, run) : null;

        load.run("warm-up baseline", connections, warmUp, 200, i -> HttpLoad.get(ledgerUrl, memberToken));
        LoadResult baseline = load.run("baseline: GET one plain row (consent-service)", connections, measure, 200,
                i -> HttpLoad.get(ledgerUrl, memberToken));
        LoadResult profile = null;
        if (phases.contains("profile")) {
            load.run("warm-up profile", connections, warmUp, 200, i -> HttpLoad.get(profileUrl, memberToken));
            profile = load.run("GET own profile (member-service)", connections, measure, 200,
                    i -> HttpLoad.get(profileUrl, memberToken));
        }
        List<LoadResult> decisions = cookies == null ? List.of() : cookies.measure(load, connections, warmUp, measure);

        System.out.printf("%nmember-service benchmark: %d connections, %ds warm-up, %ds measured per phase%n",
                connections, warmUp.toSeconds(), measure.toSeconds());
        if (signUps != null) {
            System.out.println(signUps.line());
        }
        System.out.println(baseline.line());
        if (profile != null) {
            System.out.println(profile.line());
            System.out.println(ratios("profile", profile, baseline));
        }
        for (LoadResult decision : decisions) {
            System.out.println(decision.line());
            System.out.println(ratios(decision.name(), decision, baseline));
        }
        if (events != null) {
            System.out.printf("event latency (%d sign-ups): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    events.requests(), events.percentileMillis(50), events.percentileMillis(99),
                    events.percentileMillis(100));
        }
    }

    private static String ratios(String what, LoadResult phase, LoadResult baseline) {
        return String.format("  %s / baseline rate ratio: %.2f   (p50 ratio %.2f, p99 ratio %.2f)", what,
                phase.rate() / baseline.rate(), phase.percentileMillis(50) / baseline.percentileMillis(50),
                phase.percentileMillis(99) / baseline.percentileMillis(99));
    }

    static java.net.http.HttpRequest signUpRequest(String member, String suffix) {
        return signUp(member, suffix);
    }

    static String memberIdOf(String body) {
        return memberId(body);
    }

    static void awaitOk(HttpLoad load, String url, String token) throws Exception {
        awaitStatus(load, url, token, 200);
    }

    private static java.net.http.HttpRequest signUp(String member, String suffix) {
        String body = """
                {"name":"Bench Person","loginId":"b_%s","password":"bench-pass-%s-x","mobile":"+821012345678",
                 "email":"b_%s@example.com","over14":true}""".formatted(suffix, suffix, suffix);
        return HttpLoad.postJson(member + "/v1/members", body);
    }

    private static String memberId(String body) {
        Matcher m = MEMBER_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no memberId in sign-up answer: " + body);
        }
        return m.group(1);
    }

    private static void consume(KafkaBroker kafka, Map<String, Long> arrivals, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.MEMBER_EVENTS));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(5)).forEach(r -> {
                    var type = r.headers().lastHeader("ce_type");
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).startsWith("MemberRegistered")) {
                        arrivals.putIfAbsent(r.key(), System.nanoTime());
                    }
                });
            }
        }
    }

    private static void awaitStatus(HttpLoad load, String url, String token, int status) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (load.send(HttpLoad.get(url, token)).statusCode() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " never answered " + status);
    }

    private static ServiceSpec spec(ServiceSpec spec, Path root, String override) {
        String jar = System.getProperty(override);
        ServiceSpec resolved = jar == null ? spec.resolveAgainst(root) : new ServiceSpec(spec.name(), spec.port(),
                spec.database(), Path.of(jar));
        return resolved.withPort(Ports.free());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "base64:" + Base64.getEncoder().encodeToString(key);
    }
}

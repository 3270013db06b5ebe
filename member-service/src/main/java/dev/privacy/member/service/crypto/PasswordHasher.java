package dev.privacy.member.service.crypto;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.platform.runtime.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Argon2id with the OWASP parameters (m = 19 MiB, t = 2, p = 1), Bouncy Castle's implementation,
 * stored in the PHC string format so parameters can be raised later (old hashes still verify).
 * The counters {@code member_password_hashes_total} and {@code member_password_verifications_total}
 * show the hashing work done (the CPU an attacker could make the service spend).
 * <p>
 * Every computation passes one gate (README "Password hashing"): each holds 19 MiB of memory, and
 * 20 at once once killed the service with an OutOfMemoryError. At most
 * {@code member.password-hashing.concurrency} run at once, at most {@code queue} callers wait (each
 * at most {@code max-wait}), and any other is refused with 503 {@code password-hashing-busy} and
 * Retry-After ({@link Busy}); {@code member_password_hashing_refused_total} counts the refusals.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public static final String HASHES = "member.password.hashes";
    public static final String VERIFICATIONS = "member.password.verifications";

    public static final String REFUSED = "member.password.hashing.refused";

    @Inject
    MeterRegistry registry;

    @Inject
    MemberConfig config;

    private Counter hashes;
    private Counter verifications;
    private Counter refused;
    /** The computations that may run at once; sized from configuration at start. */
    private Semaphore permits;
    /** Callers waiting for a permit (bounded by the queue size). */
    private final AtomicInteger waiting = new AtomicInteger();
    /** A moving average of the time one hash takes (nanoseconds). */
    private final AtomicLong typicalHashNanos = new AtomicLong();

    private final SecureRandom random = new SecureRandom();
    /** Verified against when a login ID is unknown, so that a miss costs as much time as a hit. */
    private final String decoy = encode("decoy-" + new SecureRandom().nextLong());

    /** The gate refused the computation: 503 problem+json with Retry-After. */
    public static final class Busy extends ProblemException {
        Busy(long retryAfterSeconds) {
            super(503, "password-hashing-busy", "Busy",
                    "Too many password checks at once; try again shortly", List.of(),
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }

    @PostConstruct
    void registerCounters() {
        permits = new Semaphore(Math.max(1, config.passwordHashing().concurrency()), true);
        refused = Counter.builder(REFUSED)
                .description("Password checks refused with 503 because the Argon2id gate and its queue were full")
                .register(registry);
        Gauge.builder("member.password.hashing.waiting", waiting, AtomicInteger::get)
                .description("Password checks waiting for the Argon2id gate").register(registry);
        hashes = Counter.builder(HASHES).description("Argon2id hashes of new passwords").register(registry);
        verifications = Counter.builder(VERIFICATIONS)
                .description("Argon2id password verifications, decoys for unknown login IDs included").register(registry);
        long started = System.nanoTime();
        encode("warm-up-" + random.nextLong());
        typicalHashNanos.set(System.nanoTime() - started); // a first estimate, before any sign-up
    }

    /** About how long one hash takes here (a moving average), for answers that must not be told apart by time. */
    public Duration typicalHashDuration() {
        return Duration.ofNanos(typicalHashNanos.get());
    }

    public String hash(String password) {
        enter();
        long started = System.nanoTime();
        String encoded;
        try {
            encoded = encode(password);
        } finally {
            permits.release();
        }
        long took = System.nanoTime() - started;
        typicalHashNanos.updateAndGet(old -> old == 0 ? took : (old * 7 + took) / 8);
        if (hashes != null) {
            hashes.increment();
        }
        return encoded;
    }

    private String encode(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    public boolean verify(String password, String encoded) {
        enter();
        try {
            if (verifications != null) {
                verifications.increment();
            }
            return matches(password, encoded);
        } finally {
            permits.release();
        }
    }

    /**
     * Takes a permit to compute, waiting in the bounded queue for at most {@code max-wait}; a full
     * queue or a wait that runs out is refused with {@link Busy} (and nothing was computed).
     */
    private void enter() {
        if (permits.tryAcquire()) {
            return;
        }
        MemberConfig.PasswordHashing gate = config.passwordHashing();
        if (waiting.incrementAndGet() > gate.queue()) {
            waiting.decrementAndGet();
            throw busy(gate);
        }
        try {
            if (!permits.tryAcquire(gate.maxWait().toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(gate);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(gate);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private Busy busy(MemberConfig.PasswordHashing gate) {
        refused.increment();
        return new Busy(Math.max(1, gate.retryAfter().toSeconds()));
    }

    private boolean matches(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            String[] pair = kv.split("=");
            switch (pair[0]) {
                case "m" -> m = Integer.parseInt(pair[1]);
                case "t" -> t = Integer.parseInt(pair[1]);
                case "p" -> p = Integer.parseInt(pair[1]);
                default -> {
                    return false;
                }
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification and fails; for unknown login IDs. */
    public boolean verifyDecoy(String password) {
        verify(password, decoy);
        return false;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}

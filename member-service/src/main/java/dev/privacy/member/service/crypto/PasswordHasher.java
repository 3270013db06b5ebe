package dev.privacy.member.service.crypto;

import io.micrometer.core.instrument.Counter;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Argon2id with the OWASP parameters (m = 19 MiB, t = 2, p = 1), Bouncy Castle's implementation,
 * stored in the PHC string format so parameters can be raised later (old hashes still verify).
 * The counters {@code member_password_hashes_total} and {@code member_password_verifications_total}
 * show the hashing work done (the CPU an attacker could make the service spend).
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

    @Inject
    MeterRegistry registry;

    private Counter hashes;
    private Counter verifications;
    /** A moving average of the time one hash takes (nanoseconds). */
    private final AtomicLong typicalHashNanos = new AtomicLong();

    private final SecureRandom random = new SecureRandom();
    /** Verified against when a login ID is unknown, so that a miss costs as much time as a hit. */
    private final String decoy = encode("decoy-" + new SecureRandom().nextLong());

    @PostConstruct
    void registerCounters() {
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
        long started = System.nanoTime();
        String encoded = encode(password);
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
        if (verifications != null) {
            verifications.increment();
        }
        return matches(password, encoded);
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

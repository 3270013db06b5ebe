package dev.privacy.platform.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/** RS256 tokens signed with the development key pair: for tests and the local platform, never prod. */
public final class DevTokens {

    public static final String ISSUER = "https://privacy-platform.local";
    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    public static String member(UUID memberId) {
        return sign(memberId.toString(), Set.of("member"));
    }

    public static String staff(String role) {
        return sign("staff-" + role, Set.of(role));
    }

    public static String staff(String subject, String role) {
        return sign(subject, Set.of(role));
    }

    public static String service(String serviceName) {
        return sign(serviceName, Set.of("service"));
    }

    public static String sign(String subject, Set<String> roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(3600)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(KEY);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream("dev-keys/jwt-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-keys/jwt-private.pem not on the classpath (platform-runtime)");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.privacy.platform.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Development JWTs for the local platform, signed RS256 with the dev key pair that the services
 * accept outside a real deployment. Written by hand with JDK crypto (a compact JWS is three
 * base64url parts) so that this dev tool needs no JWT library. Never for production.
 */
final class DevTokens {

    static final String ISSUER = "https://privacy-platform.local";
    static final List<String> ROLES = List.of("member", "privacy-officer", "compliance", "ops", "service");
    static final Duration LIFETIME = Duration.ofHours(1);

    private DevTokens() {
    }

    static String sign(PrivateKey key, String role, String subject, Instant issuedAt, Duration lifetime) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        long iat = issuedAt.getEpochSecond();
        String claims = "{\"iss\":" + json(ISSUER)
                + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject)
                + ",\"groups\":[" + json(role) + "]"
                + ",\"iat\":" + iat
                + ",\"exp\":" + (iat + lifetime.toSeconds()) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the token: " + e.getMessage(), e);
        }
    }

    /** Reads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA key. */
    static PrivateKey readPrivateKey(Path pem) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalStateException(pem + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
            }
            String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the dev signing key " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Invalid dev signing key " + pem + ": " + e.getMessage(), e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

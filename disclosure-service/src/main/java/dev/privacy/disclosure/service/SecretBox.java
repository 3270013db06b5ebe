package dev.privacy.disclosure.service;

import dev.privacy.disclosure.config.DisclosureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keeps recipients' shared signing secrets encrypted at rest (AES-256-GCM under a key from
 * config), and signs bodies with them (HMAC-SHA256).
 */
@ApplicationScoped
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    @Inject
    public SecretBox(DisclosureConfig config) {
        String value = config.secretKey();
        if (!value.startsWith("base64:")) {
            throw new IllegalStateException("privacy.disclosure.secret-key must be base64: and 32 bytes");
        }
        byte[] raw = Base64.getDecoder().decode(value.substring("base64:".length()));
        if (raw.length != 32) {
            throw new IllegalStateException("privacy.disclosure.secret-key must be 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a recipient secret", e);
        }
    }

    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open a recipient secret", e);
        }
    }

    /** A keyed fingerprint of a secret: lets an idempotent replay compare requests without the secret in the clear. */
    public String fingerprint(String secret) {
        return hmacHex(key.getEncoded(), secret.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code body} under the recipient's shared secret, hex. */
    public static String sign(String secret, byte[] body) {
        return hmacHex(secret.getBytes(StandardCharsets.UTF_8), body);
    }

    private static String hmacHex(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

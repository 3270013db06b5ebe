package dev.privacy.member.service.crypto;

import dev.privacy.member.config.MemberConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Keyed hashes (HMAC-SHA256) for finding a member by login ID or e-mail without a plaintext column,
 * and for throttling keys. Without the key, a stolen table cannot be matched against guesses.
 */
@ApplicationScoped
public class LookupHashes {

    @Inject
    MemberConfig config;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        String value = config.lookupKey() == null ? "" : config.lookupKey().strip();
        if (!value.startsWith("base64:")) {
            throw new IllegalStateException("member.lookup-key must be 'base64:' and at least 32 random bytes");
        }
        byte[] raw = Base64.getDecoder().decode(value.substring("base64:".length()));
        if (raw.length < 32) {
            throw new IllegalStateException("member.lookup-key must hold at least 32 bytes");
        }
        key = new SecretKeySpec(raw, "HmacSHA256");
    }

    public byte[] loginId(String loginId) {
        return hmac("login-id", loginId.strip().toLowerCase(Locale.ROOT));
    }

    public byte[] email(String email) {
        return hmac("email", email.strip().toLowerCase(Locale.ROOT));
    }

    /** A hex keyed hash of any value, under a purpose label (throttling keys, request fingerprints). */
    public String hex(String label, String value) {
        return HexFormat.of().formatHex(hmac(label, value));
    }

    private byte[] hmac(String label, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.privacy.retention.service;

import dev.privacy.retention.config.RetentionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The pseudonymous member reference of destruction certificates: HMAC-SHA256 of the member ID
 * under a secret key. A certificate outlives the data it certifies; whoever holds a member ID (and
 * the service) can find that member's certificates, nobody can read a member ID off one.
 */
@ApplicationScoped
public class MemberReference {

    private final SecretKeySpec key;

    @Inject
    public MemberReference(RetentionConfig config) {
        String value = config.certificate().memberRefKey();
        if (!value.startsWith("base64:")) {
            throw new IllegalStateException("retention.certificate.member-ref-key must be \"base64:\" and at least 32 bytes");
        }
        byte[] bytes = Base64.getDecoder().decode(value.substring("base64:".length()));
        if (bytes.length < 32) {
            throw new IllegalStateException("retention.certificate.member-ref-key must hold at least 32 bytes");
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public String of(UUID memberId) {
        if (memberId == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(memberId.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

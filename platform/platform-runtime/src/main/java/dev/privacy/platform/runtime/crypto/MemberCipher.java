package dev.privacy.platform.runtime.crypto;

import com.google.crypto.tink.Aead;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Encrypts one member's field values under their data key (member-service's profile keys,
 * consent-service's guardian keys). The associated data binds each ciphertext to the member and the
 * field, so a value cannot be swapped between rows or columns.
 */
public final class MemberCipher {

    private final UUID memberId;
    private final Aead aead;

    public MemberCipher(UUID memberId, Aead aead) {
        this.memberId = memberId;
        this.aead = aead;
    }

    public byte[] encrypt(String field, String value) {
        try {
            return aead.encrypt(value.getBytes(StandardCharsets.UTF_8), ad(field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt field " + field, e);
        }
    }

    public String decrypt(String field, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, ad(field)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt field " + field + " of member " + memberId, e);
        }
    }

    private byte[] ad(String field) {
        return (memberId + ":" + field).getBytes(StandardCharsets.UTF_8);
    }
}

package dev.privacy.member.service.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

/**
 * The key-encryption key (KEK) from the secret {@code member.kek}: it only wraps and unwraps the
 * per-member data keys, never data. A Tink keyset may hold several keys: the primary wraps, all
 * unwrap, so a KEK is rotated by adding a new primary and re-wrapping (no data re-encryption).
 */
public final class KeyEncryptionKey {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;
    private final long primaryKeyId;

    private KeyEncryptionKey(KeysetHandle handle) throws GeneralSecurityException {
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    /** Parses the configured value; the message of a failure never contains key material. */
    public static KeyEncryptionKey parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("member.kek (env MEMBER_KEK) is not set");
        }
        String value = configured.strip();
        try {
            if (value.startsWith("{")) {
                return new KeyEncryptionKey(TinkJsonProtoKeysetFormat.parseKeyset(value, InsecureSecretKeyAccess.get()));
            }
            if (value.startsWith("base64:")) {
                byte[] raw = Base64.getDecoder().decode(value.substring("base64:".length()));
                if (raw.length != 32) {
                    throw new IllegalStateException("member.kek: base64 form must hold exactly 32 bytes");
                }
                AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                        .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
                AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                        .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build();
                KeysetHandle handle = KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary()).build();
                return new KeyEncryptionKey(handle);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("member.kek is not a valid Tink AEAD keyset or base64 key ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalStateException("member.kek must be a Tink keyset JSON or 'base64:' and 32 bytes");
    }

    /**
     * Wraps one member's data keyset under the primary key. The member ID is associated data, so a
     * wrapped key cannot be moved to another member.
     */
    public byte[] wrap(KeysetHandle dataKey, UUID memberId) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, aead, associatedData(memberId));
    }

    /** Unwraps a data keyset wrapped under any key of this keyset (the primary or an older one). */
    public KeysetHandle unwrap(byte[] wrapped, UUID memberId) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, aead, associatedData(memberId));
    }

    /** Rotation: the same data keyset, wrapped again under the current primary key. */
    public byte[] rewrap(byte[] wrapped, UUID memberId) throws GeneralSecurityException {
        return wrap(unwrap(wrapped, memberId), memberId);
    }

    private static byte[] associatedData(UUID memberId) {
        return ("member-data-key:" + memberId).getBytes(StandardCharsets.UTF_8);
    }

    /** The Tink key ID of the primary key, recorded with each wrapped data key. */
    public long primaryKeyId() {
        return primaryKeyId;
    }
}

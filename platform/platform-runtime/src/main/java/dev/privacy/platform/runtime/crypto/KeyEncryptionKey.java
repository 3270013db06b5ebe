package dev.privacy.platform.runtime.crypto;

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
 * A key-encryption key (KEK) from a secret: it only wraps and unwraps per-member data keys, never
 * data (member-service's profile keys, consent-service's guardian keys). A Tink keyset may hold
 * several keys: the primary wraps, all unwrap, so a KEK is rotated by adding a new primary and
 * re-wrapping (no data re-encryption). The configured value is a Tink AEAD keyset JSON, or
 * {@code base64:} and 32 bytes.
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
    private final String keyKind;

    private KeyEncryptionKey(KeysetHandle handle, String keyKind) throws GeneralSecurityException {
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = Integer.toUnsignedLong(handle.getPrimary().getId());
        this.keyKind = keyKind;
    }

    /**
     * Parses the configured value; the message of a failure names {@code setting} and never contains
     * key material. {@code keyKind} (e.g. {@code member-data-key}) is bound into every wrapped key
     * with the member ID, so a key wrapped for one use or member cannot stand in for another.
     */
    public static KeyEncryptionKey parse(String setting, String configured, String keyKind) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(setting + " is not set");
        }
        String value = configured.strip();
        try {
            if (value.startsWith("{")) {
                return new KeyEncryptionKey(TinkJsonProtoKeysetFormat.parseKeyset(value, InsecureSecretKeyAccess.get()),
                        keyKind);
            }
            if (value.startsWith("base64:")) {
                byte[] raw = Base64.getDecoder().decode(value.substring("base64:".length()));
                if (raw.length != 32) {
                    throw new IllegalStateException(setting + ": base64 form must hold exactly 32 bytes");
                }
                AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                        .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
                AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                        .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build();
                KeysetHandle handle = KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary()).build();
                return new KeyEncryptionKey(handle, keyKind);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not a valid Tink AEAD keyset or base64 key ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalStateException(setting + " must be a Tink keyset JSON or 'base64:' and 32 bytes");
    }

    /**
     * Wraps one member's keyset under the primary key. The member ID is associated data, so a
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

    private byte[] associatedData(UUID memberId) {
        return (keyKind + ":" + memberId).getBytes(StandardCharsets.UTF_8);
    }

    /** The Tink key ID of the primary key, recorded with each wrapped data key. */
    public long primaryKeyId() {
        return primaryKeyId;
    }
}

package dev.privacy.consent.service.crypto;

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
 * The key-encryption key from the secret {@code consent.kek}: it only wraps the per-member guardian
 * data keys, never data. Same forms as member-service's: a Tink AEAD keyset JSON (the primary wraps,
 * every key unwraps) or {@code base64:} and 32 bytes.
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

    /** Parses the configured value; a failure's message never contains key material. */
    public static KeyEncryptionKey parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("consent.kek (env CONSENT_KEK) is not set");
        }
        String value = configured.strip();
        try {
            if (value.startsWith("{")) {
                return new KeyEncryptionKey(TinkJsonProtoKeysetFormat.parseKeyset(value, InsecureSecretKeyAccess.get()));
            }
            if (value.startsWith("base64:")) {
                byte[] raw = Base64.getDecoder().decode(value.substring("base64:".length()));
                if (raw.length != 32) {
                    throw new IllegalStateException("consent.kek: base64 form must hold exactly 32 bytes");
                }
                AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                        .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
                AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                        .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build();
                return new KeyEncryptionKey(KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary()).build());
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("consent.kek is not a valid Tink AEAD keyset or base64 key ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalStateException("consent.kek must be a Tink keyset JSON or 'base64:' and 32 bytes");
    }

    /** Wraps a member's guardian keyset; the member ID is associated data, so it cannot be moved to another. */
    public byte[] wrap(KeysetHandle dataKey, UUID memberId) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, aead, associatedData(memberId));
    }

    public KeysetHandle unwrap(byte[] wrapped, UUID memberId) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, aead, associatedData(memberId));
    }

    public long primaryKeyId() {
        return primaryKeyId;
    }

    private static byte[] associatedData(UUID memberId) {
        return ("guardian-data-key:" + memberId).getBytes(StandardCharsets.UTF_8);
    }
}

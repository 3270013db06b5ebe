package dev.privacy.platform.runtime.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KEK rotation as the README tells operators to do it: deploy a keyset whose new primary sits
 * beside the old key, re-wrap every data key, then drop the old key. Data ciphertexts are never
 * re-encrypted, and a wrapped key stays bound to its member.
 */
class KeyEncryptionKeyRotationTest {

    private static final UUID MEMBER = UUID.randomUUID();
    private static final String KIND = "member-data-key";
    private static final byte[] FIELD_AD = (MEMBER + ":name").getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void registerTink() throws GeneralSecurityException {
        AeadConfig.register();
    }

    @Test
    void dataEncryptedBeforeARotationIsReadableAfterTheRewrapAndAfterTheOldKeyIsDropped() throws Exception {
        KeysetHandle oldKeyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        KeysetHandle rotatedKeyset = KeysetHandle.newBuilder(oldKeyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId().makePrimary())
                .build();
        KeysetHandle newKeyOnly = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(rotatedKeyset.getPrimary().getKey())
                        .withFixedId(rotatedKeyset.getPrimary().getId()).makePrimary())
                .build();
        KeyEncryptionKey before = KeyEncryptionKey.parse("member.kek", json(oldKeyset), KIND);
        KeyEncryptionKey during = KeyEncryptionKey.parse("member.kek", json(rotatedKeyset), KIND);
        KeyEncryptionKey after = KeyEncryptionKey.parse("member.kek", json(newKeyOnly), KIND);
        assertThat(during.primaryKeyId()).isNotEqualTo(before.primaryKeyId()).isEqualTo(after.primaryKeyId());

        KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] ciphertext = aead(dataKey).encrypt("Kim Minji".getBytes(StandardCharsets.UTF_8), FIELD_AD);
        byte[] wrappedBefore = before.wrap(dataKey, MEMBER);

        // the rotated keyset still opens keys wrapped by the old primary
        assertThat(decrypt(during.unwrap(wrappedBefore, MEMBER), ciphertext)).isEqualTo("Kim Minji");
        byte[] rewrapped = during.rewrap(wrappedBefore, MEMBER);

        // once the old key is dropped: the re-wrapped key opens, the un-rewrapped one does not
        assertThat(decrypt(after.unwrap(rewrapped, MEMBER), ciphertext)).isEqualTo("Kim Minji");
        assertThatThrownBy(() -> after.unwrap(wrappedBefore, MEMBER)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aWrappedKeyCannotBeUnwrappedForAnotherMember() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.parse("member.kek", json(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)), KIND);
        byte[] wrapped = kek.wrap(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), MEMBER);

        assertThatThrownBy(() -> kek.unwrap(wrapped, UUID.randomUUID())).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aKeyWrappedForOneUseDoesNotUnwrapForAnother() throws GeneralSecurityException {
        String keyset = json(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        KeyEncryptionKey members = KeyEncryptionKey.parse("member.kek", keyset, KIND);
        KeyEncryptionKey guardians = KeyEncryptionKey.parse("consent.kek", keyset, "guardian-data-key");
        byte[] wrapped = members.wrap(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), MEMBER);

        assertThat(members.unwrap(wrapped, MEMBER)).isNotNull();
        assertThatThrownBy(() -> guardians.unwrap(wrapped, MEMBER)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void anInvalidKekIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> KeyEncryptionKey.parse("member.kek", "base64:c2hvcnQ=", KIND))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> KeyEncryptionKey.parse("member.kek", "{\"secret\":\"s3cr3t-value\"}", KIND))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("s3cr3t-value");
    }

    private static String json(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    private static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static String decrypt(KeysetHandle dataKey, byte[] ciphertext) throws GeneralSecurityException {
        return new String(aead(dataKey).decrypt(ciphertext, FIELD_AD), StandardCharsets.UTF_8);
    }
}

package dev.privacy.auditlog.service;

import dev.privacy.auditlog.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and checks checkpoint statements with Ed25519 (JDK provider). The key comes from config:
 * a secret in prod, a dev key in the dev, test and local profiles only.
 */
@ApplicationScoped
public class CheckpointSigner {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyBase64;
    private final String keyId;

    @Inject
    public CheckpointSigner(AuditConfig config) {
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(config.checkpoint().privateKey().trim())));
            byte[] publicDer = Base64.getDecoder().decode(config.checkpoint().publicKey().trim());
            publicKey = keys.generatePublic(new X509EncodedKeySpec(publicDer));
            publicKeyBase64 = Base64.getEncoder().encodeToString(publicDer);
            keyId = ChainHash.sha256(publicDer).substring(0, 16);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("audit.checkpoint keys are not a valid Ed25519 key pair", e);
        }
        if (!verify(statement(0, ChainHash.GENESIS, Instant.EPOCH), sign(statement(0, ChainHash.GENESIS, Instant.EPOCH)))) {
            throw new IllegalStateException("audit.checkpoint.public-key does not match audit.checkpoint.private-key");
        }
    }

    /** What a checkpoint signs: {@code audit-checkpoint/v1|<sequence>|<head hash hex>|<signedAt epoch ms>}, UTF-8. */
    public static byte[] statement(long sequence, String headHash, Instant signedAt) {
        return ("audit-checkpoint/v1|" + sequence + "|" + headHash + "|" + signedAt.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] statement) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(statement);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(byte[] statement, String signatureBase64) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(statement);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public String keyId() {
        return keyId;
    }

    public String publicKeyBase64() {
        return publicKeyBase64;
    }
}

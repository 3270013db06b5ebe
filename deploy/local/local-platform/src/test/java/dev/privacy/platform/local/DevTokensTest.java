package dev.privacy.platform.local;

import dev.privacy.platform.infra.PlatformServices;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokensTest {

    private static final Path ROOT = PlatformServices.findRepositoryRoot(Path.of(""));
    private static final Path DEV_KEYS = ROOT.resolve("platform/platform-runtime/src/main/resources/dev-keys");

    @Test
    void signsAnRs256TokenThatTheDevPublicKeyVerifies() throws Exception {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String token = DevTokens.sign(DevTokens.readPrivateKey(DEV_KEYS.resolve("jwt-private.pem")),
                "privacy-officer", "alice \"the officer\"", now, Duration.ofHours(1));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(decode(parts[1])).isEqualTo("{\"iss\":\"https://privacy-platform.local\","
                + "\"sub\":\"alice \\\"the officer\\\"\",\"upn\":\"alice \\\"the officer\\\"\","
                + "\"groups\":[\"privacy-officer\"],\"iat\":1700000000,\"exp\":1700003600}");

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey(DEV_KEYS.resolve("jwt-public.pem")));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(token).doesNotContain("=", "+", "/");
    }

    @Test
    void tokenCommandRefusesAnUnknownRole() {
        assertThat(LocalPlatform.execute(new String[] {"token", "admin"})).isEqualTo(2);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}

package dev.privacy.platform.runtime.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PanGuardTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void cardNumbersAreFoundWithOrWithoutSeparatorsAndWithoutALuhnCheck() {
        assertThat(PanGuard.looksLikePan("4111111111111111")).isTrue();
        assertThat(PanGuard.looksLikePan("4111 1111 1111 1111")).isTrue();
        assertThat(PanGuard.looksLikePan("card: 4111-1111-1111-1112")).isTrue();
        assertThat(PanGuard.looksLikePan("1234567890123")).isTrue();
    }

    @Test
    void shortNumbersTokensAndPhoneNumbersPass() {
        assertThat(PanGuard.looksLikePan("1111")).isFalse();
        assertThat(PanGuard.looksLikePan("tok_9f8e7d6c5b4a")).isFalse();
        assertThat(PanGuard.looksLikePan("+821012345678")).isFalse();
        assertThat(PanGuard.looksLikePan(null)).isFalse();
    }

    @Test
    void everyPathCarryingACardNumberIsNamedAtAnyDepth() throws Exception {
        var body = json.readTree("""
                {"payment":{"processorToken":"tok_abc","last4":"1111"},
                 "notes":["fine","pay with 5500 0000 0000 0004"],
                 "extra":{"number":4111111111111111}}""");
        assertThat(PanGuard.panLikePaths(body)).containsExactlyInAnyOrder("notes[1]", "extra.number");
    }
}

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
    void luhnValidCardNumbersAreFoundBehindAnySeparator() {
        for (String sep : new String[] {"", " ", "-", "\u2013", "\u2014", "\u2212", "_", ",", "*", ".", "\u200b",
                "\u00a0", " - ", "\u2060", "/"}) {
            String card = String.join(sep, "4111", "1111", "1111", "1111");
            org.assertj.core.api.Assertions.assertThat(PanGuard.containsCardNumber("card " + card + " end"))
                    .as("separator U+%04X", sep.isEmpty() ? 0 : (int) sep.charAt(0)).isTrue();
        }
        assertThat(PanGuard.containsCardNumber("378282246310005")).isTrue(); // 15-digit Amex
        assertThat(PanGuard.containsCardNumber("٤١١١١١١١١١١١١١١١")).isTrue(); // Arabic-Indic digits
    }

    @Test
    void uuidsTimestampsAndNonLuhnRunsAreNotCardNumbers() {
        assertThat(PanGuard.containsCardNumber("4111-1111-1111-1112")).isFalse();
        assertThat(PanGuard.containsCardNumber("12345678-1234-1234-1234-123456789012")).isFalse();
        assertThat(PanGuard.containsCardNumber("2026-11-01T00:00:00.000000Z 2026-11-02T10:11:12Z")).isFalse();
        assertThat(PanGuard.containsCardNumber("+82 10 1234 5678")).isFalse();
        assertThat(PanGuard.containsCardNumber(null)).isFalse();
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

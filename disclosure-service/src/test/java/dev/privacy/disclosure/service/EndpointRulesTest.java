package dev.privacy.disclosure.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Recipient endpoints: HTTPS only; plain HTTP to the loopback address only where allowed (never in prod). */
class EndpointRulesTest {

    @Test
    void httpsIsAcceptedEverywhere() {
        assertThat(EndpointRules.problemWith("https://partner.example/hook", false)).isEmpty();
    }

    @Test
    void plainHttpIsAcceptedOnlyToLoopbackAndOnlyWhereAllowed() {
        assertThat(EndpointRules.problemWith("http://127.0.0.1:8080/hook", true)).isEmpty();
        assertThat(EndpointRules.problemWith("http://localhost:8080/hook", true)).isEmpty();
        assertThat(EndpointRules.problemWith("http://127.0.0.1:8080/hook", false)).isPresent();
        assertThat(EndpointRules.problemWith("http://partner.example/hook", true)).isPresent();
    }

    @Test
    void otherSchemesRelativeUrlsAndCredentialsAreRefused() {
        assertThat(EndpointRules.problemWith("ftp://partner.example/hook", true)).isPresent();
        assertThat(EndpointRules.problemWith("/hook", true)).isPresent();
        assertThat(EndpointRules.problemWith("https://user:pw@partner.example/hook", true)).isPresent();
        assertThat(EndpointRules.problemWith("not a url", true)).isPresent();
    }

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(10);
        assertThat(Backoff.after(1, initial, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.after(2, initial, max)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Backoff.after(4, initial, max)).isEqualTo(Duration.ofSeconds(80));
        assertThat(Backoff.after(40, initial, max)).isEqualTo(max);
    }
}

package dev.privacy.platform.runtime.persistence;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    private static final Instant AT = Instant.parse("2026-11-01T08:30:00.123456Z");

    @Test
    void everyFormANativeQueryAnswersIsOneInstant() {
        assertThat(Timestamps.toInstant(Timestamp.from(AT))).isEqualTo(AT);
        assertThat(Timestamps.toInstant(AT)).isEqualTo(AT);
        assertThat(Timestamps.toInstant(AT.atOffset(ZoneOffset.ofHours(9)))).isEqualTo(AT);
        assertThat(Timestamps.toInstant(AT.toString())).isEqualTo(AT);
        assertThatThrownBy(() -> Timestamps.toInstant(42L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Long");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(Timestamps.secondsUntil(AT.plusMillis(1001), AT)).isEqualTo(2);
        assertThat(Timestamps.secondsUntil(AT.plusSeconds(3), AT)).isEqualTo(3);
        assertThat(Timestamps.secondsUntil(AT.minusSeconds(3), AT)).isEqualTo(1);
    }
}

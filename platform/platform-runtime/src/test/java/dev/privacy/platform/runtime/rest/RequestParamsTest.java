package dev.privacy.platform.runtime.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestParamsTest {

    private static final String ID = "0b6c7c9e-1f4e-4b8a-9d3c-2a1f5e6d7c8b";

    @Test
    void absentOrBlankParametersAreNullAndValuesAreStripped() {
        assertThat(RequestParams.uuid("memberId", null)).isNull();
        assertThat(RequestParams.uuid("memberId", "  ")).isNull();
        assertThat(RequestParams.uuid("memberId", " " + ID + " ")).isEqualTo(UUID.fromString(ID));
        assertThat(RequestParams.instant("from", "2026-11-01T00:00:00Z")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(RequestParams.nonNegativeLong("cursor", "0")).isZero();
        assertThat(RequestParams.limit(null, 100, 1000)).isEqualTo(100);
        assertThat(RequestParams.month("2026-02")).isEqualTo(YearMonth.of(2026, 2));
        assertThat(RequestParams.text("type", " x ", 10)).isEqualTo("x");
    }

    @Test
    void aBadQueryParameterIsA400NamingIt() {
        assertRefused(() -> RequestParams.uuid("memberId", "nope"), "Query parameter memberId must be a UUID",
                "memberId", "must be a UUID");
        assertRefused(() -> RequestParams.instant("to", "yesterday"),
                "Query parameter to must be an ISO-8601 instant such as 2026-11-01T00:00:00Z", "to",
                "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        // a far-past or far-future instant gave a 500 from the store before it was refused here
        assertRefused(() -> RequestParams.instant("from", "-999999999-01-01T00:00:00Z"),
                "Query parameter from must be an ISO-8601 instant such as 2026-11-01T00:00:00Z", "from",
                "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        assertRefused(() -> RequestParams.instant("to", "+100000-01-01T00:00:00Z"),
                "Query parameter to must be an ISO-8601 instant such as 2026-11-01T00:00:00Z", "to",
                "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        assertRefused(() -> RequestParams.text("q", "a\u0000b", 10), "Query parameter q must not contain control characters",
                "q", "must not contain control characters");
        assertRefused(() -> RequestParams.nonNegativeLong("cursor", "-1"),
                "Query parameter cursor must be a whole number, 0 or more", "cursor", "must be a whole number, 0 or more");
        assertRefused(() -> RequestParams.limit("0", 100, 1000), "Query parameter limit must be between 1 and 1000",
                "limit", "must be between 1 and 1000");
        assertRefused(() -> RequestParams.month(null), "Query parameter month is required, as YYYY-MM", "month",
                "is required, as YYYY-MM");
        assertRefused(() -> RequestParams.month("2026-13"), "Query parameter month must be a month as YYYY-MM", "month",
                "must be a month as YYYY-MM");
        assertRefused(() -> RequestParams.text("type", "x".repeat(11), 10),
                "Query parameter type must be at most 10 characters", "type", "must be at most 10 characters");
    }

    @Test
    void anEndpointWordsItsOwnRefusal() {
        var refusal = new RequestParams.Refusal("Unknown channel", "one of the units");
        assertThat(RequestParams.enumIgnoringCase(TimeUnit.class, "unit", " seconds", refusal)).isEqualTo(TimeUnit.SECONDS);
        assertRefused(() -> RequestParams.enumValue(TimeUnit.class, "unit", "seconds", refusal), "Unknown channel",
                "unit", "one of the units");
        // parse takes the value as given: a blank one is refused, not absent
        assertRefused(() -> RequestParams.parse("unit", "", TimeUnit::valueOf, refusal), "Unknown channel", "unit",
                "one of the units");
        assertRefused(() -> RequestParams.required("id", " ", refusal), "Unknown channel", "id", "one of the units");
    }

    @Test
    void aCanonicalUuidIsRequiredWhereAsked() {
        var refusal = new RequestParams.Refusal("The id is not a UUID", "must be a UUID");
        assertThat(RequestParams.uuid("id", "1-2-3-4-5", refusal)).isNotNull();
        assertRefused(() -> RequestParams.canonicalUuid("id", "1-2-3-4-5", refusal), "The id is not a UUID", "id",
                "must be a UUID");
        assertThat(RequestParams.canonicalUuid("id", ID.toUpperCase(), refusal)).isEqualTo(UUID.fromString(ID));
    }

    @Test
    void referenceCodesAreIdsNeverFreeText() {
        assertThat(RequestParams.isReferenceCode("CASE-2026/001:a_b.c")).isTrue();
        assertThat(RequestParams.isReferenceCode("call me")).isFalse();
        assertThat(RequestParams.isReferenceCode("a@b.example")).isFalse();
        assertThat(RequestParams.isReferenceCode("-leading")).isFalse();
    }

    private static void assertRefused(Runnable parse, String detail, String field, String message) {
        ProblemException refused = catchThrowableOfType(ProblemException.class, parse::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getMessage()).isEqualTo(detail);
        assertThat(refused.violations()).containsExactly(new Problem.Violation(field, message));
    }
}

package dev.privacy.platform.runtime.guard;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The input layer on a plain mapper: each refusal names its field and never carries the value. */
class StrictJsonTest {

    enum Kind { EMAIL, PHONE }

    record Body(String note, Kind kind, boolean flag, int count, Instant at, LocalDate day, List<String> tags, Inner inner) {
    }

    record Inner(String text) {
    }

    private final ObjectMapper json = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    private Body read(String body) throws Exception {
        return json.readValue(body, Body.class);
    }

    @Test
    void validBodiesReadAsBefore() throws Exception {
        Body body = read("""
                {"note":"line one\\nline\\ttwo 4111","kind":"PHONE","flag":true,"count":3,
                 "at":"2026-11-01T00:00:00Z","day":"2026-11-01","tags":["a","b"],"inner":{"text":"x"}}""");
        assertThat(body.kind()).isEqualTo(Kind.PHONE);
        assertThat(body.note()).contains("4111");
        assertThat(read("{\"note\":\"ref 123e4567-e89b-12d3-a456-426614174000 at 2026-11-01T00:00:00Z, order 12345678\"}"))
                .isNotNull();
    }

    @Test
    void duplicateKeysAndTrailingDocumentsAreRefused() {
        assertThatThrownBy(() -> read("{\"note\":\"a\",\"note\":\"b\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'note'");
        assertThatThrownBy(() -> read("{\"note\":\"a\"} {\"note\":\"b\"}"))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("Trailing token");
    }

    @Test
    void enumOrdinalsAndScalarCoercionsAreRefused() {
        assertThatThrownBy(() -> read("{\"kind\":0}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"kind\":\"1\"}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"flag\":1}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"flag\":\"true\"}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"note\":12}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"note\":true}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"count\":\"3\"}")).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> read("{\"count\":3.5}")).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void controlCharactersAndOversizedStringsAndArraysAreRefusedNamingTheField() {
        assertRefused("{\"inner\":{\"text\":\"a\\u0000b\"}}", "inner.text", "control");
        assertRefused("{\"note\":\"bell\\u0007\"}", "note", "control");
        assertRefused("{\"note\":\"\\ud800x\"}", "note", "surrogate");
        assertRefused("{\"note\":\"" + "x".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\"}", "note", "at most");
        assertRefused("{\"tags\":[" + "\"a\",".repeat(StrictJson.MAX_ARRAY_SIZE) + "\"a\"]}", "tags", "elements");
        assertRefused("{\"tags\":[\"ok\",\"a\\u0000\"]}", "tags[1]", "control");
        assertThatThrownBy(() -> read("{\"inner\":" + "[".repeat(200) + "]".repeat(200) + "}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void outOfRangeDatesAreRefused() {
        assertRefused("{\"at\":\"-999999999-01-01T00:00:00Z\"}", "at", "years");
        assertRefused("{\"at\":\"+10000-01-01T00:00:00Z\"}", "at", "years");
        assertRefused("{\"day\":\"-0001-12-31\"}", "day", "years");
        assertRefused("{\"at\":-62135596801}", "at", "ISO-8601");
    }

    @Test
    void cardNumbersAreRefusedWithoutEchoingThem() {
        for (String card : List.of("4111111111111111", "4111–1111–1111–1111", "4111_1111_1111_1111",
                "4111,1111,1111,1111", "4111*1111*1111*1111", "4111\u200b1111\u200b1111\u200b1111",
                "4111−1111−1111−1111", "4111—1111—1111—1111", "4111.1111.1111.1111", "pay 5500 0000 0000 0004 now")) {
            assertThatThrownBy(() -> read("{\"note\":\"" + card + "\"}"))
                    .isInstanceOfSatisfying(RefusedInputException.class, e -> {
                        assertThat(e.slug()).isEqualTo("card-number-refused");
                        assertThat(e.getPath().get(0).getFieldName()).isEqualTo("note");
                        assertThat(e.getMessage()).doesNotContain("1111").doesNotContain("0004");
                    });
        }
    }

    private void assertRefused(String body, String field, String reason) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(RefusedInputException.class, e -> {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            assertThat(path).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
        });
    }
}

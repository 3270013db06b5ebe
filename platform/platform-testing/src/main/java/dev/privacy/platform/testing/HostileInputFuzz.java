package dev.privacy.platform.testing;

import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/**
 * Property-based fuzzing of a running service's write endpoints (issue 23, "Fuzzing in the build").
 * Reads the service's OpenAPI document, and for every POST, PUT and PATCH sends hostile bodies
 * generated with jqwik's {@link Arbitraries}: duplicate keys, trailing documents, wrong types,
 * enum ordinals, numbers as booleans, NUL and control characters, lone surrogates, huge strings,
 * arrays and numbers, deep nesting, out-of-range dates, card numbers behind odd separators (also in
 * the Idempotency-Key header), bodies over the size limit, invalid UTF-8, wrong content types.
 * Each request carries a token of a role the operation admits (found by probing with
 * {@link DevTokens}), so it reaches the input layer rather than stopping at 401/403.
 *
 * <p>The property: no answer is a 5xx, every error is {@code application/problem+json}, and a
 * refused card number is never echoed back. {@code ServiceBaselineTests} runs it on every service.
 */
public final class HostileInputFuzz {

    /** The outcome of a run: how many requests, and what broke the property (empty when it held). */
    public record Report(int requests, Map<Integer, Integer> statuses, List<String> failures) {
    }

    private static final String[] CARDS = {"4111111111111111", "5500000000000004", "378282246310005",
            "6011111111111117", "4012888888881881"};
    private static final String[] SEPARATORS = {"", " ", "-", "\u2013", "\u2014", "\u2212", "_", ",", "*", ".",
            "\u200b", "\u00a0", "\u2060", "/", " - "};
    private static final String[] CONTROL = {"\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"};
    private static final String[] BAD_DATES = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z", "-0001-01-01", "+10000-01-01", "1970-13-45", "9999-99-99T99:99:99Z", "0"};
    private static final String[] TRAILING = {" {\"a\":1}", " []", "]", "}", " x", " 1", "{}", " null", ",\"z\":1}"};

    private HostileInputFuzz() {
    }

    /**
     * Fuzzes every write operation of the service under test with at least {@code minimumRequests}
     * hostile requests in all (at least 20 per operation).
     */
    public static Report run(int minimumRequests) {
        Map<String, Object> openApi = given().accept("application/json").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("$");
        Map<String, Object> schemas = map(map(openApi.get("components")).get("schemas"));
        List<Operation> operations = new ArrayList<>();
        map(openApi.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            String verb = method.toUpperCase(Locale.ROOT);
            if ((verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH")) && !path.equals("/v1/ops/clock/reset")) {
                operations.add(new Operation(verb, path, properties(map(op).get("requestBody"), schemas)));
            }
        }));
        if (operations.isEmpty()) {
            throw new AssertionError("the OpenAPI document lists no write operation to fuzz");
        }
        int perOperation = Math.max(20, (minimumRequests + operations.size() - 1) / operations.size());
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int requests = 0;
        for (Operation operation : operations) {
            UUID id = UUID.randomUUID();
            String path = operation.path().replaceAll("\\{[^}]+}", id.toString());
            String token = tokenFor(operation.method(), path, id);
            List<Hostile> cases = hostile(operation.properties()).sampleStream().limit(perOperation).toList();
            for (Hostile hostile : cases) {
                requests++;
                Response response;
                try {
                    RequestSpecification request = given().contentType(hostile.contentType());
                    if (token != null) {
                        request.auth().oauth2(token);
                    }
                    if (hostile.idempotencyKey() != null) {
                        request.header("Idempotency-Key", hostile.idempotencyKey());
                    }
                    response = request.body(hostile.body()).request(Method.valueOf(operation.method()), path);
                } catch (RuntimeException e) {
                    failures.add(operation + " " + hostile.kind() + ": no answer (" + e + ")");
                    continue;
                }
                int status = response.statusCode();
                statuses.merge(status, 1, Integer::sum);
                String contentType = response.contentType() == null ? "" : response.contentType();
                String answer = response.asString();
                if (status >= 500) {
                    failures.add(operation + " " + hostile.kind() + ": " + status + " " + abbreviate(answer)
                            + " for " + abbreviate(new String(hostile.body(), StandardCharsets.UTF_8)));
                } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
                    failures.add(operation + " " + hostile.kind() + ": " + status + " as '" + contentType + "' "
                            + abbreviate(answer));
                } else if (hostile.card() != null && answer.contains(hostile.card())) {
                    failures.add(operation + " " + hostile.kind() + ": the card number was echoed (" + status + ")");
                }
            }
        }
        return new Report(requests, statuses, failures);
    }

    /** A token the operation admits: probed with an empty object, member (self) first, then staff and services. */
    private static String tokenFor(String method, String path, UUID id) {
        List<String> candidates = List.of(DevTokens.member(id), DevTokens.staff("privacy-officer"),
                DevTokens.staff("compliance"), DevTokens.staff("ops"), DevTokens.service("member-service"),
                DevTokens.service("consent-service"), DevTokens.service("retention-service"),
                DevTokens.service("disclosure-service"), DevTokens.service("audit-log-service"));
        for (String token : candidates) {
            int status = given().auth().oauth2(token).contentType("application/json").body("{\"\":{}}")
                    .request(Method.valueOf(method), path).statusCode();
            if (status != 401 && status != 403) {
                return token;
            }
        }
        return null; // admits nobody we can mint, or nobody at all: fuzz it unauthenticated
    }

    record Operation(String method, String path, Map<String, String> properties) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A generated request: what kind of hostility, the body bytes, and the card number it carries, if any. */
    record Hostile(String kind, byte[] body, String contentType, String idempotencyKey, String card) {
    }

    /** The body's properties and a crude type each (string, integer, number, boolean, array, object, enum, date). */
    private static Map<String, String> properties(Object requestBody, Map<String, Object> schemas) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Object> content = map(map(requestBody).get("content"));
        Object media = content.getOrDefault("application/json", content.values().stream().findFirst().orElse(null));
        Map<String, Object> schema = resolve(map(map(media).get("schema")), schemas);
        map(schema.get("properties")).forEach((name, value) -> {
            Map<String, Object> property = resolve(map(value), schemas);
            String type = String.valueOf(property.getOrDefault("type", "object"));
            if (property.containsKey("enum")) {
                type = "enum";
            } else if ("date-time".equals(property.get("format")) || "date".equals(property.get("format"))) {
                type = "date";
            }
            properties.put(name, type);
        });
        return properties;
    }

    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        Object ref = schema.get("$ref");
        if (ref instanceof String reference && reference.startsWith("#/components/schemas/")) {
            return map(schemas.get(reference.substring("#/components/schemas/".length())));
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    // --- generators --------------------------------------------------------------------------------

    private static Arbitrary<String> cards() {
        return Combinators.combine(Arbitraries.of(CARDS), Arbitraries.of(SEPARATORS), Arbitraries.integers().between(2, 5))
                .as((card, separator, group) -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < card.length(); i++) {
                        if (i > 0 && i % group == 0) {
                            text.append(separator);
                        }
                        text.append(card.charAt(i));
                    }
                    return text.toString();
                });
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(24);
    }

    /** A plausible value of each type, to surround the hostile one. */
    private static String plausible(String type) {
        return switch (type) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            case "array" -> "[]";
            case "object" -> "{}";
            case "date" -> "\"2026-11-01T00:00:00Z\"";
            default -> "\"x\"";
        };
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static String object(Map<String, String> properties, String field, String rawValue) {
        Map<String, String> entries = new LinkedHashMap<>();
        properties.forEach((name, type) -> entries.put(name, plausible(type)));
        if (field != null) {
            entries.put(field, rawValue);
        }
        return entries.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Arbitrary<Hostile> hostile(Map<String, String> properties) {
        List<String> names = properties.isEmpty() ? List.of("value") : List.copyOf(properties.keySet());
        Arbitrary<String> field = Arbitraries.of(names);
        List<String> stringFields = names.stream().filter(n -> "string".equals(properties.getOrDefault(n, "string"))
                || "date".equals(properties.get(n)) || "enum".equals(properties.get(n))).toList();
        Arbitrary<String> textField = stringFields.isEmpty() ? field : Arbitraries.of(stringFields);

        Arbitrary<Hostile> duplicate = field.map(f -> json("duplicate-key",
                object(properties, f, plausible(properties.getOrDefault(f, "string")) + "," + quote(f) + ":"
                        + plausible(properties.getOrDefault(f, "string")))));
        Arbitrary<Hostile> trailing = Combinators.combine(field, Arbitraries.of(TRAILING))
                .as((f, tail) -> json("trailing-document", object(properties, null, null) + tail));
        Arbitrary<Hostile> wrongType = Combinators.combine(field,
                        Arbitraries.of("0", "1", "-1", "1.5", "true", "false", "\"0\"", "\"true\"", "[]", "[1,\"a\"]",
                                "{}", "{\"a\":null}", "\"\"", "1e999999", "99999999999999999999999999", "-0.0", "\"NaN\""))
                .as((f, raw) -> json("wrong-type", object(properties, f, raw)));
        Arbitrary<Hostile> control = Combinators.combine(textField, text(), Arbitraries.of(CONTROL), text())
                .as((f, before, c, after) -> json("control-character", object(properties, f, quote(before + c + after))));
        Arbitrary<Hostile> surrogate = textField.map(f -> json("lone-surrogate", object(properties, f, "\"a\\ud800b\"")));
        Arbitrary<Hostile> huge = Combinators.combine(textField, Arbitraries.of(20_000, 40_000, 70_000))
                .as((f, n) -> json("huge-string-" + n, object(properties, f, quote("x".repeat(n)))));
        Arbitrary<Hostile> hugeArray = Combinators.combine(field, Arbitraries.of(1_500, 5_000))
                .as((f, n) -> json("huge-array-" + n, object(properties, f,
                        "[" + String.join(",", java.util.Collections.nCopies(n, "\"a\"")) + "]")));
        Arbitrary<Hostile> deep = Combinators.combine(field, Arbitraries.integers().between(80, 3_000),
                        Arbitraries.of("[", "{\"a\":"))
                .as((f, depth, open) -> json("deep-nesting-" + depth, object(properties, f,
                        open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth))));
        Arbitrary<Hostile> ordinal = Combinators.combine(field, Arbitraries.integers().between(-1, 5), Arbitraries.of(true, false))
                .as((f, n, quoted) -> json("enum-ordinal", object(properties, f, quoted ? "\"" + n + "\"" : String.valueOf(n))));
        Arbitrary<Hostile> card = Combinators.combine(textField, cards(), text())
                .as((f, number, prefix) -> new Hostile("card-number", object(properties, f, quote(prefix + " " + number))
                        .getBytes(StandardCharsets.UTF_8), "application/json", null, number));
        Arbitrary<Hostile> cardKey = cards().map(number -> new Hostile("card-number-idempotency-key",
                object(properties, null, null).getBytes(StandardCharsets.UTF_8), "application/json", number, number));
        Arbitrary<Hostile> date = Combinators.combine(field, Arbitraries.of(BAD_DATES))
                .as((f, d) -> json("bad-date", object(properties, f, quote(d))));
        Arbitrary<Hostile> unknown = Combinators.combine(text(), cards())
                .as((name, number) -> json("unknown-field", object(properties, name.isEmpty() ? "_" : name, "1")));
        Arbitrary<Hostile> shape = Arbitraries.of("", "null", "[]", "\"x\"", "42", "{", "{\"a\"", "[{}]", "{}{}",
                        "{\"\\u0000\":1}", "\ufeff{}", "{'a':1}", "{\"a\":1,}")
                .map(raw -> json("body-shape", raw));
        Arbitrary<Hostile> utf8 = Arbitraries.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                        new byte[] {'{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}'},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})
                .map(bytes -> new Hostile("invalid-utf8", bytes, "application/json", null, null));
        Arbitrary<Hostile> media = Arbitraries.of("text/plain", "application/xml", "application/octet-stream",
                        "application/json; charset=latin-1")
                .map(type -> new Hostile("content-type", object(properties, null, null).getBytes(StandardCharsets.UTF_8),
                        type, null, null));

        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, duplicate), net.jqwik.api.Tuple.of(2, trailing),
                net.jqwik.api.Tuple.of(5, wrongType), net.jqwik.api.Tuple.of(4, control),
                net.jqwik.api.Tuple.of(1, surrogate), net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(1, hugeArray), net.jqwik.api.Tuple.of(2, deep),
                net.jqwik.api.Tuple.of(3, ordinal), net.jqwik.api.Tuple.of(4, card),
                net.jqwik.api.Tuple.of(2, cardKey), net.jqwik.api.Tuple.of(3, date),
                net.jqwik.api.Tuple.of(1, unknown), net.jqwik.api.Tuple.of(2, shape),
                net.jqwik.api.Tuple.of(1, utf8), net.jqwik.api.Tuple.of(1, media));
    }

    private static Hostile json(String kind, String body) {
        return new Hostile(kind, body.getBytes(StandardCharsets.UTF_8), "application/json", null, null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}

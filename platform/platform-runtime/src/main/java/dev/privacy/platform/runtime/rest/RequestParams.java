package dev.privacy.platform.runtime.rest;

import dev.privacy.platform.runtime.guard.StrictJson;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Query and path parameters parsed by hand, so that a bad one is a 400 problem+json naming it
 * (JAX-RS itself would answer 404 for a parameter it cannot convert). An absent or blank parameter
 * is {@code null} unless said otherwise; values are stripped before they are parsed.
 *
 * <p>Without a {@link Refusal} a method words its problem as a query parameter ("Query parameter
 * limit must be …"); an endpoint that words its problems otherwise passes its own.
 */
public final class RequestParams {

    /** An ID or code as the event schemas allow them: no spaces, no '@', never free text. */
    public static final String REFERENCE_CODE = "^[A-Za-z0-9][A-Za-z0-9_.:/\\-]*$";

    private static final Pattern REFERENCE_CODE_PATTERN = Pattern.compile(REFERENCE_CODE);

    private RequestParams() {
    }

    /** How a bad parameter is answered: the problem's detail, and the message of its one violation. */
    public record Refusal(String detail, String message) {

        /** The 400 problem, its violation naming {@code field}. */
        public ProblemException of(String field) {
            return ProblemException.badRequest(detail, new Problem.Violation(field, message));
        }
    }

    /** "Query parameter {name} {message}", with {@code message} as the violation's. */
    public static Refusal queryParameter(String name, String message) {
        return new Refusal("Query parameter " + name + " " + message, message);
    }

    /** A 400 problem for the query parameter {@code name}: "Query parameter {name} {message}". */
    public static ProblemException invalid(String name, String message) {
        return queryParameter(name, message).of(name);
    }

    /**
     * The given {@code value} (not stripped, even if blank) parsed by {@code parser}; the
     * {@code refusal} if the parser throws {@link IllegalArgumentException} or {@link DateTimeException}.
     */
    public static <T> T parse(String name, String value, Function<String, T> parser, Refusal refusal) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw refusal.of(name);
        }
    }

    /** An absent or blank value is {@code null}; any other is stripped and parsed. */
    public static <T> T optional(String name, String value, Function<String, T> parser, Refusal refusal) {
        return absent(value) ? null : parse(name, value.strip(), parser, refusal);
    }

    /** The stripped value; {@code refusal} if it is absent or blank. */
    public static String required(String name, String value, Refusal refusal) {
        if (absent(value)) {
            throw refusal.of(name);
        }
        return value.strip();
    }

    public static UUID uuid(String name, String value) {
        return uuid(name, value, queryParameter(name, "must be a UUID"));
    }

    public static UUID uuid(String name, String value, Refusal refusal) {
        return optional(name, value, UUID::fromString, refusal);
    }

    /** A UUID in its canonical form only ({@link UUID#fromString} also takes "1-2-3-4-5"). */
    public static UUID canonicalUuid(String name, String value, Refusal refusal) {
        return optional(name, value, text -> {
            UUID parsed = UUID.fromString(text);
            if (!parsed.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return parsed;
        }, refusal);
    }

    /** A constant of {@code type} named exactly as {@code value}. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value, Refusal refusal) {
        return optional(name, value, text -> Enum.valueOf(type, text), refusal);
    }

    /** A constant of {@code type} whatever the case of {@code value} ("web" is {@code WEB}). */
    public static <E extends Enum<E>> E enumIgnoringCase(Class<E> type, String name, String value, Refusal refusal) {
        return optional(name, value, text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)), refusal);
    }

    /** An ISO-8601 instant in the years 0001 to 9999 (the store holds no others). */
    public static Instant instant(String name, String value) {
        return optional(name, value, text -> {
            Instant parsed = Instant.parse(text);
            if (!StrictJson.inRange(parsed)) {
                throw new IllegalArgumentException("out of range");
            }
            return parsed;
        }, queryParameter(name, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z"));
    }

    public static Long nonNegativeLong(String name, String value) {
        return optional(name, value, text -> {
            long parsed = Long.parseLong(text);
            if (parsed < 0) {
                throw new IllegalArgumentException("negative");
            }
            return parsed;
        }, queryParameter(name, "must be a whole number, 0 or more"));
    }

    /** The {@code limit} query parameter: {@code defaultLimit} if absent, else 1 to {@code max}. */
    public static int limit(String value, int defaultLimit, int max) {
        Long parsed = nonNegativeLong("limit", value);
        if (parsed == null) {
            return defaultLimit;
        }
        if (parsed < 1 || parsed > max) {
            throw invalid("limit", "must be between 1 and " + max);
        }
        return parsed.intValue();
    }

    /** The required {@code month} query parameter, as YYYY-MM. */
    public static YearMonth month(String value) {
        return parse("month", required("month", value, queryParameter("month", "is required, as YYYY-MM")),
                YearMonth::parse, queryParameter("month", "must be a month as YYYY-MM"));
    }

    /** Free text of at most {@code maxLength} characters (counted before trimming), trimmed. */
    public static String text(String name, String value, int maxLength) {
        if (absent(value)) {
            return null;
        }
        if (value.length() > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        String refusal = StrictJson.refusal(value);
        if (refusal != null) {
            throw invalid(name, refusal);
        }
        return value.trim();
    }

    /** Whether {@code value} is a {@link #REFERENCE_CODE}: an ID or code, never free text that could hold personal data. */
    public static boolean isReferenceCode(String value) {
        return REFERENCE_CODE_PATTERN.matcher(value).matches();
    }

    private static boolean absent(String value) {
        return value == null || value.isBlank();
    }
}

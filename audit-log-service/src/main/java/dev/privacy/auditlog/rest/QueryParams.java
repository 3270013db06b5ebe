package dev.privacy.auditlog.rest;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Query parameters parsed by hand, so a bad one is a 400 problem naming it (JAX-RS would answer 404). */
final class QueryParams {

    private QueryParams() {
    }

    static UUID uuid(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be a UUID");
        }
    }

    static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(name, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    static Long nonNegativeLong(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad(name, "must be a whole number, 0 or more");
    }

    static int limit(String value, int defaultLimit, int max) {
        Long parsed = nonNegativeLong("limit", value);
        if (parsed == null) {
            return defaultLimit;
        }
        if (parsed < 1 || parsed > max) {
            throw bad("limit", "must be between 1 and " + max);
        }
        return parsed.intValue();
    }

    static YearMonth month(String value) {
        if (blank(value)) {
            throw bad("month", "is required, as YYYY-MM");
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad("month", "must be a month as YYYY-MM");
        }
    }

    static String text(String name, String value, int maxLength) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > maxLength) {
            throw bad(name, "must be at most " + maxLength + " characters");
        }
        return value.trim();
    }

    static ProblemException bad(String name, String message) {
        return ProblemException.badRequest("Query parameter " + name + " " + message,
                new Problem.Violation(name, message));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package dev.privacy.consent.service;

import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Cursor paging over member IDs in ascending order; the cursor is the last member ID, opaque to clients. */
public final class MemberPages {

    public record Page(List<UUID> memberIds, String nextCursor) {
    }

    private MemberPages() {
    }

    public static UUID after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The cursor is not one this API issued",
                    new Problem.Violation("cursor", "not a cursor of this API"));
        }
    }

    public static int limit(String limit, int defaultLimit, int maxLimit) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        int value;
        try {
            value = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > maxLimit) {
            throw ProblemException.badRequest("limit must be between 1 and " + maxLimit,
                    new Problem.Violation("limit", "must be a number between 1 and " + maxLimit));
        }
        return value;
    }

    /** {@code rows} was fetched with limit + 1: the extra row says there is a next page. */
    public static Page of(List<UUID> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<UUID> page = rows.subList(0, limit);
        String next = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(page.get(limit - 1).toString().getBytes(StandardCharsets.US_ASCII));
        return new Page(List.copyOf(page), next);
    }
}

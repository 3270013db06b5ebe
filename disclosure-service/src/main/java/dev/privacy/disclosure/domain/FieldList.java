package dev.privacy.disclosure.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Field names stored as one comma-separated column, in the order given. */
public final class FieldList {

    private FieldList() {
    }

    public static String join(Collection<String> fields) {
        return String.join(",", fields);
    }

    public static List<String> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

package dev.privacy.platform.events;

import java.util.List;
import java.util.Objects;

/** Constructor checks shared by the event records. */
public final class Checks {

    private Checks() {
    }

    /** A required component: never null. */
    public static <T> T required(T value, String component) {
        return Objects.requireNonNull(value, () -> component + " is required");
    }

    /** A required list component: never null, no null element, copied and unmodifiable. */
    public static <T> List<T> list(List<T> value, String component) {
        required(value, component);
        for (T element : value) {
            if (element == null) {
                throw new NullPointerException(component + " must not contain null");
            }
        }
        return List.copyOf(value);
    }

    /** A required list component that must not be empty. */
    public static <T> List<T> nonEmpty(List<T> value, String component) {
        List<T> copy = list(value, component);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(component + " must not be empty");
        }
        return copy;
    }

    /** A count: never negative. */
    public static long notNegative(long value, String component) {
        if (value < 0) {
            throw new IllegalArgumentException(component + " must not be negative");
        }
        return value;
    }

    /** The first non-null of the given IDs, as the event's subject. */
    public static String firstId(Object... ids) {
        for (Object id : ids) {
            if (id != null) {
                return id.toString();
            }
        }
        throw new IllegalStateException("event has no subject ID");
    }
}

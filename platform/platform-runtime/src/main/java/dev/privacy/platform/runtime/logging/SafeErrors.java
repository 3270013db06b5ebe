package dev.privacy.platform.runtime.logging;

import java.sql.SQLException;

/**
 * An exception as it may appear in a log: the classes of its cause chain and SQL states, and where
 * it was thrown — never a message, which can carry SQL parameters (keyed hashes, ciphertext) or
 * values from a request or an event.
 */
public final class SafeErrors {

    private SafeErrors() {
    }

    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable root = failure;
        for (Throwable t = failure; t != null && out.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append('[').append(sql.getSQLState()).append(']');
            }
            root = t;
        }
        StackTraceElement[] frames = root.getStackTrace();
        if (frames.length > 0) {
            out.append(" at ").append(frames[0].getClassName()).append('.').append(frames[0].getMethodName())
                    .append(':').append(frames[0].getLineNumber());
        }
        return out.toString();
    }
}

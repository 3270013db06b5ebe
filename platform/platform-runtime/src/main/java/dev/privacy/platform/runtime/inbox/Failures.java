package dev.privacy.platform.runtime.inbox;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a fault of the infrastructure (retry as long as it lasts) from a fault of the event or the
 * request. The inbox pauses on the first kind; the problem mappers answer it 503 + Retry-After.
 */
public final class Failures {

    /** SQLState classes of a lost or refused connection, an operator's shutdown, exhausted resources. */
    private static final Set<String> INFRASTRUCTURE_CLASSES = Set.of("08", "53", "57", "58");
    /** Serialization failure and deadlock: the same transaction succeeds when tried again. */
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

    private Failures() {
    }

    public static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof IOException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (RETRYABLE_STATES.contains(state) || INFRASTRUCTURE_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
        }
        return false;
    }
}

package dev.privacy.platform.events;

/**
 * Headers that a record on a {@code <topic>.dlq} topic carries besides the original record's headers
 * (docs/ARCHITECTURE.md R10). They are the names SmallRye Reactive Messaging's
 * {@code failure-strategy=dead-letter-queue} writes, so a hand-written dead-letter path uses the same.
 */
public final class DeadLetterHeaders {

    /** The error message. */
    public static final String REASON = "dead-letter-reason";
    /** The cause's message, if any. */
    public static final String CAUSE = "dead-letter-cause";
    /** The exception's class name. */
    public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";
    /** The cause's class name, if any. */
    public static final String CAUSE_CLASS_NAME = "dead-letter-cause-class-name";
    /** The topic the record was consumed from. */
    public static final String TOPIC = "dead-letter-topic";
    /** The partition the record was consumed from. */
    public static final String PARTITION = "dead-letter-partition";
    /** The offset of the record in that partition. */
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }
}

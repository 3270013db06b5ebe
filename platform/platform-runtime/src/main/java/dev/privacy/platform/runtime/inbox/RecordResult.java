package dev.privacy.platform.runtime.inbox;

/**
 * What became of one record of a batch: an outcome (the record is acknowledged) or the failure it
 * is dead-lettered with (the record is nacked, the channel's dead-letter strategy takes it).
 */
public record RecordResult(InboxConsumer.Outcome outcome, RuntimeException deadLetterCause) {

    static RecordResult of(InboxConsumer.Outcome outcome) {
        return new RecordResult(outcome, null);
    }

    static RecordResult deadLettered(RuntimeException cause) {
        return new RecordResult(null, cause);
    }

    public boolean deadLettered() {
        return deadLetterCause != null;
    }
}

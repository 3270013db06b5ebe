package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.List;

/**
 * A consumer's work over a batch, e.g. one multi-row insert instead of one per event. Called once
 * per batch, inside the batch's one transaction, with the batch's events that are to be acted on:
 * first deliveries, in order per key, each accepted by the consumer's {@link EventHandlers}, in the
 * order they were consumed. When a batch fails while the database answers, {@link InboxConsumer}
 * calls it again with each record alone, so the same code serves both: there is no per-event twin.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<IncomingEvent> events);
}

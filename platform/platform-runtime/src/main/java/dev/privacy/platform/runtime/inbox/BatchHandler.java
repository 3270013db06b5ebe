package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.List;

/**
 * Set-based work for a whole batch, e.g. one multi-row insert instead of one per event. Called once
 * per batch, inside the batch's one transaction, with the batch's events that are to be acted on:
 * first deliveries, in order per key, each of a type the consumer's {@link EventHandlers} handle,
 * in the order they were consumed.
 *
 * <p>Its effect must equal running the consumer's {@link EventHandlers} on each event in turn: when
 * a batch fails, {@link BatchInboxConsumer} falls back to those handlers one record at a time.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<IncomingEvent> events);
}

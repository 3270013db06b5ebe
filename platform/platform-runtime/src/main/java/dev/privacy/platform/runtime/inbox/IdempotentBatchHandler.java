package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Set-based work that is its own inbox: its rows record each event's ID under a unique key (the
 * audit log writes one entry per source event), so {@link BatchInboxConsumer} writes no inbox row
 * for it. Called once per batch, in the batch's transaction, with the batch's distinct events in
 * order per key; it acts only on those it has not recorded yet and returns their IDs.
 *
 * <p>The consumer's {@link EventHandlers} (the one-record-at-a-time fallback) must be idempotent
 * on their own in the same way: an event handled here has no inbox row to stop a redelivery there.
 */
@FunctionalInterface
public interface IdempotentBatchHandler {

    Set<UUID> handleFirstDeliveries(List<IncomingEvent> events);
}

package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Work that is its own inbox: its rows record each event's ID under a unique key (the audit log
 * writes one entry per source event; a certificate is unique per destruction), so
 * {@link InboxConsumer} writes no inbox row for it. Called once per batch (and, when a batch is
 * handled again, once per record alone), in the batch's transaction, with the batch's distinct
 * events in order per key; it acts only on those it has not recorded yet and returns their IDs.
 */
@FunctionalInterface
public interface IdempotentBatchHandler {

    Set<UUID> handleFirstDeliveries(List<IncomingEvent> events);
}

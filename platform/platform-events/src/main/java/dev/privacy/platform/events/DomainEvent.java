package dev.privacy.platform.events;

import java.time.Instant;

/**
 * The data of one event. Carries IDs, categories, field names, reasons and timestamps; never a
 * personal-data value (docs/ARCHITECTURE.md R7).
 */
public interface DomainEvent {

    /**
     * The Kafka key and CloudEvents {@code subject}: the member ID, or for an event about no single
     * member the ID of its own aggregate, so that all events of one subject stay ordered.
     */
    String subjectId();

    /** When the change happened (the service's {@code Clock}); also the CloudEvents {@code time}. */
    Instant occurredAt();
}

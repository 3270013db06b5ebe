package dev.privacy.platform.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** One committed, not yet acknowledged outbox row. */
record OutboxRow(long position, UUID id, String aggregateId, String type, String payload, Instant timestamp,
                 String topic, String traceParent) {

    byte[] payloadBytes() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.runtime.kafka.ReliableProducers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Publishes committed outbox rows to Kafka with the idempotent producer (acks=all), in outbox
 * order, and deletes a row only after the broker acknowledged it.
 *
 * <p>Replicas of one service share the outbox table; a transaction-scoped advisory lock lets one
 * replica relay at a time, so no row is published twice in normal operation and no key is
 * reordered. After a crash between acknowledgement and delete a row is published again; the
 * consumers' inbox makes that harmless.
 */
@ApplicationScoped
public class OutboxRelay extends ManagedRelay {

    @Inject
    DataSource dataSource;

    public OutboxRelay() {
        super("outbox-relay", "platform.outbox");
    }

    @Override
    protected Map<String, Object> batching() {
        return ReliableProducers.STEP_BATCHING;
    }

    @Override
    protected int stepSize() {
        return config.relay().batchSize();
    }

    @Override
    protected RelayLoop.Step step(Producer<String, byte[]> producer) {
        return new OutboxPublisher(dataSource, producer, config.service(), stepSize())::relayBatch;
    }
}

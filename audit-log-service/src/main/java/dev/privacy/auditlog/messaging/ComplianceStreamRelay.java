package dev.privacy.auditlog.messaging;

import dev.privacy.auditlog.config.AuditConfig;
import dev.privacy.auditlog.service.ChainExtended;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import dev.privacy.platform.runtime.outbox.ManagedRelay;
import dev.privacy.platform.runtime.outbox.RelayLoop;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes the compliance stream from the chain ({@link ComplianceStreamPublisher}) on the
 * platform's relay loop and settings ({@code privacy.relay.*}), in steps of
 * {@code audit.compliance-stream.batch-size}; woken by each chain commit.
 */
@ApplicationScoped
public class ComplianceStreamRelay extends ManagedRelay {

    @Inject
    DataSource dataSource;

    @Inject
    AuditConfig audit;

    /**
     * The stream's producer batching: a relay's steps ({@link ReliableProducers#STEP_BATCHING}),
     * compressed, since a step of 2,000 entries is about 1.4 MB before compression over the topic's
     * partitions.
     */
    static final Map<String, Object> BATCHING = withCompression(ReliableProducers.STEP_BATCHING);

    public ComplianceStreamRelay() {
        super("compliance-stream", "auditlog.compliance-stream");
    }

    private static Map<String, Object> withCompression(Map<String, Object> batching) {
        Map<String, Object> compressed = new HashMap<>(batching);
        compressed.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return Map.copyOf(compressed);
    }

    @Override
    protected Map<String, Object> batching() {
        return BATCHING;
    }

    @Override
    protected int stepSize() {
        return audit.complianceStream().batchSize();
    }

    @Override
    protected RelayLoop.Step step(Producer<String, byte[]> producer) {
        return new ComplianceStreamPublisher(dataSource, producer, config.service(), stepSize())::relayBatch;
    }

    /** A transaction that appended entries committed: relay them now rather than at the next poll. */
    void onChainExtended(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChainExtended extended) {
        wakeUp();
    }
}

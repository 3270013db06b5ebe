package dev.privacy.auditlog.messaging;

import dev.privacy.auditlog.config.AuditConfig;
import dev.privacy.auditlog.service.ChainExtended;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import dev.privacy.platform.runtime.outbox.RelayLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.producer.ProducerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes the compliance stream from the chain ({@link ComplianceStreamPublisher}) on the
 * platform's relay loop and settings ({@code privacy.relay.*}), in steps of
 * {@code audit.compliance-stream.batch-size}; woken by each chain commit.
 */
@ApplicationScoped
public class ComplianceStreamRelay {

    @Inject
    DataSource dataSource;

    @Inject
    PlatformConfig config;

    @Inject
    AuditConfig audit;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry metrics;

    /**
     * The stream's producer batching: a relay's steps ({@link ReliableProducers#STEP_BATCHING}),
     * compressed, since a step of 2,000 entries is about 1.4 MB before compression over the topic's
     * partitions.
     */
    static final Map<String, Object> BATCHING = withCompression(ReliableProducers.STEP_BATCHING);

    private static Map<String, Object> withCompression(Map<String, Object> batching) {
        Map<String, Object> compressed = new HashMap<>(batching);
        compressed.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return Map.copyOf(compressed);
    }

    private RelayLoop loop;

    void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            return;
        }
        int stepSize = audit.complianceStream().batchSize();
        loop = new RelayLoop("compliance-stream",
                () -> ReliableProducers.create(kafkaConfig, config.service() + "-compliance-stream", Duration.ofSeconds(10),
                        BATCHING),
                producer -> new ComplianceStreamPublisher(dataSource, producer, config.service(), stepSize)::relayBatch,
                config.relay(), stepSize, metrics.counter("auditlog.compliance-stream.published"),
                metrics.counter("auditlog.compliance-stream.failures"));
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** A transaction that appended entries committed: relay them now rather than at the next poll. */
    void onChainExtended(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChainExtended extended) {
        wakeUp();
    }

    public void wakeUp() {
        if (loop != null) {
            loop.wakeUp();
        }
    }
}

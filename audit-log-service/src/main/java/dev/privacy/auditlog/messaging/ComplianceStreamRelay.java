package dev.privacy.auditlog.messaging;

import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import dev.privacy.platform.runtime.outbox.RelayLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes the compliance stream from the chain ({@link ComplianceStreamPublisher}) on the
 * platform's relay loop and settings ({@code privacy.relay.*}); woken by each chain commit.
 */
@ApplicationScoped
public class ComplianceStreamRelay {

    @Inject
    DataSource dataSource;

    @Inject
    PlatformConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry metrics;

    private RelayLoop loop;

    void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            return;
        }
        loop = new RelayLoop("compliance-stream",
                () -> ReliableProducers.create(kafkaConfig, config.service() + "-compliance-stream", Duration.ofSeconds(10)),
                producer -> new ComplianceStreamPublisher(dataSource, producer, config.service(),
                        config.relay().batchSize())::relayBatch,
                config.relay(), metrics.counter("auditlog.compliance-stream.published"),
                metrics.counter("auditlog.compliance-stream.failures"));
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Called after a transaction that appended entries committed. */
    public void wakeUp() {
        if (loop != null) {
            loop.wakeUp();
        }
    }
}

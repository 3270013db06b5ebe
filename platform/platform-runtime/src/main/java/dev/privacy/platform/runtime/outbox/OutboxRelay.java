package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;
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
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

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
            LOG.info("Outbox relay disabled by configuration");
            return;
        }
        loop = new RelayLoop("outbox-relay",
                () -> ReliableProducers.create(kafkaConfig, config.service() + "-outbox-relay", Duration.ofSeconds(10),
                        ReliableProducers.STEP_BATCHING),
                producer -> new OutboxPublisher(dataSource, producer, config.service(), config.relay().batchSize())::relayBatch,
                config.relay(), config.relay().batchSize(), metrics.counter("platform.outbox.published"),
                metrics.counter("platform.outbox.failures"));
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Called after a local commit wrote to the outbox: relay now instead of at the next poll. */
    public void wakeUp() {
        if (loop != null) {
            loop.wakeUp();
        }
    }
}

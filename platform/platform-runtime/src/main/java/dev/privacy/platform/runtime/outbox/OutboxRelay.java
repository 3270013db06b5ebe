package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import dev.privacy.platform.runtime.logging.SafeErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;
    private OutboxPublisher publisher;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            LOG.info("Outbox relay disabled by configuration");
            return;
        }
        published = metrics.counter("platform.outbox.published");
        failures = metrics.counter("platform.outbox.failures");
        openProducer();
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void openProducer() {
        producer = ReliableProducers.create(kafkaConfig, config.service() + "-outbox-relay", Duration.ofSeconds(10));
        publisher = new OutboxPublisher(dataSource, producer, config.service(), config.relay().batchSize());
    }

    /**
     * A producer whose send failed may have expired batches and reset its sequence numbers, after
     * which the broker refuses it (OutOfOrderSequence) for good: the relay continues with a new one.
     * Its unacknowledged rows are still in the outbox and go out again, in order.
     */
    private void renewProducer() {
        KafkaProducer<String, byte[]> failed = producer;
        openProducer();
        failed.close(Duration.ZERO);
    }

    private static boolean brokerFailure(Exception e) {
        return e instanceof KafkaException || e.getCause() instanceof KafkaException;
    }

    /** Called after a local commit wrote to the outbox: relay now instead of at the next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                int relayed = publisher.relayBatch();
                published.increment(relayed);
                if (relayed < publisher.batchSize()) {
                    wakeUps.tryAcquire(config.relay().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                // the broker's own words help an operator; a database error is described by class only
                LOG.warnf("Outbox relay failed, retrying in %s: %s", config.relay().errorBackoff(),
                        brokerFailure(e) ? e + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
                                : SafeErrors.describe(e));
                if (brokerFailure(e)) {
                    renewProducer();
                }
                try {
                    Thread.sleep(config.relay().errorBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

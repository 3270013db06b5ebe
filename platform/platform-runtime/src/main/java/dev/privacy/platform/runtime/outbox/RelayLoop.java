package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.logging.SafeErrors;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The worker thread of a relay (the outbox's, or a service's own log such as the audit chain's
 * compliance stream) and its producer: relays batches while they come full, waits for a wake-up
 * or the poll interval when idle, backs off after a failure. After a broker failure it continues
 * with a new producer: one whose send failed may have expired batches and reset its sequence
 * numbers, after which the broker refuses it (OutOfOrderSequence) for good. What was not
 * acknowledged is still to be relayed (the step's contract) and goes out again, in order.
 */
public final class RelayLoop {

    /** One relay step: publishes at most one batch and returns how many it published. */
    @FunctionalInterface
    public interface Step {
        int relayBatch() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);

    private final String name;
    private final Supplier<KafkaProducer<String, byte[]>> producers;
    private final Function<Producer<String, byte[]>, Step> steps;
    private final PlatformConfig.Relay config;
    private final int stepSize;
    private final Counter published;
    private final Counter failures;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;
    private Step step;

    /**
     * @param producers opens a producer (at start and after a broker failure), e.g. with
     *                  {@code ReliableProducers.create}
     * @param steps     the step that relays with a given producer
     * @param stepSize  the most a step relays: after a full step the loop goes straight on, after a
     *                  shorter one it waits for a wake-up or the poll interval
     */
    public RelayLoop(String name, Supplier<KafkaProducer<String, byte[]>> producers,
                     Function<Producer<String, byte[]>, Step> steps, PlatformConfig.Relay config, int stepSize,
                     Counter published, Counter failures) {
        this.name = name;
        this.producers = producers;
        this.steps = steps;
        this.config = config;
        this.stepSize = stepSize;
        this.published = published;
        this.failures = failures;
    }

    public void start() {
        openProducer();
        running = true;
        worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    public void stop() {
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
        producer = producers.get();
        step = steps.apply(producer);
    }

    private void renewProducer() {
        KafkaProducer<String, byte[]> failed = producer;
        openProducer();
        failed.close(Duration.ZERO);
    }

    /** Relay now instead of at the next poll (called after a local commit wrote something to relay). */
    public void wakeUp() {
        wakeUps.release();
    }

    private static boolean brokerFailure(Exception e) {
        return e instanceof KafkaException || e.getCause() instanceof KafkaException;
    }

    private void run() {
        while (running) {
            try {
                int relayed = step.relayBatch();
                published.increment(relayed);
                if (relayed < stepSize) {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
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
                LOG.warnf("%s failed, retrying in %s: %s", name, config.errorBackoff(),
                        brokerFailure(e) ? e + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
                                : SafeErrors.describe(e));
                if (brokerFailure(e)) {
                    renewProducer();
                }
                try {
                    Thread.sleep(config.errorBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

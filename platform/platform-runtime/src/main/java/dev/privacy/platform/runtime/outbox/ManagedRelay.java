package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * A {@link RelayLoop} that starts with the application and stops with it, on the platform's relay
 * settings ({@code privacy.relay.*}; none runs if {@code privacy.relay.enabled} is false), with a
 * producer of its own ({@code <service>-<name>}). The outbox's relay is one ({@link OutboxRelay});
 * a service relaying a log of its own extends this class and says only what differs: its name,
 * producer batching, step size, step and metrics.
 */
public abstract class ManagedRelay {

    private static final Logger LOG = Logger.getLogger(ManagedRelay.class);

    @Inject
    protected PlatformConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry metrics;

    private final String name;
    private final String metricPrefix;
    private RelayLoop loop;

    /**
     * @param name         the worker thread's name and the producer's client ID after the service's name
     * @param metricPrefix counters {@code <prefix>.published} and {@code <prefix>.failures}
     */
    protected ManagedRelay(String name, String metricPrefix) {
        this.name = name;
        this.metricPrefix = metricPrefix;
    }

    /** The producer settings the relay's steps are sent with (e.g. {@link ReliableProducers#STEP_BATCHING}). */
    protected abstract Map<String, Object> batching();

    /** The most one step relays. */
    protected abstract int stepSize();

    /** The step that relays with a given producer, at most {@link #stepSize()} records. */
    protected abstract RelayLoop.Step step(Producer<String, byte[]> producer);

    public void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            LOG.infof("Relay %s disabled by configuration", name);
            return;
        }
        loop = new RelayLoop(name,
                () -> ReliableProducers.create(kafkaConfig, config.service() + "-" + name, Duration.ofSeconds(10),
                        batching()),
                this::step, config.relay(), stepSize(), metrics.counter(metricPrefix + ".published"),
                metrics.counter(metricPrefix + ".failures"));
        loop.start();
    }

    public void stop(@Observes ShutdownEvent shutdown) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Called after a local commit wrote something to relay: relay now instead of at the next poll. */
    public void wakeUp() {
        if (loop != null) {
            loop.wakeUp();
        }
    }
}

package dev.privacy.platform.runtime.access;

import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.kafka.ReliableProducers;
import dev.privacy.platform.runtime.outbox.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the access record of a read straight to {@code access.records} and waits for the broker's
 * acknowledgement (acks=all, idempotent producer), so the data is released only once its record
 * is durable — without a database write per read. When the broker does not acknowledge in time the
 * caller writes the record to the outbox instead, under the same event ID: if the first send still
 * arrives, the consumers' inbox takes the two copies as one event.
 */
@ApplicationScoped
public class AccessRecordSender {

    private static final Logger LOG = Logger.getLogger(AccessRecordSender.class);
    private static final String TYPE = EventDescriptor.of(AccessRecorded.class).ceType();

    @Inject
    PlatformConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry metrics;

    private volatile KafkaProducer<String, byte[]> producer;
    /** System.nanoTime() until which reads go to the outbox without trying the broker (not the adjustable clock). */
    private volatile long outboxUntilNanos = System.nanoTime();
    private Counter acknowledged;
    private Counter refused;

    /**
     * Sends the record under {@code eventId}; true once the broker acknowledged it, false when the
     * caller must put it in the outbox (direct sending off, the broker failed or was too slow, or it
     * failed within the last {@code outbox-after-failure}).
     */
    public boolean sendAndAwait(UUID eventId, AccessRecorded record) {
        PlatformConfig.AccessRecords settings = config.accessRecords();
        if (!settings.direct() || System.nanoTime() - outboxUntilNanos < 0) {
            return false;
        }
        ProducerRecord<String, byte[]> kafkaRecord = CloudEventEnvelope.toRecord(Topics.ACCESS_RECORDS, eventId,
                config.service(), TYPE, record.subjectId(), record.occurredAt(), EventJson.toBytes(record));
        TraceParent.attach(kafkaRecord, TraceParent.current());
        try {
            producer().send(kafkaRecord).get(settings.acknowledgementTimeout().toMillis(), TimeUnit.MILLISECONDS);
            acknowledged.increment();
            return true;
        } catch (InterruptedException e) {
            // the request was interrupted, not failed by the broker: this record alone takes the outbox
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return fellBack(e);
        }
    }

    private boolean fellBack(Exception cause) {
        Duration pause = config.accessRecords().outboxAfterFailure();
        outboxUntilNanos = System.nanoTime() + pause.toNanos();
        discardProducer();
        refused.increment();
        LOG.warnf("Broker did not acknowledge an access record (%s); access records go through the outbox for %s",
                cause.getClass().getSimpleName(), pause);
        return false;
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = ReliableProducers.create(kafkaConfig, config.service() + "-access-records",
                            config.accessRecords().acknowledgementTimeout());
                }
                current = producer;
            }
        }
        return current;
    }

    /**
     * A producer whose send failed or timed out may reset its sequence numbers when the batch
     * expires, after which the broker refuses it for good; the next read after the pause gets a new one.
     */
    private synchronized void discardProducer() {
        KafkaProducer<String, byte[]> failed = producer;
        producer = null;
        if (failed != null) {
            failed.close(Duration.ZERO);
        }
    }

    @PostConstruct
    void registerMeters() {
        acknowledged = metrics.counter("platform.access.records.direct", "outcome", "acknowledged");
        refused = metrics.counter("platform.access.records.direct", "outcome", "outbox");
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

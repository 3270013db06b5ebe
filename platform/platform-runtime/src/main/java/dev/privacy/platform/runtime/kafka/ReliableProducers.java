package dev.privacy.platform.runtime.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one way this platform creates a Kafka producer for events: the connector's broker settings
 * (bootstrap servers, security) with the idempotent producer, acks=all and at most five requests
 * in flight, so a retried batch can neither duplicate nor reorder records of one key.
 */
public final class ReliableProducers {

    private ReliableProducers() {
    }

    /**
     * Batching for a relay that sends a step of records and then flushes. The flush ends every
     * step, so a linger longer than a step's sends never delays an acknowledgement; it only lets
     * the step leave as a few 256 KiB batches per partition instead of one 16 KiB batch per ~20
     * records, and the broker appends once per batch. 256 KiB stays below the broker's default
     * 1 MiB limit for a batch.
     */
    public static final Map<String, Object> STEP_BATCHING = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 100,
            ProducerConfig.BATCH_SIZE_CONFIG, 262144);

    /**
     * @param brokerSettings the {@code default-kafka-broker} map of the Kafka connector
     * @param clientId       names the producer in the broker's metrics and logs
     * @param requestTimeout how long one produce request may wait for the broker; also bounds how
     *                       long {@code send} may block for metadata
     */
    public static KafkaProducer<String, byte[]> create(Map<String, Object> brokerSettings, String clientId,
                                                      Duration requestTimeout) {
        return create(brokerSettings, clientId, requestTimeout, Map.of());
    }

    /**
     * As {@link #create(Map, String, Duration)}, with one stream's batching settings on top (e.g.
     * {@code linger.ms}, {@code batch.size}, {@code compression.type} for a relay that flushes each
     * step); the reliability settings (acks, idempotence, requests in flight, timeouts) are not
     * overridable.
     */
    public static KafkaProducer<String, byte[]> create(Map<String, Object> brokerSettings, String clientId,
                                                      Duration requestTimeout, Map<String, Object> batching) {
        Map<String, Object> settings = new HashMap<>();
        brokerSettings.forEach((key, value) -> {
            if (value != null) {
                settings.put(key, value);
            }
        });
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.putAll(batching);
        int timeoutMs = Math.toIntExact(requestTimeout.toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        // Kafka requires delivery.timeout >= linger + request timeout.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2 * timeoutMs);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(settings);
    }
}

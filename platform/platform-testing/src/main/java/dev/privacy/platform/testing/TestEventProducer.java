package dev.privacy.platform.testing;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventCatalogue;
import dev.privacy.platform.events.EventJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Publishes events straight to a topic, as another service would, to drive a consumer under test. */
public final class TestEventProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public TestEventProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** Sends {@code event} with a fresh event ID and returns that ID. */
    public UUID send(String topic, String source, DomainEvent event) {
        UUID id = UUID.randomUUID();
        send(topic, id, source, EventCatalogue.ceType(event), event.subjectId(), EventJson.toBytes(event));
        return id;
    }

    /** Sends a record with exactly these envelope attributes and data: for redelivery and poison tests. */
    public void send(String topic, UUID id, String source, String ceType, String subject, byte[] data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create(source))
                .withType(ceType)
                .withSubject(subject)
                .withTime(OffsetDateTime.now())
                .withDataContentType("application/json")
                .withData(data)
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, null, null, subject)
                .writeBinary(event);
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Broker refused the test event", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

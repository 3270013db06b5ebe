package dev.privacy.platform.runtime.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, JSON data), built and read with the
 * CloudEvents SDK. Key and {@code subject} are the same ID, so one member's events stay ordered.
 */
public final class CloudEventEnvelope {

    public static final String CONTENT_TYPE = "application/json";

    private CloudEventEnvelope() {
    }

    /** CloudEvents extension that numbers one key's events on one topic, as the relay publishes them. */
    public static final String SEQUENCE = "sequence";

    public static ProducerRecord<String, byte[]> toRecord(String topic, UUID id, String source, String type,
                                                          String subject, Instant time, byte[] data) {
        return toRecord(topic, id, source, type, subject, time, data, null);
    }

    /** As above, with the key's sequence number ({@code ce_sequence}); null for none. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, UUID id, String source, String type,
                                                          String subject, Instant time, byte[] data, Long sequence) {
        CloudEventBuilder builder = CloudEventBuilder.v1();
        if (sequence != null) {
            builder.withExtension(SEQUENCE, sequence.toString());
        }
        CloudEvent event = builder
                .withId(id.toString())
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withDataSchema(URI.create("/contracts/schemas/" + type + ".schema.json"))
                .withData(data)
                .build();
        return KafkaMessageFactory.<String>createWriter(topic, null, null, subject).writeBinary(event);
    }

    private static Long sequenceOf(CloudEvent event) {
        Object value = event.getExtension(SEQUENCE);
        if (value == null) {
            return null;
        }
        try {
            long sequence = Long.parseLong(value.toString());
            if (sequence < 1) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new MalformedEventException("ce_sequence is not a positive integer");
        }
    }

    /**
     * Reads the envelope of a consumed record.
     *
     * @throws MalformedEventException when the record is not a binary-mode CloudEvent with an ID,
     *                                 type, source and data
     */
    public static IncomingEvent read(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            event = reader.toEvent();
        } catch (RuntimeException e) {
            throw new MalformedEventException("Not a CloudEvents binary-mode record: " + e.getMessage());
        }
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("ce_id is not a UUID");
        }
        if (event.getData() == null) {
            throw new MalformedEventException("Event " + id + " has no data");
        }
        return new IncomingEvent(id, event.getType(), event.getSource().toString(), event.getSubject(),
                event.getTime() == null ? null : event.getTime().toInstant(), record.topic(),
                event.getData().toBytes(), sequenceOf(event));
    }
}

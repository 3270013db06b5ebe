package dev.privacy.platform.runtime.envelope;

import dev.privacy.platform.events.CloudEventHeaders;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, JSON data), in the CloudEvents SDK's
 * format: the platform's own records are written and read directly, any other record is read by the
 * SDK. Key and {@code subject} are the same ID, so one member's events stay ordered.
 */
public final class CloudEventEnvelope {

    public static final String CONTENT_TYPE = CloudEventHeaders.JSON;

    private CloudEventEnvelope() {
    }

    /** CloudEvents extension that numbers one key's events on one topic, as the relay publishes them. */
    public static final String SEQUENCE = "sequence";

    /** The header of the {@link #SEQUENCE} extension. */
    static final String SEQUENCE_HEADER = CloudEventHeaders.PREFIX + SEQUENCE;

    public static ProducerRecord<String, byte[]> toRecord(String topic, UUID id, String source, String type,
                                                          String subject, Instant time, byte[] data) {
        return toRecord(topic, id, source, type, subject, time, data, null);
    }

    /**
     * As above, with the key's sequence number ({@code ce_sequence}); null for none.
     *
     * <p>The headers are written directly, exactly as the SDK's binary-mode writer writes them (same
     * names, values and order; {@code CloudEventEnvelopeTest} holds the two together): building a
     * CloudEvent and its writer for every record was a quarter of the audit compliance stream's
     * relay (BENCHMARKS.md, issue 10).
     */
    public static ProducerRecord<String, byte[]> toRecord(String topic, UUID id, String source, String type,
                                                          String subject, Instant time, byte[] data, Long sequence) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        String dataSchema = "/contracts/schemas/" + type + ".schema.json";
        URI.create(source); // a source or type that is no URI reference is refused, as the SDK's builder refuses it
        URI.create(dataSchema);
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, id.toString());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.TYPE, type);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CONTENT_TYPE);
        header(headers, CloudEventHeaders.DATA_SCHEMA, dataSchema);
        if (subject != null) {
            header(headers, CloudEventHeaders.SUBJECT, subject);
        }
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC)));
        if (sequence != null) {
            header(headers, SEQUENCE_HEADER, sequence.toString());
        }
        return new ProducerRecord<>(topic, null, null, subject, data, headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
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
        IncomingEvent plain = readPlain(record);
        return plain != null ? plain : readWithSdk(record);
    }

    /**
     * A record as {@link #toRecord} writes it, read straight from its headers; null for any other
     * record, which {@link #readWithSdk} reads or refuses as before, so what is accepted, how it is
     * read and every refusal's message stay the SDK's. The SDK's reader builds a CloudEvent through
     * its attribute maps and builder for every record: a sixth of the audit batch consumer's CPU
     * (BENCHMARKS.md, issue 10).
     */
    static IncomingEvent readPlain(ConsumerRecord<String, byte[]> record) {
        byte[] data = record.value();
        if (data == null || data.length == 0) {
            return null;
        }
        String id = null;
        String source = null;
        String type = null;
        String subject = null;
        String time = null;
        String sequence = null;
        String dataSchema = null;
        boolean specVersion = false;
        boolean contentType = false;
        for (Header header : record.headers()) {
            String key = header.key();
            byte[] raw = header.value();
            if (raw == null) {
                return null;
            }
            String value = new String(raw, StandardCharsets.UTF_8);
            switch (key) {
                case CloudEventHeaders.SPEC_VERSION -> {
                    if (specVersion || !CloudEventHeaders.SPEC_VERSION_1_0.equals(value)) {
                        return null;
                    }
                    specVersion = true;
                }
                case CloudEventHeaders.CONTENT_TYPE -> {
                    if (contentType || !CONTENT_TYPE.equals(value)) {
                        return null;
                    }
                    contentType = true;
                }
                case CloudEventHeaders.ID -> {
                    if (id != null) {
                        return null;
                    }
                    id = value;
                }
                case CloudEventHeaders.SOURCE -> {
                    if (source != null) {
                        return null;
                    }
                    source = value;
                }
                case CloudEventHeaders.TYPE -> {
                    if (type != null) {
                        return null;
                    }
                    type = value;
                }
                case CloudEventHeaders.SUBJECT -> {
                    if (subject != null) {
                        return null;
                    }
                    subject = value;
                }
                case CloudEventHeaders.TIME -> {
                    if (time != null) {
                        return null;
                    }
                    time = value;
                }
                case CloudEventHeaders.DATA_SCHEMA -> {
                    if (dataSchema != null) {
                        return null;
                    }
                    dataSchema = value;
                }
                case SEQUENCE_HEADER -> {
                    if (sequence != null) {
                        return null;
                    }
                    sequence = value;
                }
                default -> {
                    if (key.regionMatches(true, 0, CloudEventHeaders.PREFIX, 0, CloudEventHeaders.PREFIX.length())) {
                        return null; // another attribute or extension: the SDK's to judge
                    }
                }
            }
        }
        if (!specVersion || id == null || source == null || type == null || type.isEmpty() || source.isEmpty()) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equals(id)) {
                return null;
            }
            URI.create(source);
            if (dataSchema != null) {
                URI.create(dataSchema);
            }
            Instant at = time == null ? null : OffsetDateTime.parse(time).toInstant();
            Long number = null;
            if (sequence != null) {
                number = Long.parseLong(sequence);
                if (number < 1) {
                    return null;
                }
            }
            return new IncomingEvent(uuid, type, source, subject, at, record.topic(), data, number);
        } catch (RuntimeException notPlain) {
            return null;
        }
    }

    /** Reads the envelope with the CloudEvents SDK: any encoding it knows, and its refusals. */
    static IncomingEvent readWithSdk(ConsumerRecord<String, byte[]> record) {
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

package dev.privacy.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The JSON form of event data: the one mapper every producer and consumer uses, so that what is
 * published is what the JSON Schemas describe. Instants are ISO-8601 strings; unknown properties are
 * ignored on reading (forward-compatible consumers, additive changes within a version).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventJson() {
    }

    /** The configured mapper. Do not reconfigure it; use {@code mapper().copy()} for a variant. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** An event's data as UTF-8 JSON bytes (the Kafka record value). */
    public static byte[] toBytes(DomainEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + event.getClass().getName(), e);
        }
    }

    /** An event's data as a JSON string (e.g. the outbox {@code payload} column). */
    public static String toJson(DomainEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + event.getClass().getName(), e);
        }
    }

    /** An event's data as a JSON tree. */
    public static JsonNode toTree(DomainEvent event) {
        return MAPPER.valueToTree(event);
    }

    /**
     * Reads event data into its record. Throws {@link IllegalArgumentException} for data that is not
     * JSON or lacks a required field: a poison event, for the dead-letter topic.
     */
    public static <T extends DomainEvent> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + message(e), e);
        }
    }

    /** Reads event data already parsed into a tree (a consumer parses each event once). */
    public static <T extends DomainEvent> T read(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": "
                    + (e instanceof IOException io ? message(io) : e.getMessage()), e);
        }
    }

    /** Reads event data given as a string. */
    public static <T extends DomainEvent> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + message(e), e);
        }
    }

    /** Reads event data by its CloudEvents {@code type}; throws for a type not in the catalogue. */
    public static DomainEvent read(byte[] json, String ceType) {
        EventDescriptor descriptor = EventCatalogue.byCeType(ceType)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type: " + ceType));
        return read(json, descriptor.javaType());
    }

    private static String message(IOException e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    /** Parses JSON bytes into a tree. */
    public static JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}

package dev.privacy.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates event data against the JSON Schema of its CloudEvents {@code type} (docs/ARCHITECTURE.md
 * R11). Schemas are loaded from the classpath ({@code /contracts/schemas/<type>.schema.json}) once and
 * cached; format assertions ({@code uuid}, {@code date-time}, {@code ipv4}/{@code ipv6}) are enforced.
 * Thread-safe.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ENGLISH)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /**
     * The violations of JSON event data against the schema of {@code ceType}, human-readable, one per
     * line-sized string; empty when the data is valid. An unknown type, or bytes that are not JSON, are
     * violations too.
     */
    public static List<String> validate(String ceType, byte[] json) {
        if (json == null) {
            return List.of(ceType + ": no data");
        }
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(json);
        } catch (IOException e) {
            return List.of(ceType + ": data is not JSON");
        }
        if (node == null || node.isMissingNode()) {
            return List.of(ceType + ": no data");
        }
        return validate(ceType, node);
    }

    /** The violations of parsed event data against the schema of {@code ceType}; empty when valid. */
    public static List<String> validate(String ceType, JsonNode data) {
        Optional<JsonSchema> schema = schema(ceType);
        if (schema.isEmpty()) {
            return List.of("unknown event type: " + ceType);
        }
        if (data == null) {
            return List.of(ceType + ": no data");
        }
        return schema.get().validate(data).stream()
                .map(ValidationMessage::getMessage)
                .map(message -> ceType + ": " + message)
                .sorted()
                .toList();
    }

    /** The violations of an event record, serialized with {@link EventJson}, against its schema. */
    public static List<String> validate(DomainEvent event) {
        return validate(EventCatalogue.ceType(event), EventJson.toTree(event));
    }

    /** Throws {@link EventContractException} unless the event record's JSON is valid. */
    public static void requireValid(DomainEvent event) {
        List<String> violations = validate(event);
        if (!violations.isEmpty()) {
            throw new EventContractException(violations);
        }
    }

    /** Throws {@link EventContractException} unless the JSON data is valid for {@code ceType}. */
    public static void requireValid(String ceType, byte[] json) {
        List<String> violations = validate(ceType, json);
        if (!violations.isEmpty()) {
            throw new EventContractException(violations);
        }
    }

    /** The schema of a CloudEvents type in the catalogue; empty for an unknown type. */
    public static Optional<JsonSchema> schema(String ceType) {
        if (ceType == null) {
            return Optional.empty();
        }
        Optional<EventDescriptor> descriptor = EventCatalogue.byCeType(ceType);
        return descriptor.map(d -> CACHE.computeIfAbsent(d.ceType(), t -> load(d)));
    }

    private static JsonSchema load(EventDescriptor descriptor) {
        String resource = descriptor.schemaResource();
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return FACTORY.getSchema(EventJson.mapper().readTree(in), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable schema " + resource, e);
        }
    }
}

package dev.privacy.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type has a JSON Schema that accepts what the record serializes to, and nothing more. */
class EventSchemaContractTest {

    static Stream<EventDescriptor> catalogue() {
        return EventCatalogue.all().stream();
    }

    private static JsonNode schemaOf(EventDescriptor descriptor) throws IOException {
        try (InputStream in = EventSchemaContractTest.class.getResourceAsStream(descriptor.schemaResource())) {
            assertThat(in).as("schema %s", descriptor.schemaResource()).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

    private static ObjectNode sampleJson(EventDescriptor descriptor) {
        return (ObjectNode) EventJson.toTree(SampleEvents.of(descriptor.javaType()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyCatalogueTypeHasADraft202012SchemaThatForbidsAdditionalProperties(EventDescriptor descriptor)
            throws IOException {
        JsonNode schema = schemaOf(descriptor);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asText()).isEqualTo(descriptor.ceType());
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").booleanValue()).isFalse();
    }

    @Test
    void everySchemaFileBelongsToACatalogueType() throws URISyntaxException, IOException {
        Path dir = Path.of(EventSchemaContractTest.class.getResource("/contracts/schemas").toURI());
        Set<String> expected = EventCatalogue.all().stream()
                .map(d -> d.ceType() + ".schema.json").collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void sampleOfEveryEventTypeSerializesToJsonThatValidates(EventDescriptor descriptor) {
        DomainEvent sample = SampleEvents.of(descriptor.javaType());
        byte[] json = EventJson.toBytes(sample);

        assertThat(EventSchemas.validate(descriptor.ceType(), json)).isEmpty();
        assertThat(EventSchemas.validate(sample)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void sampleWithItsNullableFieldsNullStillValidates(EventDescriptor descriptor) {
        DomainEvent sample = SampleEvents.withNullsOf(descriptor.javaType());

        assertThat(EventSchemas.validate(descriptor.ceType(), EventJson.toBytes(sample))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void payloadWithAnExtraEmailPropertyIsRejected(EventDescriptor descriptor) {
        ObjectNode json = sampleJson(descriptor);
        json.put("email", "marker@example.org");

        assertThat(EventSchemas.validate(descriptor.ceType(), json))
                .isNotEmpty()
                .anySatisfy(violation -> assertThat(violation).contains("email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void payloadMissingAnyRequiredFieldIsRejected(EventDescriptor descriptor) throws IOException {
        JsonNode required = schemaOf(descriptor).path("required");
        assertThat(required.size()).isPositive();
        for (JsonNode field : required) {
            ObjectNode json = sampleJson(descriptor);
            json.remove(field.asText());

            assertThat(EventSchemas.validate(descriptor.ceType(), json))
                    .as("%s without %s", descriptor.ceType(), field.asText())
                    .anySatisfy(violation -> assertThat(violation).contains(field.asText()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void requiredFieldSetToNullIsRejected(EventDescriptor descriptor) throws IOException {
        for (JsonNode field : schemaOf(descriptor).path("required")) {
            ObjectNode json = sampleJson(descriptor);
            json.putNull(field.asText());

            assertThat(EventSchemas.validate(descriptor.ceType(), json))
                    .as("%s with null %s", descriptor.ceType(), field.asText())
                    .isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void schemaDescribesExactlyTheRecordComponents(EventDescriptor descriptor) throws IOException {
        JsonNode schema = schemaOf(descriptor);
        JsonNode properties = schema.path("properties");
        RecordComponent[] components = descriptor.javaType().getRecordComponents();

        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        List<String> propertyNames = new ArrayList<>();
        properties.fieldNames().forEachRemaining(propertyNames::add);
        assertThat(propertyNames).as("schema properties").containsExactlyElementsOf(names);

        List<String> requiredNames = new ArrayList<>();
        schema.path("required").forEach(n -> requiredNames.add(n.asText()));
        assertThat(requiredNames).as("required")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(components)
                        .filter(c -> !c.isAnnotationPresent(Nullable.class))
                        .map(RecordComponent::getName).toList());

        for (RecordComponent component : components) {
            JsonNode property = properties.path(component.getName());
            boolean nullable = component.isAnnotationPresent(Nullable.class);
            String where = descriptor.ceType() + "." + component.getName();
            assertThat(types(property)).as(where + " type")
                    .containsExactlyInAnyOrderElementsOf(expectedTypes(component.getType(), nullable));
            if (component.getType() == UUID.class) {
                assertThat(property.path("format").asText()).as(where).isEqualTo("uuid");
            }
            if (component.getType() == Instant.class) {
                assertThat(property.path("format").asText()).as(where).isEqualTo("date-time");
            }
            if (component.getType().isEnum()) {
                assertThat(enumValues(property.path("enum"))).as(where + " enum")
                        .containsExactlyElementsOf(constants(component.getType()));
            }
            if (component.getType() == List.class) {
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                JsonNode items = property.path("items");
                if (element instanceof Class<?> c && c.isEnum()) {
                    assertThat(enumValues(items.path("enum"))).as(where + " items enum")
                            .containsExactlyElementsOf(constants(c));
                } else {
                    assertThat(element).as(where + " items").isEqualTo(String.class);
                    assertThat(items.path("type").asText()).as(where + " items").isEqualTo("string");
                }
            }
        }
    }

    @Test
    void malformedIdsTimestampsAndEnumValuesAreRejected() {
        EventDescriptor descriptor = EventCatalogue.of(dev.privacy.platform.events.member.MemberWithdrawn.class);
        ObjectNode badId = sampleJson(descriptor).put("memberId", "not-a-uuid");
        ObjectNode badTime = sampleJson(descriptor).put("occurredAt", "yesterday");
        ObjectNode badEnum = sampleJson(EventCatalogue.of(DataDestroyed.class)).put("method", "SHRED_PAPER");

        assertThat(EventSchemas.validate(descriptor.ceType(), badId)).anySatisfy(v -> assertThat(v).contains("memberId"));
        assertThat(EventSchemas.validate(descriptor.ceType(), badTime)).anySatisfy(v -> assertThat(v).contains("occurredAt"));
        assertThat(EventSchemas.validate("DataDestroyed.v1", badEnum)).anySatisfy(v -> assertThat(v).contains("method"));
    }

    @Test
    void accessIpMustBeAnIpAddress() {
        ObjectNode json = sampleJson(EventCatalogue.of(dev.privacy.platform.events.audit.AccessRecorded.class));

        assertThat(EventSchemas.validate("AccessRecorded.v1", json.put("ip", "192.0.2.7"))).isEmpty();
        assertThat(EventSchemas.validate("AccessRecorded.v1", json.put("ip", "2001:db8::7"))).isEmpty();
        assertThat(EventSchemas.validate("AccessRecorded.v1", json.put("ip", "Seoul, Gangnam-gu"))).isNotEmpty();
    }

    @Test
    void consentWithNeitherMemberNorDeviceIsRejected() {
        ObjectNode json = sampleJson(EventCatalogue.of(dev.privacy.platform.events.consent.ConsentGranted.class));
        json.putNull("memberId");
        json.putNull("deviceId");

        assertThat(EventSchemas.validate("ConsentGranted.v1", json)).isNotEmpty();
    }

    @Test
    void reasonCodesCannotCarryFreeText() {
        ObjectNode json = sampleJson(EventCatalogue.of(dev.privacy.platform.events.member.CorrectionRejected.class));
        json.put("reason", "Kim Minsu called and said his phone is 010-1234-5678");

        assertThat(EventSchemas.validate("CorrectionRejected.v1", json)).anySatisfy(v -> assertThat(v).contains("reason"));
    }

    @Test
    void unknownTypeNonJsonAndMissingDataAreViolations() {
        assertThat(EventSchemas.validate("MemberTeleported.v1", "{}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("unknown event type: MemberTeleported.v1");
        assertThat(EventSchemas.validate("MemberWithdrawn", "{}".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(EventSchemas.validate("MemberWithdrawn.v1", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
        assertThat(EventSchemas.validate("MemberWithdrawn.v1", new byte[0])).isNotEmpty();
        assertThat(EventSchemas.validate("MemberWithdrawn.v1", (byte[]) null)).isNotEmpty();
        assertThat(EventSchemas.validate("MemberWithdrawn.v1", "[]".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void requireValidThrowsWithTheViolations() {
        byte[] json = "{\"memberId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventSchemas.requireValid("MemberWithdrawn.v1", json))
                .isInstanceOf(EventContractException.class)
                .satisfies(e -> assertThat(((EventContractException) e).violations()).hasSizeGreaterThan(1));
    }

    private static List<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        List<String> result = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> result.add(t.asText()));
        } else {
            result.add(type.asText());
        }
        return result;
    }

    private static List<String> expectedTypes(Class<?> javaType, boolean nullable) {
        String type;
        if (javaType == boolean.class) {
            type = "boolean";
        } else if (javaType == int.class || javaType == long.class) {
            type = "integer";
        } else if (javaType == List.class) {
            type = "array";
        } else if (javaType == String.class || javaType == UUID.class || javaType == Instant.class || javaType.isEnum()) {
            type = "string";
        } else {
            throw new AssertionError("unexpected component type " + javaType);
        }
        return nullable ? List.of(type, "null") : List.of(type);
    }

    private static List<String> enumValues(JsonNode values) {
        List<String> result = new ArrayList<>();
        values.forEach(v -> {
            if (!v.isNull()) {
                result.add(v.asText());
            }
        });
        return result;
    }

    private static List<String> constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }
}

package dev.privacy.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The AsyncAPI document describes every topic and every catalogue event on exactly its topics. */
class AsyncApiContractTest {

    private static final List<String> CLOUD_EVENTS_HEADERS =
            List.of("ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "ce_specversion", "content-type");

    private static JsonNode doc;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = AsyncApiContractTest.class.getResourceAsStream("/contracts/asyncapi.yaml")) {
            assertThat(in).isNotNull();
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    static Stream<EventDescriptor> catalogue() {
        return EventCatalogue.all().stream();
    }

    /** channel address → channel node. */
    private static Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new TreeMap<>();
        doc.path("channels").forEach(channel -> channels.put(channel.path("address").asText(), channel));
        return channels;
    }

    /** Follows a local {@code $ref} such as {@code #/components/messages/X}. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        assertThat(ref).startsWith("#/");
        JsonNode target = doc.at(ref.substring(1).replace("~1", "/"));
        assertThat(target.isMissingNode()).as("$ref %s resolves", ref).isFalse();
        return resolve(target);
    }

    @Test
    void isAnAsyncApi3DocumentWithEveryTopicAndTheDeadLetterConvention() {
        assertThat(doc.path("asyncapi").asText()).startsWith("3.0");
        Map<String, JsonNode> channels = channelsByAddress();

        assertThat(channels.keySet()).containsAll(Topics.ALL);
        JsonNode deadLetter = channels.get(Topics.deadLetter("{topic}", "{consumer}"));
        assertThat(deadLetter).as("the <topic>.<consumer>.dlq channel").isNotNull();
        List<String> parameterValues = new ArrayList<>();
        deadLetter.path("parameters").path("topic").path("enum").forEach(v -> parameterValues.add(v.asText()));
        assertThat(parameterValues).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        JsonNode dlqHeaders = resolve(deadLetter.path("messages").path("DeadLetter")).path("headers");
        assertThat(dlqHeaders.toString()).contains("DeadLetterHeaders");
        JsonNode dlqHeaderProperties = doc.at("/components/schemas/DeadLetterHeaders/properties");
        for (String header : List.of(DeadLetterHeaders.REASON, DeadLetterHeaders.CAUSE, DeadLetterHeaders.TOPIC,
                DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.EXCEPTION_CLASS_NAME,
                DeadLetterHeaders.CAUSE_CLASS_NAME)) {
            assertThat(dlqHeaderProperties.has(header)).as(header).isTrue();
        }
    }

    @Test
    void cloudEventsBinaryModeHeadersAreDeclaredAndRequired() {
        JsonNode headers = doc.at("/components/schemas/CloudEventsHeaders");
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(r -> required.add(r.asText()));

        assertThat(required).containsExactlyInAnyOrderElementsOf(CLOUD_EVENTS_HEADERS);
        assertThat(CLOUD_EVENTS_HEADERS).containsExactlyInAnyOrder(CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
                CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE);
        List<String> sources = new ArrayList<>();
        headers.path("properties").path("ce_source").path("enum").forEach(s -> sources.add(s.asText()));
        assertThat(sources).containsExactlyInAnyOrderElementsOf(Services.ALL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyCatalogueEventIsAMessageWithItsSchemaAndHeaders(EventDescriptor descriptor) {
        JsonNode message = doc.path("components").path("messages").path(descriptor.name());

        assertThat(message.isMissingNode()).as("message %s", descriptor.name()).isFalse();
        assertThat(message.path("name").asText()).isEqualTo(descriptor.ceType());
        String payloadRef = message.path("payload").path("$ref").asText();
        assertThat("/contracts/" + payloadRef).isEqualTo(descriptor.schemaResource());
        assertThat(AsyncApiContractTest.class.getResource(descriptor.schemaResource())).isNotNull();
        String headers = message.path("headers").toString();
        assertThat(headers).contains("#/components/schemas/CloudEventsHeaders").contains(descriptor.ceType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyCatalogueEventIsOnExactlyItsTopics(EventDescriptor descriptor) {
        JsonNode expected = doc.path("components").path("messages").path(descriptor.name());
        Set<String> topicsInDocument = new HashSet<>();
        channelsByAddress().forEach((address, channel) -> channel.path("messages").forEach(m -> {
            if (resolve(m).equals(expected)) {
                topicsInDocument.add(address);
            }
        }));

        assertThat(topicsInDocument).containsExactlyInAnyOrderElementsOf(EventCatalogue.topicsOf(descriptor.javaType()));
    }

    @Test
    void everyOperationNamesAChannelAndMessagesOfThatChannel() {
        assertThat(doc.path("operations").size()).isPositive();
        doc.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            assertThat(operation.path("action").asText()).as(entry.getKey()).isIn("send", "receive");
            String channelRef = operation.path("channel").path("$ref").asText();
            JsonNode channel = resolve(operation.path("channel"));
            assertThat(operation.path("messages").size()).as(entry.getKey()).isPositive();
            operation.path("messages").forEach(m -> {
                assertThat(m.path("$ref").asText()).as(entry.getKey()).startsWith(channelRef + "/messages/");
                resolve(m);
            });
            assertThat(channel.path("address").asText()).isNotEmpty();
        });
    }

    @Test
    void everyTopicHasAPublisher() {
        Set<String> published = new HashSet<>();
        doc.path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals("send")) {
                published.add(resolve(operation.path("channel")).path("address").asText());
            }
        });

        assertThat(published).containsAll(Topics.ALL);
    }
}

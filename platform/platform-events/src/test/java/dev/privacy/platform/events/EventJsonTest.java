package dev.privacy.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacy.platform.events.member.MemberWithdrawn;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    static Stream<EventDescriptor> catalogue() {
        return EventCatalogue.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyEventSurvivesARoundTripThroughJson(EventDescriptor descriptor) {
        DomainEvent sample = SampleEvents.of(descriptor.javaType());

        byte[] json = EventJson.toBytes(sample);

        assertThat(EventJson.read(json, descriptor.javaType())).isEqualTo(sample);
        assertThat(EventJson.read(json, descriptor.ceType())).isEqualTo(sample);
        assertThat(EventJson.read(EventJson.toJson(sample), descriptor.javaType())).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void theJsonCarriesOnlyTheRecordComponentsNotTheSubjectOrHelpers(EventDescriptor descriptor) {
        JsonNode json = EventJson.toTree(SampleEvents.of(descriptor.javaType()));

        assertThat(json.size()).isEqualTo(descriptor.javaType().getRecordComponents().length);
        assertThat(json.has("subjectId")).isFalse();
    }

    @Test
    void instantsAreIso8601StringsWithTheirFullPrecision() {
        JsonNode json = EventJson.toTree(SampleEvents.of(MemberWithdrawn.class));

        assertThat(json.get("occurredAt").isTextual()).isTrue();
        assertThat(json.get("occurredAt").asText()).isEqualTo("2025-03-14T09:26:53.589793238Z");
    }

    @Test
    void unknownPropertiesAreIgnoredByConsumers() {
        ObjectNode json = (ObjectNode) EventJson.toTree(SampleEvents.of(MemberWithdrawn.class));
        json.put("addedInALaterRelease", "x");

        MemberWithdrawn read = EventJson.read(json.toString().getBytes(StandardCharsets.UTF_8), MemberWithdrawn.class);

        assertThat(read).isEqualTo(SampleEvents.of(MemberWithdrawn.class));
    }

    @Test
    void dataWithoutARequiredFieldOrNotJsonIsUnreadable() {
        assertThatThrownBy(() -> EventJson.read("{\"occurredAt\":\"2025-01-01T00:00:00Z\"}", MemberWithdrawn.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memberId");
        assertThatThrownBy(() -> EventJson.read("nope".getBytes(StandardCharsets.UTF_8), MemberWithdrawn.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.read("{}".getBytes(StandardCharsets.UTF_8), "Nope.v1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsInEventsAreImmutableCopies() {
        java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of("email"));
        var event = new dev.privacy.platform.events.member.CorrectionApplied(SampleEvents.MEMBER, null, fields,
                SampleEvents.NOW);
        fields.add("mobilePhone");

        assertThat(event.fields()).containsExactly("email");
        assertThatThrownBy(() -> event.fields().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}

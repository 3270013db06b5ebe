package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on, the trace of the request that committed an event travels through the outbox:
 * the relay, publishing later on its own thread, puts the request's W3C traceparent on the record.
 */
@QuarkusTest
@TestProfile(TracePropagationTest.TracingOn.class)
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class TracePropagationTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // spans are created and sampled; nothing is exported (no collector in tests)
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    @Test
    void eventCarriesTheTraceOfTheRequestThatCommittedIt() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String incoming = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            String memberId = given().contentType(ContentType.JSON).header("traceparent", incoming)
                    .body(TestMembers.body(TestMembers.uniqueLoginId()))
                    .when().post("/v1/members").then().statusCode(201).extract().path("memberId");

            var records = probe.pollUntil(TopicProbe.hasType("MemberRegistered.v1", memberId), Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> registered = records.stream()
                    .filter(r -> memberId.equals(r.key()) && "MemberRegistered.v1".equals(TopicProbe.cloudEvent(r).getType()))
                    .findFirst().orElseThrow();
            Header traceparent = registered.headers().lastHeader("traceparent");
            assertThat(traceparent).as("traceparent header on the relayed record").isNotNull();
            String value = new String(traceparent.value(), StandardCharsets.US_ASCII);
            assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(value.substring(3, 35)).as("same trace as the HTTP request").isEqualTo(traceId);
        }
    }
}

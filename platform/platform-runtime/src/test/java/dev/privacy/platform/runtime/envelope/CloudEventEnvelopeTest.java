package dev.privacy.platform.runtime.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The envelope's direct read of the platform's own records gives what the CloudEvents SDK's reader gives. */
class CloudEventEnvelopeTest {

    private static final byte[] DATA = "{\"memberId\":\"c3d4e5f6-0e5d-4c4a-9b2c-1d5e8f90a1b2\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePlatformsOwnRecordsAreReadDirectlyAsTheSdkReadsThem() {
        UUID id = UUID.randomUUID();
        Instant time = Instant.parse("2026-12-03T10:15:30.123456789Z");
        for (ProducerRecord<String, byte[]> sent : new ProducerRecord[]{
                CloudEventEnvelope.toRecord("member.events", id, "member-service", "MemberActivated.v1", "m-1", time, DATA),
                CloudEventEnvelope.toRecord("member.events", id, "member-service", "MemberActivated.v1", "m-1", time, DATA, 7L),
                withHeader(CloudEventEnvelope.toRecord("member.events", id, "member-service", "MemberActivated.v1", "m-1",
                        time, DATA), "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")}) {
            ConsumerRecord<String, byte[]> record = consumed(sent);
            IncomingEvent direct = CloudEventEnvelope.readPlain(record);
            assertThat(direct).isNotNull().isEqualTo(CloudEventEnvelope.readWithSdk(record));
            assertThat(CloudEventEnvelope.read(record)).isEqualTo(direct);
        }
        IncomingEvent numbered = CloudEventEnvelope.read(consumed(
                CloudEventEnvelope.toRecord("member.events", id, "member-service", "MemberActivated.v1", "m-1", time, DATA, 7L)));
        assertThat(numbered.sequence()).isEqualTo(7L);
        assertThat(numbered.time()).isEqualTo(time);
        assertThat(numbered.source()).isEqualTo("member-service");
    }

    @Test
    void recordsAreWrittenAsTheSdksBinaryModeWriterWritesThem() {
        UUID id = UUID.randomUUID();
        for (Instant time : new Instant[]{Instant.parse("2026-12-03T10:15:30Z"), Instant.parse("2026-12-03T10:15:30.12Z"),
                Instant.parse("2026-12-03T10:15:30.123456789Z")}) {
            for (String subject : new String[]{"m-1", null}) {
                for (Long sequence : new Long[]{null, 42L}) {
                    ProducerRecord<String, byte[]> direct = CloudEventEnvelope.toRecord("member.events", id, "member-service",
                            "MemberActivated.v1", subject, time, DATA, sequence);
                    ProducerRecord<String, byte[]> sdk = sdkRecord("member.events", id, "member-service",
                            "MemberActivated.v1", subject, time, DATA, sequence);
                    assertThat(direct.topic()).isEqualTo(sdk.topic());
                    assertThat(direct.key()).isEqualTo(sdk.key());
                    assertThat(direct.partition()).isEqualTo(sdk.partition());
                    assertThat(direct.timestamp()).isEqualTo(sdk.timestamp());
                    assertThat(direct.value()).isEqualTo(sdk.value());
                    assertThat(headers(direct)).containsExactlyElementsOf(headers(sdk));
                }
            }
        }
    }

    private static java.util.List<String> headers(ProducerRecord<String, byte[]> record) {
        java.util.List<String> all = new java.util.ArrayList<>();
        record.headers().forEach(h -> all.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        return all;
    }

    /** What the envelope wrote with the SDK before it wrote its headers itself. */
    private static ProducerRecord<String, byte[]> sdkRecord(String topic, UUID id, String source, String type, String subject,
                                                            Instant time, byte[] data, Long sequence) {
        CloudEventBuilder builder = CloudEventBuilder.v1();
        if (sequence != null) {
            builder.withExtension(CloudEventEnvelope.SEQUENCE, sequence.toString());
        }
        CloudEvent event = builder.withId(id.toString()).withSource(URI.create(source)).withType(type).withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC)).withDataContentType(CloudEventEnvelope.CONTENT_TYPE)
                .withDataSchema(URI.create("/contracts/schemas/" + type + ".schema.json")).withData(data).build();
        return KafkaMessageFactory.<String>createWriter(topic, null, null, subject).writeBinary(event);
    }

    @Test
    void anyOtherRecordIsLeftToTheSdkWithItsVerdict() {
        UUID id = UUID.randomUUID();
        ProducerRecord<String, byte[]> good = CloudEventEnvelope.toRecord("member.events", id, "member-service",
                "MemberActivated.v1", "m-1", Instant.now(), DATA);
        // each an unusual but readable record: the SDK reads it, the direct read declines
        for (Consumer<RecordHeaders> change : java.util.List.<Consumer<RecordHeaders>>of(
                h -> h.add("ce_comexampleextension", "x".getBytes(StandardCharsets.UTF_8)),
                h -> replace(h, "ce_id", id.toString().toUpperCase()))) {
            ConsumerRecord<String, byte[]> record = consumed(good, change);
            assertThat(CloudEventEnvelope.readPlain(record)).isNull();
            assertThat(CloudEventEnvelope.read(record)).isEqualTo(CloudEventEnvelope.readWithSdk(record));
        }
        // each malformed: refused with the SDK path's message
        for (Consumer<RecordHeaders> change : java.util.List.<Consumer<RecordHeaders>>of(
                h -> h.remove("ce_specversion"),
                h -> replace(h, "ce_id", "not-a-uuid"),
                h -> replace(h, "ce_sequence", "0"),
                h -> replace(h, "ce_time", "yesterday"),
                h -> h.remove("ce_type"))) {
            ConsumerRecord<String, byte[]> record = consumed(good, change);
            assertThat(CloudEventEnvelope.readPlain(record)).isNull();
            assertThatThrownBy(() -> CloudEventEnvelope.read(record)).isInstanceOf(MalformedEventException.class)
                    .hasMessage(messageOf(() -> CloudEventEnvelope.readWithSdk(record)));
        }
        ConsumerRecord<String, byte[]> empty = consumed(CloudEventEnvelope.toRecord("member.events", id, "member-service",
                "MemberActivated.v1", "m-1", Instant.now(), new byte[0]));
        assertThat(CloudEventEnvelope.readPlain(empty)).isNull();
        assertThatThrownBy(() -> CloudEventEnvelope.read(empty)).isInstanceOf(MalformedEventException.class);
    }

    private static String messageOf(Runnable read) {
        try {
            read.run();
            return "(read)";
        } catch (MalformedEventException e) {
            return e.getMessage();
        }
    }

    private static void replace(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String key, String value) {
        record.headers().add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        return consumed(sent, h -> {
        });
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, Consumer<RecordHeaders> change) {
        RecordHeaders headers = new RecordHeaders(sent.headers().toArray());
        change.accept(headers);
        return new ConsumerRecord<>(sent.topic(), 0, 0, 0L, TimestampType.CREATE_TIME, 0, sent.value().length,
                sent.key(), sent.value(), headers, Optional.empty());
    }
}

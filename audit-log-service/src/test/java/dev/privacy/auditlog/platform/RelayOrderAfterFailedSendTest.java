package dev.privacy.auditlog.platform;

import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.outbox.OutboxPublisher;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failed send in the middle of a batch. Refused before it was queued (no metadata within
 * max.block.ms), the relay sends nothing after it, so no later event of the key can overtake it.
 * Refused later (its batch expired), the broker may already hold event 3 of a key but not 2: the
 * partition holds 1, 3 and then the relay's repeat 2, 3. The relay numbers each key's events
 * (ce_sequence) and the inbox acts on them in that order, 1, 2, 3, not on 3 before 2.
 */
@QuarkusTest
@TestProfile(RelayOrderAfterFailedSendTest.OwnRelayOff.class)
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class RelayOrderAfterFailedSendTest {

    private static final String TOPIC = "outbox.failed-send-test";

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Inject
    InboxConsumer inbox;

    public static class OwnRelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("privacy.relay.enabled", "false");
        }
    }

    @Test
    void aSendRefusedBeforeItIsQueuedStopsTheBatchSoNoLaterEventOfTheKeyOvertakesIt() throws Exception {
        UUID member = UUID.randomUUID();
        List<UUID> committed = commitThreeEvents(member);
        Refuses broker = Refuses.beforeQueueing(committed.get(1));
        OutboxPublisher relay = new OutboxPublisher(dataSource, broker, "audit-log-service", 50);

        relayOnceRefused(relay);
        assertThat(ids(broker.partition())).as("the partition after the refused send").containsExactly(committed.get(0));
        assertThat(relay.relayBatch()).as("the unacknowledged rest").isEqualTo(2);
        assertThat(ids(broker.partition())).isEqualTo(committed);
        assertThat(broker.partition()).extracting(RelayOrderAfterFailedSendTest::sequence).containsExactly("1", "2", "3");
    }

    @Test
    void consumersActOnAKeysEventsInOrderWhenALaterOneReachedThePartitionBeforeAFailedEarlierOne() throws Exception {
        UUID member = UUID.randomUUID();
        List<UUID> committed = commitThreeEvents(member);
        Refuses broker = Refuses.afterQueueing(committed.get(1));
        OutboxPublisher relay = new OutboxPublisher(dataSource, broker, "audit-log-service", 50);

        relayOnceRefused(relay);
        assertThat(ids(broker.partition())).as("the partition after the failed send")
                .containsExactly(committed.get(0), committed.get(2));
        assertThat(relay.relayBatch()).as("the unacknowledged rest, sent again").isEqualTo(2);
        assertThat(ids(broker.partition())).containsExactly(committed.get(0), committed.get(2), committed.get(1),
                committed.get(2));
        assertThat(broker.partition()).extracting(RelayOrderAfterFailedSendTest::sequence)
                .as("a repeated row keeps its number").containsExactly("1", "3", "2", "3");

        List<UUID> actedOn = new ArrayList<>();
        EventHandlers record = EventHandlers.builder()
                .on(MemberActivated.class, (event, envelope) -> actedOn.add(envelope.id())).build();
        long offset = 0;
        for (ProducerRecord<String, byte[]> sent : broker.partition()) {
            // each record a poll of its own: the order is the inbox's doing, not the batch's
            inbox.handle(List.of(new ConsumerRecord<>(TOPIC, 0, offset++, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                    -1, -1, sent.key(), sent.value(), sent.headers(), Optional.empty())), record, null);
        }
        assertThat(actedOn).as("what the consumer acted on, in order, each once").isEqualTo(committed);
    }

    /** One relay step over the three rows, in which the broker refuses event 2. */
    private static void relayOnceRefused(OutboxPublisher relay) {
        assertThatThrownBy(relay::relayBatch).isInstanceOf(IllegalStateException.class)
                .hasMessage("Broker acknowledged 1 of 3 events");
    }

    private List<UUID> commitThreeEvents(UUID member) {
        List<UUID> committed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            committed.add(QuarkusTransaction.requiringNew().call(() ->
                    outbox.publish(TOPIC, new MemberActivated(member, null, Instant.now()))));
        }
        return committed;
    }

    private static List<UUID> ids(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().map(r -> UUID.fromString(header(r, "ce_id"))).toList();
    }

    private static String sequence(ProducerRecord<String, byte[]> record) {
        return header(record, "ce_" + CloudEventEnvelope.SEQUENCE);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * A broker that times out one event the first time it is sent and takes every other: the
     * partition is what it acknowledged, in order. The refusal comes at once, as a producer without
     * the topic's metadata gives it, or only at the flush, as an expired batch does, after the later
     * records were queued.
     */
    private static final class Refuses extends MockProducer<String, byte[]> {
        private final Set<UUID> refused;
        private final boolean beforeQueueing;
        private final List<ProducerRecord<String, byte[]>> partition = new ArrayList<>();
        private final List<CompletableFuture<RecordMetadata>> expiring = new ArrayList<>();

        private Refuses(UUID refuseOnce, boolean beforeQueueing) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.refused = new HashSet<>(Set.of(refuseOnce));
            this.beforeQueueing = beforeQueueing;
        }

        static Refuses beforeQueueing(UUID event) {
            return new Refuses(event, true);
        }

        static Refuses afterQueueing(UUID event) {
            return new Refuses(event, false);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (refused.remove(UUID.fromString(header(record, "ce_id")))) {
                if (beforeQueueing) {
                    return CompletableFuture.failedFuture(new TimeoutException("Topic not present in metadata after 10000 ms"));
                }
                CompletableFuture<RecordMetadata> expires = new CompletableFuture<>();
                expiring.add(expires);
                return expires;
            }
            partition.add(record);
            return super.send(record, callback);
        }

        @Override
        public synchronized void flush() {
            super.flush();
            expiring.forEach(f -> f.completeExceptionally(new TimeoutException("Expiring 1 record(s): delivery timeout")));
            expiring.clear();
        }

        List<ProducerRecord<String, byte[]>> partition() {
            return partition;
        }
    }
}

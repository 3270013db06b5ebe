package dev.privacy.auditlog.platform;

import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox keeps what is committed while the broker is down and publishes it all, in order per key, when it returns. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class OutboxBrokerOutageTest {

    private static final String TOPIC = "outbox.outage-test";

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry metrics;

    @Test
    void eventsCommittedWhileBrokerIsDownArriveInOrderPerKeyAfterItReturns() throws Exception {
        KafkaBroker broker = SharedInfrastructure.get().kafka();
        List<UUID> members = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<String, List<String>> committedOrder = new LinkedHashMap<>();

        double failuresBefore = relayFailures();
        broker.stop();
        try {
            for (int round = 0; round < 20; round++) {
                for (UUID member : members) {
                    UUID eventId = QuarkusTransaction.requiringNew().call(() ->
                            outbox.publish(TOPIC, new MemberActivated(member, null, Instant.now())));
                    committedOrder.computeIfAbsent(member.toString(), k -> new ArrayList<>()).add(eventId.toString());
                }
            }
            // the relay must really have tried and failed (not just not got round to it) ...
            Awaitility.await("the relay tries the stopped broker and fails").atMost(Duration.ofSeconds(60))
                    .until(() -> relayFailures() > failuresBefore);
            // ... and kept every row it could not publish
            assertThat(pendingRows()).as("rows kept in the outbox while the broker is down").isEqualTo(60);
        } finally {
            broker.restart();
        }

        try (TopicProbe probe = TopicProbe.of(broker.bootstrapServers(), TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = probe.pollUntil(rs -> distinctIds(rs) >= 60, Duration.ofSeconds(60));
            Map<String, List<String>> publishedOrder = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                List<String> ids = publishedOrder.computeIfAbsent(record.key(), k -> new ArrayList<>());
                String id = TopicProbe.cloudEvent(record).getId();
                if (!ids.contains(id)) { // a re-publish after a partial failure is allowed; a reorder is not
                    ids.add(id);
                }
            }
            assertThat(publishedOrder).isEqualTo(committedOrder);
        }
        assertThat(pendingRows()).isZero();
    }

    private double relayFailures() {
        return metrics.get("platform.outbox.failures").counter().count();
    }

    private long pendingRows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE topic = ?1")
                .setParameter(1, TOPIC).getSingleResult()).longValue());
    }

    private static long distinctIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> TopicProbe.cloudEvent(r).getId()).collect(Collectors.toSet()).size();
    }
}

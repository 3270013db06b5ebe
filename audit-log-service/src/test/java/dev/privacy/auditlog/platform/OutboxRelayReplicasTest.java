package dev.privacy.auditlog.platform;

import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.outbox.OutboxPublisher;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas of one service share its outbox. With this service's own relay off, two replica relays
 * race over the same table, each woken by every commit as the real relay is: together they publish
 * every event exactly once, each key in commit order, and both really took part.
 */
@QuarkusTest
@TestProfile(RelayOrderAfterFailedSendTest.OwnRelayOff.class)
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class OutboxRelayReplicasTest {

    private static final String TOPIC = "outbox.replicas-test";
    private static final int EVENTS = 200;

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void twoReplicaRelaysTogetherPublishEachEventOnceAndKeepEachKeyInCommitOrder() throws Exception {
        String bootstrap = SharedInfrastructure.get().kafka().bootstrapServers();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        List<Semaphore> wakeUps = List.of(new Semaphore(0), new Semaphore(0));
        List<AtomicInteger> publishedBy = List.of(new AtomicInteger(), new AtomicInteger());
        List<Future<?>> relays = new ArrayList<>();
        List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
        for (int replica = 0; replica < 2; replica++) {
            KafkaProducer<String, byte[]> producer = producer(bootstrap);
            producers.add(producer);
            OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, "audit-log-service", 50);
            Semaphore wakeUp = wakeUps.get(replica);
            AtomicInteger published = publishedBy.get(replica);
            relays.add(replicas.submit(() -> {
                while (running.get()) {
                    int relayed = publisher.relayBatch();
                    published.addAndGet(relayed);
                    if (relayed == 0) {
                        // as the real relay: woken by a commit, else a look at the table now and then
                        wakeUp.tryAcquire(100, TimeUnit.MILLISECONDS);
                        wakeUp.drainPermits();
                    }
                }
                return null;
            }));
        }

        List<UUID> members = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<String, List<String>> committedOrder = new LinkedHashMap<>();
        // At least EVENTS; more rounds while one replica has not relayed yet (which of two racing
        // replicas wins the lock is up to the scheduler), at most ten times as many.
        int committed = 0;
        while (committed < EVENTS || (committed < 10 * EVENTS
                && (publishedBy.get(0).get() == 0 || publishedBy.get(1).get() == 0))) {
            committed += members.size();
            for (UUID member : members) {
                UUID id = QuarkusTransaction.requiringNew().call(() ->
                        outbox.publish(TOPIC, new MemberActivated(member, null, Instant.now())));
                committedOrder.computeIfAbsent(member.toString(), k -> new ArrayList<>()).add(id.toString());
                wakeUps.forEach(Semaphore::release);
            }
        }

        try (TopicProbe probe = TopicProbe.of(bootstrap, TOPIC)) {
            int events = committed;
            probe.pollUntil(rs -> rs.size() >= events, Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> records = probe.drain(Duration.ofSeconds(3));
            Map<String, List<String>> publishedOrder = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                publishedOrder.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(TopicProbe.cloudEvent(record).getId());
            }
            assertThat(records).as("each of the events published exactly once").hasSize(events);
            assertThat(publishedOrder).isEqualTo(committedOrder);
            assertThat(publishedBy.get(0).get() + publishedBy.get(1).get())
                    .as("published by the two replicas, the service's own relay being off").isEqualTo(events);
            assertThat(publishedBy).as("both replicas relayed a share").allSatisfy(n -> assertThat(n.get()).isPositive());
        } finally {
            running.set(false);
            for (Future<?> relay : relays) {
                relay.get(30, TimeUnit.SECONDS);
            }
            replicas.shutdown();
            producers.forEach(KafkaProducer::close);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}

package dev.privacy.auditlog.platform;

import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions that publish for several keys (a sign-up matching a withdrawn member publishes for
 * both) run side by side, one taking the keys in the opposite order of the other. With a lock per
 * key they deadlocked and one failed; now every transaction commits and every event is published.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class OutboxConcurrentKeysTest {

    private static final String TOPIC = "outbox.concurrent-keys-test";
    private static final int ROUNDS = 10;

    @Inject
    Outbox outbox;

    @Test
    void transactionsPublishingForTheSameKeysInOppositeOrderAllCommit() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        CyclicBarrier bothHoldTheirFirstKey = new CyclicBarrier(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Future<?> forward = writers.submit(() -> publishBoth(first, second, bothHoldTheirFirstKey));
                Future<?> backward = writers.submit(() -> publishBoth(second, first, bothHoldTheirFirstKey));
                forward.get(30, TimeUnit.SECONDS); // a deadlock victim would throw here
                backward.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        try (TopicProbe probe = TopicProbe.of(SharedInfrastructure.get().kafka().bootstrapServers(), TOPIC)) {
            assertThat(probe.pollUntil(rs -> rs.size() >= 4 * ROUNDS, Duration.ofSeconds(30)))
                    .as("every event of every transaction published").hasSize(4 * ROUNDS);
        }
    }

    private Void publishBoth(UUID one, UUID other, CyclicBarrier barrier) throws Exception {
        QuarkusTransaction.requiringNew().call(() -> {
            outbox.publish(TOPIC, new MemberActivated(one, null, Instant.now()));
            barrier.await(10, TimeUnit.SECONDS);
            outbox.publish(TOPIC, new MemberActivated(other, null, Instant.now()));
            return null;
        });
        return null;
    }
}

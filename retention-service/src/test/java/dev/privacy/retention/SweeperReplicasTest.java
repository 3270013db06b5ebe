package dev.privacy.retention;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import dev.privacy.retention.service.Sweeper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweepers running side by side (replicas, and the scheduled one here) expire each due schedule exactly once. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class SweeperReplicasTest {

    private static final int DUE = 300;

    @Inject
    DataSource dataSource;

    @Inject
    Sweeper sweeper;

    @Test
    void P07_concurrentSweepsExpireEachDueScheduleOnceWithSkipLocked() throws Exception {
        Set<String> ids = new HashSet<>();
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            insertDueSchedules(ids);
            ExecutorService replicas = Executors.newFixedThreadPool(3);
            try {
                List<CompletableFuture<Sweeper.SweepResult>> sweeps = List.of(
                        CompletableFuture.supplyAsync(sweeper::sweep, replicas),
                        CompletableFuture.supplyAsync(sweeper::sweep, replicas),
                        CompletableFuture.supplyAsync(sweeper::sweep, replicas));
                CompletableFuture.allOf(sweeps.toArray(CompletableFuture[]::new)).get();
            } finally {
                replicas.shutdown();
            }
            Function<List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>, Map<String, Long>> perSchedule =
                    records -> RetentionTests.ofType(records, RetentionExpired.class, null).stream()
                            .map(e -> e.path("scheduleId").asText()).filter(ids::contains)
                            .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            probe.pollUntil(r -> perSchedule.apply(r).size() == DUE, RetentionTests.WAIT);
            probe.pollUntil(r -> false, Duration.ofSeconds(2));
            Map<String, Long> counts = perSchedule.apply(probe.seen());

            assertThat(counts).hasSize(DUE);
            assertThat(counts.values()).allMatch(n -> n == 1);
            assertThat(RetentionTests.count(dataSource, "SELECT count(*) FROM retention_schedule WHERE state = 'EXPIRED' "
                    + "AND legal_basis = 'TEST_REPLICAS'")).isEqualTo(DUE);
        }
    }

    private void insertDueSchedules(Set<String> ids) throws Exception {
        Timestamp past = Timestamp.from(Instant.now().minus(Duration.ofDays(1)));
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("""
                INSERT INTO retention_schedule (id, member_id, category, owner_service, legal_basis, starts_at, expires_at,
                                                state, created_at, updated_at)
                VALUES (?, ?, 'CONTRACT_RECORDS', 'member-service', 'TEST_REPLICAS', ?, ?, 'SCHEDULED', ?, ?)""")) {
            for (int i = 0; i < DUE; i++) {
                UUID id = UUID.nameUUIDFromBytes(("replicas-" + i + "-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
                ids.add(id.toString());
                p.setObject(1, id);
                p.setObject(2, UUID.randomUUID());
                p.setTimestamp(3, past);
                p.setTimestamp(4, past);
                p.setTimestamp(5, past);
                p.setTimestamp(6, past);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}

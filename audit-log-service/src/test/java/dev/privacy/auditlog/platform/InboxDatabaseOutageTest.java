package dev.privacy.auditlog.platform;

import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.infra.PostgresServer;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away for 30 s while events keep arriving: the consumer waits instead of
 * dead-lettering them, and once the database answers again every event is in the audit log, each
 * once, in the order it was sent per key.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class InboxDatabaseOutageTest {

    private static final String DATABASE = "auditlog";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Inject
    MeterRegistry metrics;

    @Test
    void aThirtySecondDatabaseOutagePausesConsumptionAndLosesNothingDeadLettersNothingAndKeepsOrderPerKey()
            throws Exception {
        PostgresServer postgres = SharedInfrastructure.get().postgres();
        String bootstrap = SharedInfrastructure.get().kafka().bootstrapServers();
        List<UUID> members = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, List<UUID>> sent = new LinkedHashMap<>();
        members.forEach(m -> sent.put(m, new ArrayList<>()));

        try (TestEventProducer producer = new TestEventProducer(bootstrap)) {
            sendRound(producer, sent, 3);
            await("the first events are in the log", Duration.ofSeconds(30), () -> logged(postgres, members) == 9);

            refuseConnections(postgres, true);
            try {
                sendRound(producer, sent, 5);
                await("the consumer pauses on the outage", Duration.ofSeconds(20), () -> paused() > 0);
                Thread.sleep(OUTAGE.toMillis()); // the outage itself: nothing to poll for, the database is gone
                assertThat(paused()).as("still waiting, not dead-lettering, at the end of the outage").isPositive();
            } finally {
                refuseConnections(postgres, false);
            }
            sendRound(producer, sent, 2);
        }

        await("every event is in the log after the outage", Duration.ofSeconds(60), () -> logged(postgres, members) == 30);
        for (UUID member : members) {
            assertThat(loggedInOrder(postgres, member)).as("order of member %s", member).isEqualTo(sent.get(member));
        }
        assertThat(paused()).isZero();
        try (TopicProbe dlq = TopicProbe.of(bootstrap, Topics.deadLetter(Topics.CONSENT_EVENTS, Services.AUDIT_LOG))) {
            assertThat(dlq.drain(Duration.ofSeconds(3))).as("dead-lettered events of these members")
                    .noneMatch(r -> members.contains(UUID.fromString(r.key())));
        }
    }

    private static void sendRound(TestEventProducer producer, Map<UUID, List<UUID>> sent, int perMember) {
        for (int i = 0; i < perMember; i++) {
            sent.forEach((member, ids) -> ids.add(producer.send(Topics.CONSENT_EVENTS, Services.CONSENT,
                    new MemberActivated(member, null, Instant.now()))));
        }
    }

    private double paused() {
        return metrics.get("platform.inbox.paused").gauge().value();
    }

    /** The database refuses new connections and drops the open ones, as if its server had stopped. */
    private static void refuseConnections(PostgresServer postgres, boolean refuse) throws SQLException {
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
                postgres.adminUser(), postgres.adminPassword()); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            }
        }
    }

    private static long logged(PostgresServer postgres, List<UUID> members) {
        return members.stream().mapToLong(m -> loggedInOrder(postgres, m).size()).sum();
    }

    private static List<UUID> loggedInOrder(PostgresServer postgres, UUID member) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), postgres.adminUser(),
                postgres.adminPassword());
             PreparedStatement q = c.prepareStatement(
                     "SELECT source_event_id FROM audit_entry WHERE member_id = ? ORDER BY sequence")) {
            q.setObject(1, member);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            return List.of(); // refused while the database is down
        }
    }

    private static void await(String what, Duration timeout, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}

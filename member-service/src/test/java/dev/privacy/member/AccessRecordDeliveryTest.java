package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.infra.KafkaBroker;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.SharedInfrastructure;
import dev.privacy.platform.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * How a read's access record (P02) reaches {@code access.records}: straight to the broker and
 * acknowledged before the data is answered; while the broker is down, through the outbox in the
 * read's own transaction, published when the broker returns. Either way no read goes unrecorded.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class AccessRecordDeliveryTest {

    private static final String OUTBOX_READS = """
            SELECT count(*) FROM outbox_event
            WHERE aggregateid = ?::text AND type = 'AccessRecorded.v1' AND payload->>'action' = 'READ'""";

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource dataSource;

    @Test
    void P02_aProfileIsAnsweredOnlyAfterTheBrokerAcknowledgedItsReadRecord() throws Exception {
        TestMembers.Member m = TestMembers.newMember();
        double acknowledgedBefore = acknowledged();

        given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id())
                .then().statusCode(200).body("loginId", equalTo(m.loginId()));

        assertThat(acknowledged()).as("the read's record acknowledged by the broker before the answer")
                .isEqualTo(acknowledgedBefore + 1);
        assertThat(TestMembers.count(dataSource, OUTBOX_READS, m.id()))
                .as("no database write for the read's record").isZero();
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            assertThat(readsOf(probe, m.id(), 1)).hasSize(1);
        }
    }

    @Test
    void P02_aProfileReadWhileTheBrokerIsDownIsAnsweredAndItsRecordArrivesThroughTheOutboxWhenItReturns() throws Exception {
        TestMembers.Member m = TestMembers.newMember();
        KafkaBroker broker = SharedInfrastructure.get().kafka();
        double divertedBefore = divertedToOutbox();

        broker.stop();
        try {
            given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id())
                    .then().statusCode(200).body("loginId", equalTo(m.loginId()));
            assertThat(divertedToOutbox()).isEqualTo(divertedBefore + 1);
            assertThat(TestMembers.count(dataSource, OUTBOX_READS, m.id()))
                    .as("the read's record committed to the outbox with the read").isEqualTo(1);
        } finally {
            broker.restart();
        }

        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            assertThat(readsOf(probe, m.id(), 1)).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestMembers.count(dataSource, OUTBOX_READS, m.id())).as("relayed and deleted").isZero());

        // Once the broker is back (and the pause after a failure is over), reads go straight to it again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double before = acknowledged();
            given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id()).then().statusCode(200);
            assertThat(acknowledged()).isEqualTo(before + 1);
        });
    }

    private List<ConsumerRecord<String, byte[]>> readsOf(TopicProbe probe, UUID memberId, int atLeast) {
        var records = probe.pollUntil(r -> reads(r, memberId).size() >= atLeast, Duration.ofSeconds(60));
        return reads(records, memberId);
    }

    /** The member's READ records of their profile (not the login's read of loginId/password). */
    private static List<ConsumerRecord<String, byte[]>> reads(List<ConsumerRecord<String, byte[]>> records, UUID memberId) {
        return TestMembers.ofType(records, AccessRecorded.class, memberId).stream()
                .filter(r -> "READ".equals(TestMembers.json(r).path("action").asText()))
                .filter(r -> TestMembers.json(r).path("fields").toString().contains("\"name\""))
                .toList();
    }

    private double acknowledged() {
        return metrics.counter("platform.access.records.direct", "outcome", "acknowledged").count();
    }

    private double divertedToOutbox() {
        return metrics.counter("platform.access.records.direct", "outcome", "outbox").count();
    }
}

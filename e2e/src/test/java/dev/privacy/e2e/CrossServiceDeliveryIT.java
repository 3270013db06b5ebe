package dev.privacy.e2e;

import dev.privacy.platform.infra.Ports;
import dev.privacy.platform.infra.ServiceProcess;
import dev.privacy.platform.events.EventSchemas;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Foundation proof across processes: an event committed through member-service's outbox reaches
 * consent-service's inbox exactly once, even when member-service is killed between the commit and
 * the publish.
 */
class CrossServiceDeliveryIT {

    private final PlatformUnderTest platform = PlatformUnderTest.get();

    @Test
    void eventCommittedByAKilledServiceIsPublishedAfterRestartAndHandledExactlyOnceDownstream() {
        platform.stopSharedMember(); // the only member-service on the member database while this runs
        int port = Ports.free();
        // 1. member-service commits sign-ups but cannot publish: its relay is off.
        ServiceProcess member = platform.memberService(port).env("PLATFORM_RELAY_ENABLED", "false").start()
                .awaitReady(PlatformUnderTest.READY);
        UUID memberId = signUp(member.baseUrl());
        long pending = platform.count("member", "SELECT count(*) FROM outbox_event WHERE aggregateid = ?", memberId.toString());
        assertThat(pending).as("MemberRegistered committed to the outbox, not yet published").isPositive();

        // 2. Killed (SIGKILL) between commit and publish.
        member.kill();
        assertThat(member.isAlive()).isFalse();

        // 3. Restarted with its relay on: the committed event is published.
        ServiceProcess restarted = platform.memberService(port).start().awaitReady(PlatformUnderTest.READY);
        try {
            String consent = platform.service("consent-service").baseUrl();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(DevTokens.member(memberId))
                            .when().get(consent + "/v1/members/{id}/consent-ledger", memberId)
                            .then().statusCode(200));
            assertThat(platform.count("member", "SELECT count(*) FROM outbox_event WHERE aggregateid = ?", memberId.toString()))
                    .as("outbox rows removed after the broker acknowledged them").isZero();
            assertThat(platform.count("consent", "SELECT count(*) FROM consent_subject WHERE member_id = ?", memberId))
                    .isEqualTo(1);
            assertThat(platform.count("consent", "SELECT count(*) FROM inbox_event WHERE type = 'MemberRegistered.v1' "
                    + "AND event_id = (SELECT registered_event FROM consent_subject WHERE member_id = ?)", memberId))
                    .as("the MemberRegistered event in consent-service's inbox exactly once").isEqualTo(1);

            // The audit log saw the same event once too.
            String audit = platform.service("audit-log-service").baseUrl();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(Members.auditTypes(audit, memberId)).filteredOn("MemberRegistered.v1"::equals).hasSize(1));
            assertEveryPublishedEventMatchesItsSchema();
        } finally {
            restarted.stop();
        }
    }

    /** The contract check on what the services really produced, not on hand-made samples. */
    private void assertEveryPublishedEventMatchesItsSchema() {
        try (TopicProbe probe = TopicProbe.of(platform.kafka.bootstrapServers(), Topics.MEMBER_EVENTS,
                Topics.ACCESS_RECORDS, Topics.AUDIT_COMPLIANCE)) {
            var records = probe.drain(Duration.ofSeconds(20));
            assertThat(records).isNotEmpty();
            for (var record : records) {
                var event = TopicProbe.cloudEvent(record);
                assertThat(EventSchemas.validate(event.getType(), event.getData().toBytes()))
                        .as("%s %s from %s", event.getType(), event.getId(), event.getSource()).isEmpty();
                assertThat(record.key()).as("Kafka key equals ce_subject").isEqualTo(event.getSubject());
            }
        }
    }

    private static UUID signUp(String baseUrl) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"name":"E2E Person","loginId":"e2e_%s","password":"correct-horse-%s","mobile":"010-1234-5678",
                 "email":"e2e_%s@example.com","over14":true}""".formatted(suffix, suffix, suffix);
        String id = given().contentType(ContentType.JSON).body(body)
                .when().post(baseUrl + "/v1/members")
                .then().statusCode(201).extract().jsonPath().getString("memberId");
        return UUID.fromString(id);
    }
}

package dev.privacy.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.disclosure.CorrectionNoticeSent;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * P14: recipients that received a corrected field are notified with the corrected value, read at
 * send time, signed, retried with backoff until acknowledged, escalated when not acknowledged in
 * time — against real HTTP receivers started by the test.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class CorrectionNoticeTest {

    @Inject
    DataSource db;

    @Test
    void P14_onlyRecipientsThatReceivedACorrectedFieldAreNotifiedWithTheCorrectedValueSigned() {
        UUID member = UUID.randomUUID();
        UUID correction = UUID.randomUUID();
        try (RecipientReceiver gotEmail = RecipientReceiver.acknowledging();
             RecipientReceiver gotName = RecipientReceiver.acknowledging();
             TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            TestDisclosures.Executed emailRecipient = TestDisclosures.executedConsentDisclosure(db, gotEmail.url(), member,
                    List.of("name", "email"));
            TestDisclosures.executedConsentDisclosure(db, gotName.url(), member, List.of("name"));

            // the correction is applied in the member-service: the stand-in now answers the new value
            MemberServiceStandIn.get().setValue(member, "email", "corrected-" + member + "@example.com");
            TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER,
                    new CorrectionApplied(member, correction, List.of("email", "mobile"), Instant.now()));

            await().atMost(Duration.ofSeconds(30)).until(() -> gotEmail.of("correction-notice").size() == 1);
            RecipientReceiver.Delivery notice = gotEmail.of("correction-notice").get(0);
            assertThat(notice.signature()).isEqualTo(RecipientReceiver.expectedSignature(notice.body()));
            JsonNode body = TestDisclosures.json(notice.body());
            assertThat(body.path("correctionId").asText()).isEqualTo(correction.toString());
            assertThat(body.path("correctedFields").size()).isEqualTo(1);
            assertThat(body.path("correctedFields").path("email").asText()).isEqualTo("corrected-" + member + "@example.com");

            JsonNode sent = TestDisclosures.events(probe, CorrectionNoticeSent.class, member, 1).get(0);
            assertThat(sent.path("recipientId").asText()).isEqualTo(emailRecipient.recipientId().toString());
            assertThat(sent.path("fields").toString()).isEqualTo("[\"email\"]");
            assertThat(sent.path("correctionId").asText()).isEqualTo(correction.toString());
            for (ConsumerRecord<String, byte[]> r : probe.seen()) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("corrected-" + member);
            }
            java.nio.file.Path log = java.nio.file.Path.of("target/quarkus-test.log");
            if (java.nio.file.Files.exists(log)) {
                assertThat(readString(log)).doesNotContain("corrected-" + member);
            }
            // the recipient that never received the e-mail address gets nothing
            assertThat(gotName.of("correction-notice")).isEmpty();
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM correction_notice WHERE member_id = ?", member)).isEqualTo(1);
        }
    }

    private static String readString(java.nio.file.Path path) {
        try {
            return java.nio.file.Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void P14_aNoticeIsRetriedWithBackoffUntilAcknowledgedAndEachAttemptIsRecorded() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver flaky = RecipientReceiver.failingFirst(2);
             TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            TestDisclosures.executedConsentDisclosure(db, flaky.url(), member, List.of("mobile"));
            TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER,
                    new CorrectionApplied(member, null, List.of("mobile"), Instant.now()));

            await().atMost(Duration.ofSeconds(30)).until(() -> TestDisclosures.count(db,
                    "SELECT count(*) FROM correction_notice WHERE member_id = ? AND status = 'ACKNOWLEDGED'", member) == 1);
            assertThat(flaky.of("correction-notice")).extracting(RecipientReceiver.Delivery::answered)
                    .containsExactly(500, 500, 200);
            // every copy carries the same notice ID, so the recipient can recognise a repeat
            assertThat(flaky.of("correction-notice").stream().map(RecipientReceiver.Delivery::messageId).distinct()).hasSize(1);

            String noticeId = TestDisclosures.string(db, "SELECT id::text FROM correction_notice WHERE member_id = ?", member);
            JsonPath notice = given().auth().oauth2(TestDisclosures.officer("x")).when()
                    .get("/v1/correction-notices/" + noticeId).then().statusCode(200).extract().jsonPath();
            assertThat(notice.getList("attemptLog.outcome"))
                    .containsExactly("RECIPIENT_HTTP_500", "RECIPIENT_HTTP_500", "ACKNOWLEDGED");
            assertThat(notice.getString("status")).isEqualTo("ACKNOWLEDGED");
            List<String> at = notice.getList("attemptLog.attemptedAt");
            Duration first = Duration.between(Instant.parse(at.get(0)), Instant.parse(at.get(1)));
            Duration second = Duration.between(Instant.parse(at.get(1)), Instant.parse(at.get(2)));
            // backoff: 300 ms after the first failure, 600 ms after the second (test settings; the loop runs each second)
            assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(600));

            probe.pollUntil(r -> false, Duration.ofSeconds(1));
            assertThat(TestDisclosures.ofType(probe.seen(), CorrectionNoticeSent.class, member)).hasSize(1);
        }
    }

    @Test
    void P14_aNoticeNotAcknowledgedInTimeIsEscalatedToThePrivacyDeskAndStillRetried() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver down = RecipientReceiver.neverAcknowledging()) {
            TestDisclosures.executedConsentDisclosure(db, down.url(), member, List.of("email"));
            TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER,
                    new CorrectionApplied(member, UUID.randomUUID(), List.of("email"), Instant.now()));
            // test setting: escalated after 4 s
            await().atMost(Duration.ofSeconds(30)).until(() -> TestDisclosures.count(db,
                    "SELECT count(*) FROM correction_notice WHERE member_id = ? AND escalated", member) == 1);
            String noticeId = TestDisclosures.string(db, "SELECT id::text FROM correction_notice WHERE member_id = ?", member);
            List<String> escalated = given().auth().oauth2(TestDisclosures.officer("desk")).when()
                    .get("/v1/correction-notices?escalated=true").then().statusCode(200).extract().jsonPath().getList("id");
            assertThat(escalated).contains(noticeId);
            assertThat(TestDisclosures.string(db, "SELECT status FROM correction_notice WHERE id = ?::uuid", noticeId))
                    .isEqualTo("PENDING");
            assertThat(down.of("correction-notice").size()).isGreaterThanOrEqualTo(2);
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM correction_notice_attempt WHERE notice_id = ?::uuid",
                    noticeId)).isGreaterThanOrEqualTo(2);
        }
    }
}

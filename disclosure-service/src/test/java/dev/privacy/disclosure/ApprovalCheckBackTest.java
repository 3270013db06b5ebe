package dev.privacy.disclosure;

import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What the member-service's check-back of every release needs here (P10): the approval time on the
 * disclosure, correction notices readable by the member-service (and no other service), the notice's
 * own ID on the read of corrected values, and a refused approval ending the disclosure instead of
 * being retried; an approval older than its validity is not executed any more.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class ApprovalCheckBackTest {

    @Inject
    DataSource db;

    @Test
    void anApprovedDisclosureCarriesItsApprovalTimeForTheCheckBack() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            TestDisclosures.Executed executed = TestDisclosures.executedConsentDisclosure(db, receiver.url(), member, List.of("email"));
            String approvedAt = given().auth().oauth2(DevTokens.service("member-service")).when()
                    .get("/v1/disclosures/" + executed.disclosureId()).then().statusCode(200)
                    .body("status", equalTo("EXECUTED")).body("memberId", equalTo(member.toString()))
                    .body("fields", equalTo(List.of("email"))).body("purpose", equalTo("THIRD_PARTY_PROVISION"))
                    .body("approvedAt", notNullValue()).extract().path("approvedAt");
            String officersApproval = given().auth().oauth2(TestDisclosures.officer("x")).when()
                    .get("/v1/disclosures/" + executed.disclosureId()).then().statusCode(200)
                    .extract().path("approvals[0].approvedAt");
            assertThat(Instant.parse(approvedAt)).isEqualTo(Instant.parse(officersApproval));
        }
    }

    @Test
    void aCorrectionNoticeIsReadByItsOwnIdAndOnlyTheMemberServiceOfTheServicesSeesIt() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            TestDisclosures.Executed executed = TestDisclosures.executedConsentDisclosure(db, receiver.url(), member, List.of("email"));
            TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER,
                    new CorrectionApplied(member, UUID.randomUUID(), List.of("email"), Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.of("correction-notice").size() == 1);
            String noticeId = TestDisclosures.string(db, "SELECT id::text FROM correction_notice WHERE member_id = ?", member);
            // the receiver has the notice before the sender has recorded its acknowledgement
            await().atMost(Duration.ofSeconds(30)).until(() -> "ACKNOWLEDGED".equals(
                    TestDisclosures.string(db, "SELECT status FROM correction_notice WHERE member_id = ?", member)));

            // the corrected values were read under the notice, not under the executed disclosure
            var noticeRead = MemberServiceStandIn.get().callsFor(member).get(1);
            assertThat(noticeRead.query()).containsEntry("noticeId", noticeId).doesNotContainKey("disclosureId")
                    .containsEntry("fields", "email").containsEntry("purpose", "THIRD_PARTY_PROVISION");

            given().auth().oauth2(DevTokens.service("member-service")).when().get("/v1/correction-notices/" + noticeId)
                    .then().statusCode(200).body("memberId", equalTo(member.toString()))
                    .body("disclosureId", equalTo(executed.disclosureId().toString()))
                    .body("purpose", equalTo("THIRD_PARTY_PROVISION")).body("fields", equalTo(List.of("email")))
                    .body("status", equalTo("ACKNOWLEDGED"));
            for (String service : List.of("consent-service", "partner-gateway", "disclosure-service")) {
                given().auth().oauth2(DevTokens.service(service)).when().get("/v1/correction-notices/" + noticeId)
                        .then().statusCode(403).contentType("application/problem+json");
            }
            given().auth().oauth2(DevTokens.service("member-service")).when().get("/v1/correction-notices")
                    .then().statusCode(403);
        }
    }

    @Test
    void anApprovalTheMemberServiceRefusesEndsTheDisclosureWithItsReason() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging();
             TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            UUID recipient = TestDisclosures.registerPartner(receiver.url(), List.of("email"));
            TestDisclosures.grantConsent(db, member, recipient);
            UUID id = TestDisclosures.requested(DevTokens.service("partner-gateway"),
                    TestDisclosures.consentRequest(recipient, member, List.of("email")));
            MemberServiceStandIn.get().answerProblem(member, 409, "approval-expired");
            TestDisclosures.approve(TestDisclosures.OFFICER_A, id).then().statusCode(200)
                    .body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("APPROVAL_EXPIRED"));
            assertThat(TestDisclosures.events(probe, DisclosureRejected.class, member, 1).get(0).path("reason").asText())
                    .isEqualTo("APPROVAL_EXPIRED");
            assertThat(receiver.deliveries()).isEmpty();
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_ledger WHERE member_id = ?", member)).isZero();
        }
    }

    @Test
    void anApprovalTheMemberServiceCannotVerifyIsRetriedAndPastItsValidityNoLongerExecuted() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            UUID recipient = TestDisclosures.registerPartner(receiver.url(), List.of("email"));
            TestDisclosures.grantConsent(db, member, recipient);
            UUID id = TestDisclosures.requested(DevTokens.service("partner-gateway"),
                    TestDisclosures.consentRequest(recipient, member, List.of("email")));
            MemberServiceStandIn.get().answerProblem(member, 503, "approval-unverifiable");
            TestDisclosures.approve(TestDisclosures.OFFICER_A, id).then().statusCode(200)
                    .body("status", equalTo("APPROVED")).body("lastError", equalTo("MEMBER_SERVICE_503"));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    TestDisclosures.count(db, "SELECT attempts FROM disclosure_request WHERE id = ?", id) >= 2);
            assertThat(TestDisclosures.string(db, "SELECT status FROM disclosure_request WHERE id = ?", id)).isEqualTo("APPROVED");

            // privacy.disclosure.execution.approval-validity is 15 minutes: past it, no further attempt
            given().auth().oauth2(DevTokens.staff("ops")).contentType(ContentType.JSON).body(Map.of("by", "PT16M"))
                    .when().post("/v1/ops/clock/advance").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "REJECTED".equals(TestDisclosures.string(db, "SELECT status FROM disclosure_request WHERE id = ?", id)));
            assertThat(TestDisclosures.string(db, "SELECT rejection_reason FROM disclosure_request WHERE id = ?", id))
                    .isEqualTo("APPROVAL_EXPIRED");
            assertThat(receiver.deliveries()).isEmpty();
        }
    }
}

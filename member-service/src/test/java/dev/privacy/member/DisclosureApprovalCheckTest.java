package dev.privacy.member;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The member-service verifies every disclosure release itself (P10): the approval is checked back
 * against the disclosure-service (here a stand-in) with the member-service's own token, and only
 * the approved fields of the approved member for the approved purpose leave, once, while the
 * approval is fresh. A replayed, altered, unknown or expired approval is refused, and so is every
 * release while the approval cannot be verified. A refusal reads nothing and leaves no access record.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
@QuarkusTestResource(DisclosureServiceStandIn.class)
class DisclosureApprovalCheckTest {

    private static final String DISCLOSURE_SERVICE = DevTokens.service("disclosure-service");
    private static final String PROBLEM = "urn:privacy-platform:problem:";

    @Inject
    Clock clock;

    @Test
    void P10_anApprovedDisclosureReleasesExactlyTheApprovedFieldsCheckedBackWithTheMemberServicesOwnToken() {
        TestMembers.Member m = TestMembers.newMember();
        UUID approval = DisclosureServiceStandIn.approvedProvision(m.id(), "name", "email");
        Map<String, Object> fields = release(m.id(), "name,email", "THIRD_PARTY_PROVISION", approval).statusCode(200)
                .body("fields.name", equalTo("Kim Minji"))
                .body("fields.email", equalTo(m.loginId() + "@example.com"))
                .extract().path("fields");
        assertThat(fields).containsOnlyKeys("name", "email");
        // a part of the approved fields is within the approval too
        Map<String, Object> part = release(m.id(), "email", "THIRD_PARTY_PROVISION", approval).statusCode(200)
                .extract().path("fields");
        assertThat(part).containsOnlyKeys("email");
        assertThat(DisclosureServiceStandIn.get().callsFor(approval)).as("checked back on every release").hasSize(2)
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo("member-service"));
    }

    @Test
    void P10_fieldsBeyondTheApprovalAreRefusedNamingThem() {
        TestMembers.Member m = TestMembers.newMember();
        UUID approval = DisclosureServiceStandIn.approvedProvision(m.id(), "email");
        release(m.id(), "name,mobile,email", "THIRD_PARTY_PROVISION", approval).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "approval-fields-exceeded"))
                .body("violations.field", equalTo(List.of("name", "mobile")));
    }

    @Test
    void P10_anApprovalOfAnotherMemberOrForAnotherPurposeIsRefused() {
        TestMembers.Member m = TestMembers.newMember();
        TestMembers.Member other = TestMembers.newMember();
        UUID othersApproval = DisclosureServiceStandIn.approvedProvision(other.id(), "email");
        release(m.id(), "email", "THIRD_PARTY_PROVISION", othersApproval).statusCode(403)
                .body("type", equalTo(PROBLEM + "approval-mismatch"))
                .body("violations.field", equalTo(List.of("memberId")));
        // a consented provision's approval does not become a lawful disclosure by changing the purpose
        UUID provision = DisclosureServiceStandIn.approvedProvision(m.id(), "email");
        release(m.id(), "email", "LAWFUL_DISCLOSURE", provision).statusCode(403)
                .body("type", equalTo(PROBLEM + "approval-mismatch"))
                .body("violations.field", equalTo(List.of("purpose")));
    }

    @Test
    void P10_aRejectedOrStillPendingDisclosureReleasesNothing() {
        TestMembers.Member m = TestMembers.newMember();
        for (String status : List.of("REJECTED", "PENDING")) {
            UUID d = DisclosureServiceStandIn.get().disclosure(m.id(), Purpose.THIRD_PARTY_PROVISION, "CONSENT", status,
                    status.equals("PENDING") ? null : clock.instant(), "email");
            release(m.id(), "email", "THIRD_PARTY_PROVISION", d).statusCode(409)
                    .body("type", equalTo(PROBLEM + "approval-not-approved"));
        }
    }

    @Test
    void P10_anExecutedDisclosureIsNotReleasedAgainSoAReplayIsRefused() {
        TestMembers.Member m = TestMembers.newMember();
        UUID approval = DisclosureServiceStandIn.approvedProvision(m.id(), "email");
        release(m.id(), "email", "THIRD_PARTY_PROVISION", approval).statusCode(200);
        // the disclosure-service recorded the release (EXECUTED): the same request again is a replay
        DisclosureServiceStandIn.get().setStatus(approval, "EXECUTED");
        release(m.id(), "email", "THIRD_PARTY_PROVISION", approval).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "approval-used"));
    }

    @Test
    void P10_anUnknownDisclosureIsRefused() {
        TestMembers.Member m = TestMembers.newMember();
        release(m.id(), "email", "THIRD_PARTY_PROVISION", UUID.randomUUID()).statusCode(403)
                .body("type", equalTo(PROBLEM + "approval-unknown"))
                .body("violations.field", equalTo(List.of("disclosureId")));
    }

    @Test
    void P10_anApprovalOlderThanItsValidityIsRefusedAndAFreshOneIsNot() {
        TestMembers.Member m = TestMembers.newMember();
        // member.disclosure.approval-validity is PT15M
        UUID stale = DisclosureServiceStandIn.get().disclosure(m.id(), Purpose.THIRD_PARTY_PROVISION, "CONSENT", "APPROVED",
                clock.instant().minus(Duration.ofMinutes(16)), "email");
        release(m.id(), "email", "THIRD_PARTY_PROVISION", stale).statusCode(409)
                .body("type", equalTo(PROBLEM + "approval-expired"));
        UUID recent = DisclosureServiceStandIn.get().disclosure(m.id(), Purpose.THIRD_PARTY_PROVISION, "CONSENT", "APPROVED",
                clock.instant().minus(Duration.ofMinutes(14)), "email");
        release(m.id(), "email", "THIRD_PARTY_PROVISION", recent).statusCode(200);
    }

    @Test
    void P10_whileTheDisclosureServiceCannotBeReachedNothingIsReleased() {
        TestMembers.Member m = TestMembers.newMember();
        UUID approval = DisclosureServiceStandIn.approvedProvision(m.id(), "email");
        DisclosureServiceStandIn.get().goDown();
        try {
            release(m.id(), "email", "THIRD_PARTY_PROVISION", approval).statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEM + "approval-unverifiable"));
        } finally {
            DisclosureServiceStandIn.get().comeBack();
        }
        release(m.id(), "email", "THIRD_PARTY_PROVISION", approval).statusCode(200);
    }

    @Test
    void P14_aPendingCorrectionNoticeReadsItsCorrectedFieldsUnderItsOwnReferenceAndOnlyOnce() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            UUID notice = DisclosureServiceStandIn.notice(m.id(), Purpose.THIRD_PARTY_PROVISION, "PENDING", "email");
            Map<String, Object> fields = notice(m.id(), "email", notice).statusCode(200)
                    .body("fields.email", equalTo(m.loginId() + "@example.com")).extract().path("fields");
            assertThat(fields).containsOnlyKeys("email");
            List<JsonNode> records = releases(probe.pollUntil(r -> !releases(r, m.id()).isEmpty(), Duration.ofSeconds(20)),
                    m.id());
            assertThat(records).singleElement().satisfies(r ->
                    assertThat(r.path("reference").asText()).isEqualTo(notice.toString()));

            notice(m.id(), "name,email", notice).statusCode(403)
                    .body("type", equalTo(PROBLEM + "approval-fields-exceeded"))
                    .body("violations.field", equalTo(List.of("name")));
            UUID acknowledged = DisclosureServiceStandIn.notice(m.id(), Purpose.THIRD_PARTY_PROVISION, "ACKNOWLEDGED", "email");
            notice(m.id(), "email", acknowledged).statusCode(409).body("type", equalTo(PROBLEM + "approval-used"));
            notice(m.id(), "email", UUID.randomUUID()).statusCode(403).body("type", equalTo(PROBLEM + "approval-unknown"))
                    .body("violations.field", equalTo(List.of("noticeId")));
        }
    }

    @Test
    void P10_P14_aReleaseServesOneDisclosureOrOneNoticeNeverBoth() {
        TestMembers.Member m = TestMembers.newMember();
        given().auth().oauth2(DISCLOSURE_SERVICE).queryParam("fields", "email").queryParam("purpose", "THIRD_PARTY_PROVISION")
                .queryParam("disclosureId", DisclosureServiceStandIn.approvedProvision(m.id(), "email").toString())
                .queryParam("noticeId", UUID.randomUUID().toString())
                .get("/v1/members/" + m.id() + "/disclosure-view").then().statusCode(400)
                .body("violations[0].field", equalTo("noticeId"));
        given().auth().oauth2(DISCLOSURE_SERVICE).queryParam("fields", "email").queryParam("purpose", "THIRD_PARTY_PROVISION")
                .queryParam("noticeId", "notice-7").get("/v1/members/" + m.id() + "/disclosure-view").then().statusCode(400)
                .body("violations[0].field", equalTo("noticeId"));
    }

    @Test
    void P02_P10_noRefusedReleaseLeavesAnAccessRecord() {
        TestMembers.Member m = TestMembers.newMember();
        TestMembers.Member other = TestMembers.newMember();
        DisclosureServiceStandIn standIn = DisclosureServiceStandIn.get();
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            UUID executed = standIn.disclosure(m.id(), Purpose.THIRD_PARTY_PROVISION, "CONSENT", "EXECUTED", clock.instant(), "email");
            release(m.id(), "email", "THIRD_PARTY_PROVISION", executed).statusCode(409);
            release(m.id(), "name,email", "THIRD_PARTY_PROVISION", DisclosureServiceStandIn.approvedProvision(m.id(), "email"))
                    .statusCode(403);
            release(m.id(), "email", "THIRD_PARTY_PROVISION", DisclosureServiceStandIn.approvedProvision(other.id(), "email"))
                    .statusCode(403);
            release(m.id(), "email", "THIRD_PARTY_PROVISION", UUID.randomUUID()).statusCode(403);
            standIn.goDown();
            try {
                release(m.id(), "email", "THIRD_PARTY_PROVISION", DisclosureServiceStandIn.approvedProvision(m.id(), "email"))
                        .statusCode(503);
            } finally {
                standIn.comeBack();
            }
            // the one approved release afterwards: once its record is on the topic, an earlier one would be too
            UUID approved = DisclosureServiceStandIn.approvedProvision(m.id(), "email");
            release(m.id(), "email", "THIRD_PARTY_PROVISION", approved).statusCode(200);
            probe.pollUntil(r -> !releases(r, m.id()).isEmpty(), Duration.ofSeconds(20));
            probe.drain(Duration.ofSeconds(2));
            assertThat(releases(probe.seen(), m.id())).as("only the approved release is recorded").singleElement()
                    .satisfies(r -> assertThat(r.path("reference").asText()).isEqualTo(approved.toString()));
        }
    }

    private static ValidatableResponse release(UUID memberId, String fields, String purpose, UUID disclosureId) {
        return given().auth().oauth2(DISCLOSURE_SERVICE).queryParam("fields", fields).queryParam("purpose", purpose)
                .queryParam("disclosureId", disclosureId.toString())
                .get("/v1/members/" + memberId + "/disclosure-view").then();
    }

    private static ValidatableResponse notice(UUID memberId, String fields, UUID noticeId) {
        return given().auth().oauth2(DISCLOSURE_SERVICE).queryParam("fields", fields)
                .queryParam("purpose", "THIRD_PARTY_PROVISION").queryParam("noticeId", noticeId.toString())
                .get("/v1/members/" + memberId + "/disclosure-view").then();
    }

    /** The member's access records of disclosure releases (READ for a disclosure purpose). */
    private static List<JsonNode> releases(List<ConsumerRecord<String, byte[]>> records, UUID memberId) {
        return TestMembers.ofType(records, AccessRecorded.class, memberId).stream().map(TestMembers::json)
                .filter(j -> "READ".equals(j.path("action").asText()))
                .filter(j -> List.of("THIRD_PARTY_PROVISION", "LAWFUL_DISCLOSURE").contains(j.path("purpose").asText()))
                .toList();
    }
}

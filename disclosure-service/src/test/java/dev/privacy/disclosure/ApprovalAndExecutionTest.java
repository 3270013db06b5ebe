package dev.privacy.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.disclosure.DisclosureApproved;
import dev.privacy.platform.events.disclosure.DisclosureExecuted;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Approvals and execution (P10): two different officers, neither the requester, for a lawful
 * request; then exactly the approved fields are read from the member-service (stand-in), delivered
 * signed, and recorded in the ledger with the hash of what was sent.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class ApprovalAndExecutionTest {

    @Inject
    DataSource db;

    @Test
    void P10_aLawfulRequestNeedsTwoDifferentOfficersNeitherTheRequesterThenExactlyTheApprovedFieldsAreDelivered()
            throws Exception {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging();
             TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS);
             TopicProbe accessRecords = TestDisclosures.probe(Topics.ACCESS_RECORDS)) {
            UUID agency = TestDisclosures.registerAgency(receiver.url(), List.of("name", "loginId", "mobile", "email"));
            UUID id = TestDisclosures.requested(TestDisclosures.officer(TestDisclosures.OFFICER_A),
                    TestDisclosures.lawfulRequest(agency, member, List.of("mobile", "name"), null));

            TestDisclosures.approve(TestDisclosures.OFFICER_A, id).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:privacy-platform:problem:requester-cannot-approve"));
            TestDisclosures.approve(TestDisclosures.OFFICER_B, id).then().statusCode(200)
                    .body("status", equalTo("PENDING")).body("approvals.officer", equalTo(List.of(TestDisclosures.OFFICER_B)));
            TestDisclosures.approve(TestDisclosures.OFFICER_B, id).then().statusCode(409)
                    .body("type", equalTo("urn:privacy-platform:problem:already-approved"));
            given().auth().oauth2(DevTokens.service("partner-gateway")).when().post("/v1/disclosures/" + id + "/approvals")
                    .then().statusCode(403);
            assertThat(receiver.deliveries()).isEmpty();
            assertThat(MemberServiceStandIn.get().callsFor(member)).isEmpty();

            TestDisclosures.approve(TestDisclosures.OFFICER_C, id).then().statusCode(200)
                    .body("status", equalTo("EXECUTED")).body("approvals.size()", equalTo(2));

            // the member-service was asked for exactly the approved fields, by disclosure-service, naming the disclosure
            var calls = MemberServiceStandIn.get().callsFor(member);
            assertThat(calls).singleElement().satisfies(c -> {
                assertThat(c.path()).isEqualTo("/v1/members/" + member + "/disclosure-view");
                assertThat(c.query()).containsEntry("fields", "name,mobile").containsEntry("purpose", "LAWFUL_DISCLOSURE")
                        .containsEntry("disclosureId", id.toString());
                assertThat(c.subject()).isEqualTo("disclosure-service");
            });

            // delivered once, signed over the exact body, carrying exactly those fields
            var delivery = receiver.of("disclosure");
            assertThat(delivery).hasSize(1);
            byte[] body = delivery.get(0).body();
            assertThat(delivery.get(0).signature()).isEqualTo(RecipientReceiver.expectedSignature(body));
            JsonNode sent = TestDisclosures.json(body);
            assertThat(sent.path("disclosureId").asText()).isEqualTo(id.toString());
            assertThat(sent.path("fields").size()).isEqualTo(2);
            assertThat(sent.path("fields").path("name").asText()).isEqualTo(MemberServiceStandIn.defaultValue(member, "name"));
            assertThat(sent.path("fields").path("mobile").asText()).isEqualTo(MemberServiceStandIn.defaultValue(member, "mobile"));
            assertThat(sent.path("legalReference").asText()).isEqualTo("Criminal Procedure Act Art. 199(2)");

            // the ledger: recipient, member, fields, basis, time, SHA-256 of what was sent
            assertThat(TestDisclosures.string(db, "SELECT payload_sha256 FROM disclosure_ledger WHERE disclosure_id = ?", id))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            assertThat(TestDisclosures.string(db, "SELECT fields || '|' || basis || '|' || recipient_id FROM disclosure_ledger "
                    + "WHERE disclosure_id = ?", id)).isEqualTo("name,mobile|LAWFUL_REQUEST|" + agency);

            JsonNode approved = TestDisclosures.events(probe, DisclosureApproved.class, member, 1).get(0);
            assertThat(approved.path("approvals").asInt()).isEqualTo(2);
            JsonNode executed = TestDisclosures.events(probe, DisclosureExecuted.class, member, 1).get(0);
            assertThat(executed.path("fields").toString()).isEqualTo("[\"name\",\"mobile\"]");
            // P02: the release is an access record naming the fields, the purpose and the disclosure it served
            List<JsonNode> releases = accessRecords.pollUntil(r -> TestDisclosures.ofType(r, AccessRecorded.class, member)
                            .stream().map(TestDisclosures::json).anyMatch(j -> "EXPORT".equals(j.path("action").asText())),
                    Duration.ofSeconds(30)).stream().filter(r -> TestDisclosures.ofType(List.of(r), AccessRecorded.class, member).size() == 1)
                    .map(TestDisclosures::json).filter(j -> "EXPORT".equals(j.path("action").asText())).toList();
            assertThat(releases).singleElement().satisfies(j -> {
                assertThat(j.path("fields").toString()).isEqualTo("[\"name\",\"mobile\"]");
                assertThat(j.path("purpose").asText()).isEqualTo("LAWFUL_DISCLOSURE");
                assertThat(j.path("reference").asText()).isEqualTo(id.toString());
                assertThat(j.path("service").asText()).isEqualTo("disclosure-service");
            });
            // rule 2: field names travel, values never (events and log)
            for (ConsumerRecord<String, byte[]> r : probe.seen()) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("-of-" + member);
            }
            Path log = Path.of("target/quarkus-test.log");
            if (Files.exists(log)) {
                assertThat(Files.readString(log)).doesNotContain("-of-" + member);
            }
        }
    }

    @Test
    void P10_aConsentedProvisionNeedsOneOfficerAndAWithdrawnMembersLawfulReadGoesToTheSeparatedStore() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            TestDisclosures.Executed done = TestDisclosures.executedConsentDisclosure(db, receiver.url(), member, List.of("email"));
            assertThat(MemberServiceStandIn.get().callsFor(member)).singleElement()
                    .satisfies(c -> assertThat(c.query()).containsEntry("purpose", "THIRD_PARTY_PROVISION")
                            .containsEntry("fields", "email").containsEntry("disclosureId", done.disclosureId().toString()));
            assertThat(receiver.of("disclosure")).hasSize(1);

            UUID withdrawn = UUID.randomUUID();
            TestDisclosures.withdrawMembership(db, withdrawn);
            UUID agency = TestDisclosures.registerAgency(receiver.url(), List.of("name"));
            UUID lawful = TestDisclosures.requested(TestDisclosures.officer(TestDisclosures.OFFICER_A),
                    TestDisclosures.lawfulRequest(agency, withdrawn, List.of("name"), null));
            TestDisclosures.approve(TestDisclosures.OFFICER_B, lawful).then().statusCode(200);
            TestDisclosures.approve(TestDisclosures.OFFICER_C, lawful).then().statusCode(200).body("status", equalTo("EXECUTED"));
            assertThat(MemberServiceStandIn.get().callsFor(withdrawn)).singleElement()
                    .satisfies(c -> assertThat(c.path()).isEqualTo("/v1/separated-members/" + withdrawn + "/lawful-disclosure"));
        }
    }

    @Test
    void P15_aConsentWithdrawnBeforeApprovalStopsTheProvision() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging();
             TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            UUID recipient = TestDisclosures.registerPartner(receiver.url(), List.of("email"));
            UUID consent = TestDisclosures.grantConsent(db, member, recipient);
            UUID id = TestDisclosures.requested(DevTokens.service("partner-gateway"),
                    TestDisclosures.consentRequest(recipient, member, List.of("email")));
            TestDisclosures.publish(Topics.CONSENT_EVENTS, Services.CONSENT, new ConsentWithdrawn(consent, member, null,
                    Purpose.THIRD_PARTY_PROVISION, recipient, Instant.now()));
            TestDisclosures.awaitCount(db, "SELECT count(*) FROM live_consent WHERE consent_id = ? AND withdrawn_at IS NOT NULL", consent, 1);
            TestDisclosures.approve(TestDisclosures.OFFICER_A, id).then().statusCode(200)
                    .body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("CONSENT_WITHDRAWN"));
            assertThat(receiver.deliveries()).isEmpty();
            assertThat(MemberServiceStandIn.get().callsFor(member)).isEmpty();
            assertThat(TestDisclosures.events(probe, DisclosureRejected.class, member, 1).get(0).path("reason").asText())
                    .isEqualTo("CONSENT_WITHDRAWN");
        }
    }

    @Test
    void P13_aRestrictionTheMemberServiceReportsAtReleaseRejectsTheDisclosure() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            UUID recipient = TestDisclosures.registerPartner(receiver.url(), List.of("email"));
            TestDisclosures.grantConsent(db, member, recipient);
            UUID id = TestDisclosures.requested(DevTokens.service("partner-gateway"),
                    TestDisclosures.consentRequest(recipient, member, List.of("email")));
            MemberServiceStandIn.get().answer(member, 409);
            TestDisclosures.approve(TestDisclosures.OFFICER_A, id).then().statusCode(200)
                    .body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("FIELDS_RESTRICTED"));
            assertThat(receiver.deliveries()).isEmpty();
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_ledger WHERE member_id = ?", member)).isZero();
        }
    }

    @Test
    void P10_anUnreachableMemberServiceOrRecipientIsRetriedWithBackoffUntilDelivered() {
        UUID member = UUID.randomUUID();
        UUID recipient = TestDisclosures.registerPartner("http://127.0.0.1:9/nobody-listens", List.of("email"));
        TestDisclosures.grantConsent(db, member, recipient);
        UUID id = TestDisclosures.requested(DevTokens.service("partner-gateway"),
                TestDisclosures.consentRequest(recipient, member, List.of("email")));
        TestDisclosures.approve(TestDisclosures.OFFICER_A, id).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("lastError", equalTo("RECIPIENT_UNREACHABLE"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestDisclosures.count(db, "SELECT attempts FROM disclosure_request WHERE id = ?", id) >= 2);
        assertThat(TestDisclosures.string(db, "SELECT status FROM disclosure_request WHERE id = ?", id)).isEqualTo("APPROVED");
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_ledger WHERE disclosure_id = ?", id)).isZero();
    }

    @Test
    void anOfficerRejectsAPendingRequestWithAReasonCodeAndItCannotBeApprovedAfter() {
        UUID member = UUID.randomUUID();
        UUID agency = TestDisclosures.registerAgency("https://police.example/hook", List.of("name"));
        UUID id = TestDisclosures.requested(TestDisclosures.officer(TestDisclosures.OFFICER_A),
                TestDisclosures.lawfulRequest(agency, member, List.of("name"), null));
        given().auth().oauth2(TestDisclosures.officer(TestDisclosures.OFFICER_B)).contentType(ContentType.JSON)
                .body(Map.of("reason", "the warrant is not signed")).when().post("/v1/disclosures/" + id + "/rejection")
                .then().statusCode(400).body("violations.field", equalTo(List.of("reason")));
        given().auth().oauth2(TestDisclosures.officer(TestDisclosures.OFFICER_B)).contentType(ContentType.JSON)
                .body(Map.of("reason", "WARRANT_INVALID")).when().post("/v1/disclosures/" + id + "/rejection")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("rejectedBy", equalTo(TestDisclosures.OFFICER_B));
        TestDisclosures.approve(TestDisclosures.OFFICER_C, id).then().statusCode(409)
                .body("type", equalTo("urn:privacy-platform:problem:not-pending"));
        given().auth().oauth2(DevTokens.staff("compliance")).when().get("/v1/disclosures/" + id)
                .then().statusCode(200).body("rejectionReason", equalTo("WARRANT_INVALID"));
        given().auth().oauth2(TestDisclosures.officer("x")).when().get("/v1/disclosures?status=REJECTED")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id.toString()));
    }
}

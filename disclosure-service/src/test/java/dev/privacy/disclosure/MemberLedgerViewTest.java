package dev.privacy.disclosure;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The member sees who received which of their fields, when, on what basis (P10, P11) — their own only. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class MemberLedgerViewTest {

    @Inject
    DataSource db;

    @Test
    void P11_aMemberSeesWhoReceivedWhichFieldsOnWhatBasisAndAnotherMemberGets404() {
        UUID member = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            TestDisclosures.Executed done = TestDisclosures.executedConsentDisclosure(db, receiver.url(), member,
                    List.of("name", "email"));
            given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(200).body("$", hasSize(1))
                    .body("[0].disclosureId", equalTo(done.disclosureId().toString()))
                    .body("[0].recipient.id", equalTo(done.recipientId().toString()))
                    .body("[0].recipient.displayName", equalTo("Partner Insurance Co."))
                    .body("[0].fields", equalTo(List.of("name", "email")))
                    .body("[0].legalBasis", equalTo("CONSENT"))
                    .body("[0].disclosedAt", org.hamcrest.Matchers.notNullValue());
            given().auth().oauth2(DevTokens.member(UUID.randomUUID())).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(DevTokens.service("partner-gateway")).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(403);
        }
    }

    @Test
    void P10_aLawfulDisclosureUnderANonDisclosureOrderIsShownToTheMemberOnlyOnceTheOrderDateHasPassed() {
        UUID member = UUID.randomUUID();
        String ops = DevTokens.staff("ops");
        Instant serviceNow = Instant.parse(given().auth().oauth2(ops).when().get("/v1/ops/clock")
                .then().statusCode(200).extract().path("now"));
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging()) {
            UUID agency = TestDisclosures.registerAgency(receiver.url(), List.of("name"));
            UUID id = TestDisclosures.requested(TestDisclosures.officer(TestDisclosures.OFFICER_A),
                    TestDisclosures.lawfulRequest(agency, member, List.of("name"), serviceNow.plus(Duration.ofDays(2))));
            TestDisclosures.approve(TestDisclosures.OFFICER_B, id).then().statusCode(200);
            TestDisclosures.approve(TestDisclosures.OFFICER_C, id).then().statusCode(200).body("status", equalTo("EXECUTED"));

            given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(200).body("$", hasSize(0));
            // the privacy officer sees it, with the order's date
            given().auth().oauth2(TestDisclosures.officer("x")).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(200).body("$", hasSize(1)).body("[0].nondisclosureUntil", org.hamcrest.Matchers.notNullValue());

            given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("by", "P3D"))
                    .when().post("/v1/ops/clock/advance").then().statusCode(200);
            given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(200).body("$", hasSize(1))
                    .body("[0].disclosureId", equalTo(id.toString()))
                    .body("[0].legalBasis", equalTo("LAWFUL_REQUEST"))
                    .body("[0].authority", equalTo("Seoul Central District Prosecutors' Office"))
                    .body("[0].legalReference", equalTo("Criminal Procedure Act Art. 199(2)"));
        }
    }
}

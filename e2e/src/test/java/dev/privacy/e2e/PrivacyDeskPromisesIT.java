package dev.privacy.e2e;

import dev.privacy.e2e.Members.Member;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.privacy.e2e.Members.OFFICER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** P12, P20: the privacy desk records every request with its channel and deadline, and shows what is overdue. */
class PrivacyDeskPromisesIT {

    private final PlatformUnderTest platform = PlatformUnderTest.get();
    private final String member = platform.member().baseUrl();
    private final String audit = platform.service("audit-log-service").baseUrl();

    /** Nothing any e2e test put in so far has left through a topic or a log. */
    @AfterAll
    static void noPersonalValueEscapedThroughATopicOrALog() throws Exception {
        PersonalDataScan.assertNothingEscaped(PlatformUnderTest.get());
    }

    @Test
    void P12_aComplaintByWebAndARequestByPhoneAreRecordedWithChannelDeadlineAndStatusAndAnsweredByTheOfficer() {
        Member m = Members.signUpMarked(member, true);
        String web = given().auth().oauth2(m.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"COMPLAINT\",\"description\":\"Web-" + m.marker() + "\"}")
                .when().post(member + "/v1/privacy-desk/cases").then().statusCode(201)
                .body("channel", equalTo("WEB")).body("status", equalTo("OPEN")).extract().jsonPath().getString("caseId");
        String phone = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body("{\"kind\":\"ACCESS_REQUEST\",\"channel\":\"PHONE\",\"memberId\":\"" + m.id() + "\",\"description\":\"Phone-"
                        + m.marker() + "\"}")
                .when().post(member + "/v1/privacy-desk/cases").then().statusCode(201)
                .body("channel", equalTo("PHONE")).extract().jsonPath().getString("caseId");

        List<Map<String, Object>> open = given().auth().oauth2(OFFICER).queryParam("status", "open")
                .when().get(member + "/v1/privacy-desk/cases").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(open).filteredOn(c -> List.of(web, phone).contains(c.get("caseId"))).hasSize(2).allSatisfy(c -> {
            assertThat(c.get("dueAt")).isNotNull();
            assertThat(c.get("overdue")).isEqualTo(false);
            assertThat(c.get("description")).as("lists carry no texts").isNull();
        });

        // the officer acts: starts and answers the phone request; the member sees both cases and the answer
        given().auth().oauth2(OFFICER).when().post(member + "/v1/privacy-desk/cases/{id}/start", phone)
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body("{\"outcome\":\"FULFILLED\",\"resolutionNote\":\"Sent-"
                        + m.marker() + "\"}")
                .when().post(member + "/v1/privacy-desk/cases/{id}/resolve", phone)
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("outcome", equalTo("FULFILLED"));
        List<Map<String, Object>> mine = given().auth().oauth2(m.token()).when().get(member + "/v1/members/{id}/cases", m.id())
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(mine).extracting(c -> c.get("caseId")).containsExactlyInAnyOrder(web, phone);
        assertThat(mine).filteredOn(c -> phone.equals(c.get("caseId"))).singleElement()
                .satisfies(c -> assertThat(c.get("resolutionNote")).isEqualTo("Sent-" + m.marker()));

        // the desk's work is in the audit log: both receipts and the answer
        Members.awaitAudited(audit, m.id(), "ComplaintReceived.v1", "ComplaintResolved.v1");
        assertThat(Members.auditTypes(audit, m.id()).stream().filter("ComplaintReceived.v1"::equals)).hasSize(2);
    }

    @Test
    void P20_aCorrectionRequestIsDueInTenDaysAndShowsAsOverdueOnceTheyPass() {
        Member m = Members.signUpMarked(member, true);
        var correction = given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"fields\":[\"mobile\"]}")
                .when().post(member + "/v1/members/{id}/corrections", m.id()).then().statusCode(201).extract().jsonPath();
        String caseId = correction.getString("caseId");
        String correctionId = correction.getString("correctionId");
        Map<String, Object> desk = given().auth().oauth2(OFFICER).when().get(member + "/v1/privacy-desk/cases/{id}", caseId)
                .then().statusCode(200).body("kind", equalTo("CORRECTION_REQUEST")).extract().jsonPath().getMap("");
        assertThat(Duration.between(Instant.parse((String) desk.get("receivedAt")), Instant.parse((String) desk.get("dueAt"))))
                .isEqualTo(Duration.ofDays(10));
        assertThat(overdueCaseIds()).doesNotContain(caseId);

        Members.advanceClock(member, "P11D");
        try {
            assertThat(overdueCaseIds()).as("eleven days later").contains(caseId);
            // and alerted: the gauge an alert rule watches (> 0) counts it within its refresh period
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(overdueGauge()).isPositive());
            // answering it (the correction applied) takes it off the overdue list
            given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body("{\"changes\":{\"mobile\":\"+821099990000\"}}")
                    .when().post(member + "/v1/members/{id}/corrections/{cid}/apply", m.id(), correctionId)
                    .then().statusCode(200);
            assertThat(overdueCaseIds()).doesNotContain(caseId);
            given().auth().oauth2(OFFICER).when().get(member + "/v1/privacy-desk/cases/{id}", caseId)
                    .then().statusCode(200).body("status", equalTo("RESOLVED")).body("outcome", equalTo("FULFILLED"));
        } finally {
            Members.resetClock(member);
        }
    }

    private double overdueGauge() {
        String metrics = given().when().get(member + "/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("privacy_desk_overdue_cases"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private List<String> overdueCaseIds() {
        return given().auth().oauth2(OFFICER).queryParam("status", "overdue").when().get(member + "/v1/privacy-desk/cases")
                .then().statusCode(200).extract().jsonPath().getList("caseId");
    }
}

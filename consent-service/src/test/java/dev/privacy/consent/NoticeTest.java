package dev.privacy.consent;

import dev.privacy.consent.service.NoticeService;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class NoticeTest {

    @Test
    void P03_P05_thePurposesCatalogueComesFromThePolicyFileWithVersionedHashedNotices() {
        given().when().get("/v1/purposes").then().statusCode(200)
                .body("controller", equalTo("LEJE"))
                .body("purposes.purpose", containsInAnyOrder("CONTRACT_AND_BILLING", "MEMBER_MANAGEMENT", "MARKETING",
                        "COOKIE_TARGETING", "THIRD_PARTY_PROVISION"))
                .body("purposes.find { it.purpose == 'CONTRACT_AND_BILLING' }.required", equalTo(true))
                .body("purposes.find { it.purpose == 'MEMBER_MANAGEMENT' }.required", equalTo(true))
                .body("purposes.find { it.purpose == 'MARKETING' }.required", equalTo(false))
                .body("purposes.find { it.purpose == 'THIRD_PARTY_PROVISION' }.perRecipient", equalTo(true));
        List<Map<String, Object>> versions = given().when().get("/v1/notices/CONTRACT_AND_BILLING")
                .then().statusCode(200).extract().path("$");
        Map<String, Object> first = versions.get(0);
        assertThat(first.get("version")).isEqualTo("1");
        assertThat(first.get("effectiveDate")).isEqualTo("2024-01-01");
        assertThat(first.get("textHash")).isEqualTo(NoticeService.hash((String) first.get("text")));
        given().when().get("/v1/notices/NO_SUCH_PURPOSE").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/v1/notices/CORRECTION").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void P05_publishingANewNoticeVersionListsTheMembersWhoConsentedUnderAnOlderOne() {
        UUID before = ConsentTests.registeredMember(false);
        ConsentTests.grant(before, "MARKETING").statusCode(201);
        String old = given().auth().oauth2(ConsentTests.member(before)).when().get("/v1/members/{id}/consents", before)
                .then().statusCode(200).extract().path("consents.find { it.purpose == 'MARKETING' }.noticeVersion");

        String version = "t" + Long.toString(System.nanoTime(), 36);
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("version", version, "text", "Marketing notice, revised: " + version))
                .when().post("/v1/notices/MARKETING").then().statusCode(201).body("version", equalTo(version));
        given().when().get("/v1/purposes").then().statusCode(200)
                .body("purposes.find { it.purpose == 'MARKETING' }.currentNotice.version", equalTo(version));

        assertThat(reconsentNeeded()).contains(before.toString());
        // consenting on the old notice is refused; on the current one it moves the member off the list
        ConsentTests.grant(before, Map.of("purpose", "MARKETING", "noticeVersion", old)).statusCode(409)
                .contentType("application/problem+json");
        ConsentTests.grant(before, Map.of("purpose", "MARKETING", "noticeVersion", version)).statusCode(201)
                .body("noticeVersion", equalTo(version));
        assertThat(reconsentNeeded()).doesNotContain(before.toString());

        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("version", version, "text", "again"))
                .when().post("/v1/notices/MARKETING").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(Map.of("version", "bad version!"))
                .when().post("/v1/notices/MARKETING").then().statusCode(400)
                .body("violations.field", hasItem("version")).body("violations.field", hasItem("text"));
        given().auth().oauth2(DevTokens.member(before)).contentType(ContentType.JSON)
                .body(Map.of("version", "x1", "text", "t"))
                .when().post("/v1/notices/MARKETING").then().statusCode(403);
    }

    private static List<String> reconsentNeeded() {
        return given().auth().oauth2(ConsentTests.OFFICER).queryParam("limit", 200)
                .when().get("/v1/notices/MARKETING/reconsent-needed").then().statusCode(200)
                .extract().path("memberIds");
    }
}

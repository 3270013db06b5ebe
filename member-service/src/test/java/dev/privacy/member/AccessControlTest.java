package dev.privacy.member;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** BOLA attempts and the role matrix of every member endpoint. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class AccessControlTest {

    @Test
    void memberACannotReadModifyExportOrWithdrawMemberB() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        as(a.token()).get("/v1/members/" + b.id()).then().statusCode(404).contentType("application/problem+json");
        as(a.token()).contentType(ContentType.JSON).body(Map.of("name", "Hijacked"))
                .patch("/v1/members/" + b.id()).then().statusCode(404);
        as(a.token()).get("/v1/members/" + b.id() + "/export").then().statusCode(404);
        as(a.token()).delete("/v1/members/" + b.id()).then().statusCode(404);
        // B is untouched and still a member
        as(b.token()).get("/v1/members/" + b.id()).then().statusCode(200).body("name", equalTo("Kim Minji"));
    }

    @Test
    void aMemberAskingForAnIdThatDoesNotExistGetsTheSame404AsForAnotherMember() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        String other = as(a.token()).get("/v1/members/" + b.id()).then().statusCode(404).extract().path("title");
        String missing = as(a.token()).get("/v1/members/" + UUID.randomUUID()).then().statusCode(404).extract().path("title");
        org.assertj.core.api.Assertions.assertThat(other).isEqualTo(missing);
    }

    @Test
    void withoutTokenEveryMemberEndpointButSignUpAndLoginIs401() {
        UUID id = UUID.randomUUID();
        given().get("/v1/members/" + id).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).patch("/v1/members/" + id).then().statusCode(401);
        given().get("/v1/members/" + id + "/export").then().statusCode(401);
        given().delete("/v1/members/" + id).then().statusCode(401);
        given().post("/v1/ops/keys/rewrap").then().statusCode(401);
    }

    @Test
    void readProfileRoleMatrix() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        as(DevTokens.staff("privacy-officer")).queryParam("purpose", "MEMBER_MANAGEMENT").get(path).then().statusCode(200);
        as(DevTokens.service("disclosure-service")).queryParam("purpose", "CONTRACT_AND_BILLING").get(path).then().statusCode(200);
        as(DevTokens.service("disclosure-service")).get(path).then().statusCode(400);
        as(DevTokens.staff("compliance")).queryParam("purpose", "MEMBER_MANAGEMENT").get(path).then().statusCode(403);
        as(DevTokens.staff("ops")).queryParam("purpose", "MEMBER_MANAGEMENT").get(path).then().statusCode(403);
    }

    @Test
    void modifyRoleMatrix() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        as(DevTokens.staff("privacy-officer")).contentType(ContentType.JSON).body(Map.of("name", "Corrected Name"))
                .patch(path).then().statusCode(200).body("name", equalTo("Corrected Name"));
        for (String token : new String[]{DevTokens.staff("compliance"), DevTokens.staff("ops"), DevTokens.service("consent-service")}) {
            as(token).contentType(ContentType.JSON).body(Map.of("name", "Nope")).patch(path).then().statusCode(403);
        }
    }

    @Test
    void exportIsForTheMemberOnly() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id() + "/export";
        as(m.token()).get(path).then().statusCode(200);
        for (String token : new String[]{DevTokens.staff("privacy-officer"), DevTokens.staff("compliance"),
                DevTokens.staff("ops"), DevTokens.service("disclosure-service")}) {
            as(token).get(path).then().statusCode(403);
        }
    }

    @Test
    void withdrawRoleMatrix() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        for (String token : new String[]{DevTokens.staff("compliance"), DevTokens.staff("ops"), DevTokens.service("consent-service")}) {
            as(token).delete(path).then().statusCode(403);
        }
        as(DevTokens.staff("privacy-officer")).delete(path).then().statusCode(204);
        as(m.token()).get(path).then().statusCode(404);
    }

    @Test
    void keyRewrapIsOpsOnly() {
        as(DevTokens.staff("privacy-officer")).post("/v1/ops/keys/rewrap").then().statusCode(403);
        as(TestMembers.newMember().token()).post("/v1/ops/keys/rewrap").then().statusCode(403);
        as(DevTokens.staff("ops")).post("/v1/ops/keys/rewrap").then().statusCode(200).body("rewrapped", equalTo(0));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}

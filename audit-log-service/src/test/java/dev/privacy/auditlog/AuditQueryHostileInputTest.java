package dev.privacy.auditlog;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Issue 23: a far-past or far-future instant or a NUL in an audit query was a 500; now a 400 problem naming it. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class AuditQueryHostileInputTest {

    @Test
    void outOfRangeInstantsAreA400NamingTheParameter() {
        String compliance = DevTokens.staff("compliance");
        given().auth().oauth2(compliance).queryParam("from", "-999999999-01-01T00:00:00Z")
                .when().get("/v1/audit/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        given().auth().oauth2(compliance).queryParam("to", "+1000000-01-01T00:00:00Z")
                .when().get("/v1/audit/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
    }

    @Test
    void controlCharactersInAQueryParameterAreA400NamingIt() {
        given().auth().oauth2(DevTokens.staff("compliance")).queryParam("actorId", "staff\u0000x")
                .when().get("/v1/audit/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("actorId"));
    }
}

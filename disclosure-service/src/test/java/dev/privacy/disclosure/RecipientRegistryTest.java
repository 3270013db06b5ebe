package dev.privacy.disclosure;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
class RecipientRegistryTest {

    @Test
    void privacyOfficerListsRecipients() {
        given().auth().oauth2(DevTokens.staff("privacy-officer")).when().get("/v1/recipients").then().statusCode(200);
    }

    @Test
    void membersAndServicesCannotListRecipients() {
        given().auth().oauth2(DevTokens.member(UUID.randomUUID())).when().get("/v1/recipients")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.service("consent-service")).when().get("/v1/recipients")
                .then().statusCode(403).contentType("application/problem+json");
    }
}

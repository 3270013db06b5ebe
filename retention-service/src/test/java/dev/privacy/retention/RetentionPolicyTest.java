package dev.privacy.retention;

import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class RetentionPolicyTest {

    @Test
    void policyPeriodsMatchThePrivacyPolicy() {
        given().when().get("/v1/retention/policy")
                .then().statusCode(200)
                .body("find { it.category == 'MEMBER_PROFILE' }.period", equalTo("P10Y"))
                .body("find { it.category == 'CONTRACT_RECORDS' }.period", equalTo("P5Y"))
                .body("find { it.category == 'PAYMENT_RECORDS' }.period", equalTo("P5Y"))
                .body("find { it.category == 'COMPLAINT_RECORDS' }.period", equalTo("P3Y"))
                .body("find { it.category == 'SERVICE_LOGS' }.period", equalTo("P3M"))
                .body("category", hasItems("LIVE_PROFILE", "MARKETING_DATA", "COOKIE_PREFERENCES"));
    }
}

package dev.privacy.platform.testing;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service promises regardless of its domain: readiness that checks PostgreSQL and
 * Kafka, an OpenAPI document, Prometheus metrics, problem+json errors, and an ops-only clock.
 * A service's test extends this with {@code @QuarkusTest} and the platform test resource.
 */
public abstract class ServiceBaselineTests {

    @Test
    void readinessReportsDatabaseAndKafkaUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentDescribesVersionedPaths() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."))
                .body("paths.keySet()", hasItem(startsWith("/v1/")));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknownPathIsAProblemDocument() {
        given().when().get("/v1/no-such-resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", startsWith("urn:privacy-platform:problem:"));
    }

    @Test
    void clockEndpointRefusesCallersWithoutTokenAsProblem() {
        given().when().get("/v1/ops/clock")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("title", equalTo("Authentication required"));
    }

    @Test
    void clockEndpointRefusesNonOpsRoles() {
        given().auth().oauth2(DevTokens.staff("privacy-officer")).when().get("/v1/ops/clock")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void opsCanReadTheClockAndRejectsMalformedAdvance() {
        String ops = DevTokens.staff("ops");
        given().auth().oauth2(ops).when().get("/v1/ops/clock")
                .then().statusCode(200).body("now", notNullValue());
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":\"ten years\"}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"));
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":\"P1D\",\"extra\":1}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("extra"));
    }

    @Test
    void oversizedBodyIsRefusedAsProblem() {
        String big = "{\"by\":\"" + "P".repeat(200_000) + "\"}";
        given().auth().oauth2(DevTokens.staff("ops")).contentType(ContentType.JSON).body(big)
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Request body too large"));
    }

    @Test
    void forgedTokenIsRefused() {
        String forged = DevTokens.staff("ops");
        String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        given().auth().oauth2(tampered).when().get("/v1/ops/clock")
                .then().statusCode(401).contentType("application/problem+json");
    }
}

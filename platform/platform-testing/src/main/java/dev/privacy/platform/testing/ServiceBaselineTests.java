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

    /** Issue 23: hostile JSON is a 400 problem naming the field, never a 500 (the clock is every service's endpoint). */
    @Test
    void duplicateKeysTrailingDocumentsAndWrongTypesAreProblemsNamingTheField() {
        String ops = DevTokens.staff("ops");
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":\"P1D\",\"by\":\"P2D\"}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"));
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":\"P1D\"} {\"by\":\"P2D\"}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":1}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"));
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":\"P1D\\u0000\"}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"))
                .body("violations[0].message", containsString("control characters"));
    }

    /** P01 everywhere: a card number behind an en dash in any body string, or in the Idempotency-Key, is refused unechoed. */
    @Test
    void cardNumbersAreRefusedInAnyBodyStringAndTheIdempotencyKey() {
        String ops = DevTokens.staff("ops");
        given().auth().oauth2(ops).contentType(ContentType.JSON).body("{\"by\":\"4111\u20131111\u20131111\u20131111\"}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:privacy-platform:problem:card-number-refused"))
                .body("violations[0].field", equalTo("by"))
                .body(org.hamcrest.Matchers.not(containsString("1111")));
        given().auth().oauth2(ops).contentType(ContentType.JSON).header("Idempotency-Key", "4111_1111_1111_1111")
                .body("{\"by\":\"nope\"}")
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body(org.hamcrest.Matchers.not(containsString("1111")));
    }

    /** A chunked body (no Content-Length) over the limit is a 413 problem too, not an empty 413 or a reset. */
    @Test
    void oversizedChunkedBodyIsRefusedAsProblem() {
        byte[] big = ("{\"by\":\"" + "P".repeat(2_000_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().auth().oauth2(DevTokens.staff("ops")).contentType(ContentType.JSON)
                .body(new java.io.ByteArrayInputStream(big))
                .when().post("/v1/ops/clock/advance")
                .then().statusCode(413).contentType("application/problem+json");
    }

    /** Issue 23, fuzzing in the build: 450+ generated hostile requests over every write endpoint, none a 5xx. */
    @Test
    void hostileRequestsToEveryWriteEndpointNeverFail() {
        HostileInputFuzz.Report report = HostileInputFuzz.run(450);
        System.out.printf("HostileInputFuzz: %d requests, statuses %s, %d failures%n",
                report.requests(), report.statuses(), report.failures().size());
        org.assertj.core.api.Assertions.assertThat(report.requests()).isGreaterThanOrEqualTo(450);
        org.assertj.core.api.Assertions.assertThat(report.failures()).as("hostile requests that broke the property")
                .isEmpty();
    }

    @Test
    void apiAnswersAreNotStoredAndTheirTypeIsNotSniffed() {
        given().auth().oauth2(DevTokens.staff("ops")).when().get("/v1/ops/clock")
                .then().statusCode(200).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().when().get("/v1/no-such-resource")
                .then().statusCode(404).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void onlyConfiguredOriginsMayCallCrossOrigin() {
        given().header("Origin", "https://front.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type").when().options("/v1/ops/clock")
                .then().header("Access-Control-Allow-Origin", "https://front.example");
        // a page of another origin: the browser gets no permission, and a simple request is refused
        given().header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "POST")
                .when().options("/v1/ops/clock")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://attacker.example").auth().oauth2(DevTokens.staff("ops"))
                .when().get("/v1/ops/clock")
                .then().statusCode(403).header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void metricLabelsCarryNoMemberId() {
        String member = java.util.UUID.randomUUID().toString();
        // answered by a resource, refused before one (no token), and by no route at all
        for (String path : java.util.List.of("/v1/members/" + member, "/v1/members/" + member + "/consents",
                "/v1/no-such-resource/" + member)) {
            given().when().get(path);
            given().auth().oauth2(DevTokens.staff("privacy-officer")).when().get(path);
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString(member)));
    }

    @Test
    void forgedTokenIsRefused() {
        String forged = DevTokens.staff("ops");
        String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        given().auth().oauth2(tampered).when().get("/v1/ops/clock")
                .then().statusCode(401).contentType("application/problem+json");
    }
}

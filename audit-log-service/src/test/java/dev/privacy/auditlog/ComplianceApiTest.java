package dev.privacy.auditlog;

import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The compliance API: query by member, actor, type and time, cursor-paged, exported as JSON Lines and CSV. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class ComplianceApiTest {

    private static final Instant T0 = Instant.parse("2024-05-10T08:00:00Z");

    /** Three reads of one member by one staff actor, an hour apart, and one by another actor. */
    private record Fixture(UUID member, String actor, String otherActor, List<UUID> events) {
    }

    private Fixture accesses() {
        UUID member = UUID.randomUUID();
        String actor = "staff-" + UUID.randomUUID();
        String other = "staff-" + UUID.randomUUID();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(AuditTestSupport.send(AuditTestSupport.access(member, actor, ActorRole.PRIVACY_OFFICER,
                    List.of("name", "email"), Purpose.COMPLAINT_HANDLING, T0.plus(i, ChronoUnit.HOURS))));
        }
        events.add(AuditTestSupport.send(AuditTestSupport.access(member, other, ActorRole.COMPLIANCE,
                List.of("mobile"), Purpose.MEMBER_MANAGEMENT, T0.plus(5, ChronoUnit.HOURS))));
        events.forEach(AuditTestSupport::awaitSequence);
        return new Fixture(member, actor, other, events);
    }

    @Test
    void P02_anAccessRecordBecomesAnEntryWithActorMemberFieldsPurposeAndPayloadHash() {
        Fixture f = accesses();
        JsonPath entry = AuditTestSupport.awaitEntry(f.events().get(0));
        assertThat(entry.getString("sourceType")).isEqualTo("AccessRecorded.v1");
        assertThat(entry.getString("sourceTopic")).isEqualTo("access.records");
        assertThat(entry.getString("sourceService")).isEqualTo("member-service");
        assertThat(entry.getString("actorId")).isEqualTo(f.actor());
        assertThat(entry.getString("actorRole")).isEqualTo("PRIVACY_OFFICER");
        assertThat(entry.getString("action")).isEqualTo("READ");
        assertThat(entry.getString("memberId")).isEqualTo(f.member().toString());
        assertThat(entry.getList("fields")).containsExactly("name", "email");
        assertThat(entry.getString("purpose")).isEqualTo("COMPLAINT_HANDLING");
        assertThat(entry.getString("category")).isEqualTo("STAFF_ACCESS_RECORDS");
        assertThat(Instant.parse(entry.getString("occurredAt"))).isEqualTo(T0);
        assertThat(entry.getString("dataHash")).matches("[0-9a-f]{64}");
        assertThat(entry.getString("leafHash")).matches("[0-9a-f]{64}");
    }

    @Test
    void queriesByMemberActorTypeAndTimeAndPagesWithACursor() {
        Fixture f = accesses();
        String token = AuditTestSupport.compliance();
        given().auth().oauth2(token).queryParam("memberId", f.member()).when().get("/v1/audit/entries")
                .then().statusCode(200).body("entries", hasSize(4));
        given().auth().oauth2(token).queryParam("actorId", f.actor()).queryParam("type", "AccessRecorded.v1")
                .when().get("/v1/audit/entries").then().statusCode(200).body("entries", hasSize(3));
        given().auth().oauth2(token).queryParam("memberId", f.member())
                .queryParam("from", T0.plus(1, ChronoUnit.HOURS).toString())
                .queryParam("to", T0.plus(5, ChronoUnit.HOURS).toString())
                .when().get("/v1/audit/entries").then().statusCode(200).body("entries", hasSize(2));
        given().auth().oauth2(token).queryParam("memberId", f.member()).queryParam("type", "MemberWithdrawn.v1")
                .when().get("/v1/audit/entries").then().statusCode(200).body("entries", hasSize(0));

        // Pages of 3: the cursor of the first page leads to the one entry left; the last page has no cursor.
        JsonPath first = given().auth().oauth2(token).queryParam("memberId", f.member()).queryParam("limit", 3)
                .when().get("/v1/audit/entries").then().statusCode(200).body("entries", hasSize(3))
                .extract().jsonPath();
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        given().auth().oauth2(token).queryParam("memberId", f.member()).queryParam("limit", 3).queryParam("cursor", cursor)
                .when().get("/v1/audit/entries").then().statusCode(200).body("entries", hasSize(1))
                .body("entries[0].actorId", equalTo(f.otherActor())).body("nextCursor", nullValue());
    }

    @Test
    void exportsAsJsonLinesAndCsvByAcceptOrFormat() {
        Fixture f = accesses();
        String token = AuditTestSupport.compliance();
        String ndjson = given().auth().oauth2(token).accept("application/x-ndjson").queryParam("memberId", f.member())
                .when().get("/v1/audit/entries").then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString();
        String[] lines = ndjson.strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(new JsonPath(lines[0]).getString("actorId")).isEqualTo(f.actor());
        assertThat(new JsonPath(lines[3]).getString("actorId")).isEqualTo(f.otherActor());

        String csv = given().auth().oauth2(token).queryParam("format", "csv").queryParam("actorId", f.otherActor())
                .when().get("/v1/audit/entries").then().statusCode(200).contentType("text/csv").extract().asString();
        String[] rows = csv.strip().split("\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows[0]).startsWith("sequence,entryId,recordedAt");
        assertThat(rows[1]).contains(f.otherActor()).contains("MEMBER_MANAGEMENT").contains(f.member().toString());
    }

    @Test
    void badQueryParametersAreProblems() {
        String token = AuditTestSupport.compliance();
        String[][] bad = {{"memberId", "not-a-uuid"}, {"from", "yesterday"}, {"cursor", "-4"}, {"limit", "0"},
                {"limit", "5000"}, {"format", "xml"}};
        for (String[] param : bad) {
            given().auth().oauth2(token).queryParam(param[0], param[1]).when().get("/v1/audit/entries")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(param[0]));
        }
        given().auth().oauth2(token).queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/v1/audit/entries").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
    }

    @Test
    void onlyComplianceAndThePrivacyOfficerReadTheLog() {
        given().auth().oauth2(DevTokens.staff("privacy-officer")).when().get("/v1/audit/entries").then().statusCode(200);
        given().auth().oauth2(AuditTestSupport.compliance()).when().get("/v1/audit/entries").then().statusCode(200);
        List<String> refused = List.of(DevTokens.staff("ops"), DevTokens.service("member-service"),
                DevTokens.member(UUID.randomUUID()));
        for (String path : List.of("/v1/audit/entries", "/v1/audit/verification", "/v1/audit/checkpoints",
                "/v1/audit/access-review?month=2026-11")) {
            for (String token : refused) {
                given().auth().oauth2(token).when().get(path).then().statusCode(403)
                        .contentType("application/problem+json");
            }
            given().when().get(path).then().statusCode(401);
        }
    }
}

package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No personal data in events, at rest in plaintext, or in logs: a member with marker values goes
 * through sign-up, login, read, modification, export, withdrawal and the lawful-disclosure read of
 * the separated store, then every record on member.events and access.records, every database row
 * and the log are searched for the markers.
 * The member also applies for the service, asks for a correction with a note and files a
 * privacy-desk case that is resolved with a note: those texts are markers too.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
@QuarkusTestResource(DisclosureServiceStandIn.class)
class MarkerTest {

    private static final String NAME = "MARKER-NAME-7731";
    private static final String NEW_NAME = "MARKER-NEWNAME-7731";
    private static final String EMAIL_LOCAL = "marker-mail-7731";
    private static final String MOBILE_DIGITS = "1077317731";
    private static final String PASSWORD = "MARKER-PASS-7731-x";
    private static final String ADDRESS_LINE = "MARKER-ADDR-7731";
    private static final String TOKEN = "tok_MARKERTOK7731";
    private static final String NOTE = "MARKER-NOTE-7731";
    private static final String DESCRIPTION = "MARKER-DESC-7731";
    private static final String RESOLUTION = "MARKER-RESOLVED-7731";
    /** A card number that is refused: it must not be stored or logged either. */
    private static final String PAN = "4000 0566 5566 7731";

    @Inject
    DataSource dataSource;

    @Test
    void P01_P09_markerValuesAppearInNoEventNoDatabaseColumnAndNoLogLine() throws Exception {
        String loginId = "markerlogin" + Long.toString(System.nanoTime(), 36);
        String email = EMAIL_LOCAL + "." + loginId + "@example.com";
        List<String> markers = List.of(NAME, NEW_NAME, EMAIL_LOCAL, MOBILE_DIGITS, PASSWORD, loginId, ADDRESS_LINE, TOKEN,
                NOTE, DESCRIPTION, RESOLUTION, PAN, PAN.replace(" ", ""));

        UUID id = UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("name", NAME, "loginId", loginId, "password", PASSWORD, "mobile", "+82" + MOBILE_DIGITS,
                        "email", email, "over14", true))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .when().post("/v1/members").then().statusCode(201).extract().path("memberId"));
        // the same e-mail again: answered like a sign-up, a notice for its owner, and no value lands anywhere
        given().contentType(ContentType.JSON)
                .body(Map.of("name", NAME, "loginId", loginId + "again", "password", PASSWORD, "mobile",
                        "+82" + MOBILE_DIGITS, "email", email, "over14", true))
                .when().post("/v1/members").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("loginId", loginId, "password", "wrong-" + PASSWORD))
                .when().post("/v1/sessions").then().statusCode(401);
        String token = TestMembers.login(loginId, PASSWORD);
        given().auth().oauth2(token).when().get("/v1/members/" + id).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", NEW_NAME))
                .when().patch("/v1/members/" + id).then().statusCode(200);
        // service application, correction request with a note, privacy-desk case with texts
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("address", Map.of("postcode", "06236", "line1", ADDRESS_LINE),
                        "payment", Map.of("processorToken", TOKEN, "brand", "VISA", "last4", "7731")))
                .when().post("/v1/members/" + id + "/service-applications").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("fields", List.of("mobile"), "note", NOTE))
                .when().post("/v1/members/" + id + "/corrections").then().statusCode(201);
        String caseId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("kind", "COMPLAINT", "description", DESCRIPTION))
                .when().post("/v1/privacy-desk/cases").then().statusCode(201).extract().path("caseId");
        given().auth().oauth2(DevTokens.staff("privacy-officer")).contentType(ContentType.JSON)
                .body(Map.of("outcome", "FULFILLED", "resolutionNote", RESOLUTION))
                .when().post("/v1/privacy-desk/cases/" + caseId + "/resolve").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("address", Map.of("postcode", "06236", "line1", ADDRESS_LINE),
                        "payment", Map.of("processorToken", "tok_1", "brand", "VISA", "last4", PAN)))
                .when().post("/v1/members/" + id + "/service-applications").then().statusCode(400);
        given().auth().oauth2(token).when().get("/v1/members/" + id + "/export").then().statusCode(200);

        // the database, before withdrawal (live profile) and after (separated store)
        assertNoMarkerInDatabase(markers);
        given().auth().oauth2(token).when().delete("/v1/members/" + id).then().statusCode(204);
        assertNoMarkerInDatabase(markers);
        // the lawful-disclosure read of the separated store (P08, P10): values go to the caller only
        // (not the mobile number: its correction was pending at withdrawal, so it stays restricted, P13)
        given().auth().oauth2(DevTokens.service("disclosure-service"))
                .queryParam("disclosureId", DisclosureServiceStandIn.approvedLawfulRequest(id, "name", "loginId", "email").toString())
                .queryParam("fields", "name,loginId,email")
                .when().get("/v1/separated-members/" + id + "/lawful-disclosure").then().statusCode(200);

        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS, Topics.ACCESS_RECORDS)) {
            probe.pollUntil(TopicProbe.hasType(TestMembers.ceType(MemberWithdrawn.class), id.toString()),
                    Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = probe.drain(Duration.ofSeconds(10));
            assertThat(records.stream().filter(r -> id.toString().equals(r.key())).count())
                    .as("records of the marker member were read").isGreaterThanOrEqualTo(8);
            for (ConsumerRecord<String, byte[]> r : records) {
                StringBuilder text = new StringBuilder(String.valueOf(r.key()))
                        .append(new String(r.value(), StandardCharsets.UTF_8));
                for (Header h : r.headers()) {
                    text.append(h.key()).append(new String(h.value(), StandardCharsets.UTF_8));
                }
                assertNoMarker(r.topic() + " record " + r.key(), text.toString(), markers);
            }
        }

        Path log = Path.of("target/quarkus-test.log");
        assertThat(log).exists();
        assertNoMarker("log", Files.readString(log), markers);
    }

    private void assertNoMarkerInDatabase(List<String> markers) throws Exception {
        List<String> tables = List.of("member", "member_data_key", "attempt_window", "login_backoff", "member_notice",
                "outbox_event", "idempotency_key", "inbox_event", "separated.member_profile", "separated.contract_record", "correction_request",
                "privacy_desk_case", "service_application", "payment_record", "separated.service_application",
                "separated.payment_record");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                StringBuilder dump = new StringBuilder();
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        dump.append(rs.getString(1)).append('\n');
                    }
                }
                assertNoMarker("table " + table, dump.toString(), markers);
                // a bytea column shows as hex: the plaintext would appear hex-encoded
                String lower = dump.toString().toLowerCase(Locale.ROOT);
                for (String marker : markers) {
                    assertThat(lower).as("table %s holds %s as bytes", table, marker)
                            .doesNotContain(HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static void assertNoMarker(String where, String text, List<String> markers) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String marker : markers) {
            if (lower.contains(marker.toLowerCase(Locale.ROOT))) {
                found.add(marker);
            }
        }
        assertThat(found).as("personal-data markers in %s", where).isEmpty();
    }
}

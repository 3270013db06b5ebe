package dev.privacy.member;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.member.MemberSeparated;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** P01: a service application collects address and payment token, never a card number, and keeps both encrypted. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class ServiceApplicationTest {

    private static final String LINE1 = "Teheran-ro 427 Gangnam-gu";
    private static final String TOKEN = "tok_Zx81QpLm20Ra";

    @Inject
    DataSource dataSource;

    @Test
    void P01_P07_anActiveMemberAppliesAndServiceAppliedStartsContractAndPaymentClocksWithoutValues() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS, Topics.ACCESS_RECORDS)) {
            String applicationId = apply(m, body()).then().statusCode(201)
                    .body("categories", containsInAnyOrder("CONTRACT_RECORDS", "PAYMENT_RECORDS"))
                    .extract().path("applicationId");
            var records = probe.pollUntil(r -> !TestMembers.ofType(r, ServiceApplied.class, m.id()).isEmpty()
                    && TestMembers.ofType(r, AccessRecorded.class, m.id()).stream()
                    .anyMatch(x -> "CREATE".equals(TestMembers.json(x).path("action").asText())
                            && "CONTRACT_AND_BILLING".equals(TestMembers.json(x).path("purpose").asText())), Duration.ofSeconds(20));
            var applied = TestMembers.ofType(records, ServiceApplied.class, m.id());
            assertThat(applied).hasSize(1);
            var json = TestMembers.json(applied.get(0));
            assertThat(json.path("applicationId").asText()).isEqualTo(applicationId);
            assertThat(json.path("categories").toString()).contains("CONTRACT_RECORDS").contains("PAYMENT_RECORDS");
            assertThat(TestMembers.data(applied.get(0))).doesNotContain("Teheran").doesNotContain(TOKEN)
                    // the last four digits, but not as part of a random UUID in the event
                    .doesNotContainPattern("(?<![0-9a-fA-F-])4242");
        }
        as(m.token()).get("/v1/members/" + m.id() + "/service-applications").then().statusCode(200)
                .body("[0].address.line1", equalTo(LINE1))
                .body("[0].payments[0].payment.processorToken", equalTo(TOKEN))
                .body("[0].payments[0].payment.last4", equalTo("4242"));
        as(m.token()).get("/v1/members/" + m.id() + "/export").then().statusCode(200)
                .body("serviceApplications[0].address.postcode", equalTo("06236"))
                .body("serviceApplications[0].payments[0].payment.brand", equalTo("VISA"));
    }

    @Test
    void P09_addressAndPaymentAreEncryptedAtRestInTheRawRows() throws SQLException {
        TestMembers.Member m = TestMembers.newMember();
        String applicationId = apply(m, body()).then().statusCode(201).extract().path("applicationId");
        String application = rawRow("SELECT t::text FROM service_application t WHERE id = ?", UUID.fromString(applicationId));
        String payment = rawRow("SELECT t::text FROM payment_record t WHERE application_id = ?", UUID.fromString(applicationId));
        assertThat(application).isNotEmpty();
        assertThat(payment).isNotEmpty();
        for (String plain : List.of(LINE1, "06236", "Seoul", TOKEN, "VISA", "4242")) {
            String hex = HexFormat.of().formatHex(plain.getBytes(StandardCharsets.UTF_8));
            assertThat(application).doesNotContain(plain).doesNotContain(hex);
            assertThat(payment).doesNotContain(plain).doesNotContain(hex);
        }
    }

    @Test
    void P01_aCardNumberIsRefusedInAnyFieldWithOrWithoutSeparatorsLuhnValidOrNotAndNothingIsStored() throws SQLException {
        TestMembers.Member m = TestMembers.newMember();
        record Case(String field, Map<String, Object> body) {
        }
        List<Case> cases = List.of(
                new Case("payment.processorToken", with("payment", "processorToken", "tok_4111111111111111")),
                new Case("payment.processorToken", with("payment", "processorToken", "4111111111111111")),
                new Case("address.line2", with("address", "line2", "card 4111 1111 1111 1111 please")),
                new Case("address.city", with("address", "city", "5500-0000-0000-0004")),
                // 13 digits, not Luhn-valid: refused all the same
                new Case("address.line1", with("address", "line1", "1234567890123")),
                new Case("payment.last4", with("payment", "last4", 4111111111111111L)),
                new Case("extra.notes[1]", nested()));
        for (Case c : cases) {
            apply(m, c.body()).then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:privacy-platform:problem:card-number-refused"))
                    .body("violations.field", equalTo(List.of(c.field())));
        }
        assertThat(count("SELECT count(*) FROM service_application WHERE member_id = ?", m.id())).isZero();
        assertThat(count("SELECT count(*) FROM payment_record WHERE member_id = ?", m.id())).isZero();
        // a postcode and a 4-digit hint are not card numbers
        apply(m, body()).then().statusCode(201);
    }

    @Test
    void P01_last4MustBeExactlyFourDigitsAndTheTokenMustLookLikeAProcessorToken() {
        TestMembers.Member m = TestMembers.newMember();
        for (Object last4 : List.of("123", "12345", "12a4", " 4242", "")) {
            apply(m, with("payment", "last4", last4)).then().statusCode(400)
                    .body("violations.field", equalTo(List.of("payment.last4")));
        }
        for (String token : List.of("card_123456", "tok_", "tok_ab", "tok_abc def 123")) {
            apply(m, with("payment", "processorToken", token)).then().statusCode(400)
                    .body("violations.field", equalTo(List.of("payment.processorToken")));
        }
        Map<String, Object> noAddress = body();
        noAddress.remove("address");
        apply(m, noAddress).then().statusCode(400).body("violations.field", hasItem("address"));
        Map<String, Object> cvv = body();
        cvv.put("cvv", "123");
        apply(m, cvv).then().statusCode(400).body("violations.field", equalTo(List.of("cvv")));
    }

    @Test
    void P04_aPendingMemberCannotApplyAndNobodyAppliesForAnotherMember() {
        UUID pending = TestMembers.signUp(TestMembers.uniqueLoginId(), false);
        given().auth().oauth2(DevTokens.member(pending)).contentType(ContentType.JSON).body(body())
                .post("/v1/members/" + pending + "/service-applications").then().statusCode(409)
                .body("type", equalTo("urn:privacy-platform:problem:member-not-active"));

        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        as(b.token()).contentType(ContentType.JSON).body(body())
                .post("/v1/members/" + a.id() + "/service-applications").then().statusCode(404);
        as(b.token()).get("/v1/members/" + a.id() + "/service-applications").then().statusCode(404);
        for (String token : List.of(DevTokens.staff("privacy-officer"), DevTokens.staff("compliance"),
                DevTokens.staff("ops"), DevTokens.service("disclosure-service"))) {
            as(token).contentType(ContentType.JSON).body(body())
                    .post("/v1/members/" + a.id() + "/service-applications").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body())
                .post("/v1/members/" + a.id() + "/service-applications").then().statusCode(401);
    }

    @Test
    void P07_P08_P09_withdrawalKeepsApplicationsInTheSeparatedStoreAndRetentionExpiryDestroysThemPerCategory() throws SQLException {
        TestMembers.Member m = TestMembers.newMember();
        apply(m, body()).then().statusCode(201);
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            as(m.token()).delete("/v1/members/" + m.id()).then().statusCode(204);
            assertThat(count("SELECT count(*) FROM service_application WHERE member_id = ?", m.id())).isZero();
            assertThat(count("SELECT count(*) FROM payment_record WHERE member_id = ?", m.id())).isZero();
            assertThat(count("SELECT count(*) FROM separated.service_application WHERE member_id = ?", m.id())).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM separated.payment_record WHERE member_id = ?", m.id())).isEqualTo(1);
            var records = probe.pollUntil(r -> !TestMembers.ofType(r, MemberSeparated.class, m.id()).isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(TestMembers.json(TestMembers.ofType(records, MemberSeparated.class, m.id()).get(0))
                    .path("categories").toString()).contains("PAYMENT_RECORDS");

            UUID paymentSchedule = UUID.randomUUID();
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(paymentSchedule, m.id(),
                    DataCategory.PAYMENT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            var payment = destroyed(probe, m.id(), paymentSchedule);
            assertThat(payment.path("recordCount").asLong()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM separated.payment_record WHERE member_id = ?", m.id())).isZero();
            assertThat(count("SELECT count(*) FROM separated.service_application WHERE member_id = ?", m.id())).isEqualTo(1);

            UUID contractSchedule = UUID.randomUUID();
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(contractSchedule, m.id(),
                    DataCategory.CONTRACT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            var contract = destroyed(probe, m.id(), contractSchedule);
            assertThat(contract.path("recordCount").asLong()).isEqualTo(2); // contract record + application
            assertThat(count("SELECT count(*) FROM separated.service_application WHERE member_id = ?", m.id())).isZero();
            // the member profile is still retained, so the data key lives on
            assertThat(count("SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id())).isEqualTo(1);

            UUID profileSchedule = UUID.randomUUID();
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(profileSchedule, m.id(),
                    DataCategory.MEMBER_PROFILE, "member-service", Instant.now()), UUID.randomUUID());
            assertThat(destroyed(probe, m.id(), profileSchedule).path("method").asText()).isEqualTo("CRYPTO_SHRED");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count("SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id()) == 0);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode destroyed(TopicProbe probe, UUID memberId, UUID schedule) {
        var records = probe.pollUntil(r -> TestMembers.ofType(r, DataDestroyed.class, memberId).stream()
                .anyMatch(x -> schedule.toString().equals(TestMembers.json(x).path("scheduleId").asText())), Duration.ofSeconds(30));
        return TestMembers.ofType(records, DataDestroyed.class, memberId).stream().map(TestMembers::json)
                .filter(j -> schedule.toString().equals(j.path("scheduleId").asText())).findFirst().orElseThrow();
    }

    static Map<String, Object> body() {
        Map<String, Object> address = new HashMap<>(Map.of("postcode", "06236", "line1", LINE1, "city", "Seoul"));
        Map<String, Object> payment = new HashMap<>(Map.of("processorToken", TOKEN, "brand", "VISA", "last4", "4242"));
        Map<String, Object> body = new HashMap<>();
        body.put("address", address);
        body.put("payment", payment);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(String part, String field, Object value) {
        Map<String, Object> body = body();
        ((Map<String, Object>) body.get(part)).put(field, value);
        return body;
    }

    private static Map<String, Object> nested() {
        Map<String, Object> body = body();
        body.put("extra", Map.of("notes", List.of("call me", "pay with 4012 8888 8888 1881")));
        return body;
    }

    private static io.restassured.response.Response apply(TestMembers.Member m, Map<String, Object> body) {
        return as(m.token()).contentType(ContentType.JSON).body(body).post("/v1/members/" + m.id() + "/service-applications");
    }

    private String rawRow(String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, id);
            ResultSet rs = p.executeQuery();
            StringBuilder text = new StringBuilder();
            while (rs.next()) {
                text.append(rs.getString(1));
            }
            return text.toString();
        }
    }

    private long count(String sql, UUID id) throws SQLException {
        return TestMembers.count(dataSource, sql, id);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}

package dev.privacy.e2e;

import dev.privacy.e2e.Members.Member;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.privacy.e2e.Members.OFFICER;
import static dev.privacy.e2e.Members.PROPAGATION;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * P06, P07, P09, P18: what a withdrawal leaves, what ten years later destroys, and that it is gone for good
 * from a pg_dump of every service database.
 */
class RetentionPromisesIT {

    private final PlatformUnderTest platform = PlatformUnderTest.get();
    private final String member = platform.member().baseUrl();
    private final String retention = platform.service("retention-service").baseUrl();
    private final String consent = platform.service("consent-service").baseUrl();
    private final String audit = platform.service("audit-log-service").baseUrl();

    /** Nothing any e2e test put in so far has left through a topic or a log. */
    @AfterAll
    static void noPersonalValueEscapedThroughATopicOrALog() throws Exception {
        PersonalDataScan.assertNothingEscaped(PlatformUnderTest.get());
    }

    @Test
    void P06_withdrawalDestroysTheLiveProfileAtOnceAndKeepsOnlyWhatTheRetentionRulesKeep() {
        Member m = Members.signUpMarked(member, true);
        Members.applyForService(member, m);
        Members.awaitConsentLedger(consent, m.id());
        given().auth().oauth2(m.token()).contentType("application/json").body("{\"purpose\":\"MARKETING\"}")
                .when().post(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(201);
        given().auth().oauth2(m.token()).contentType("application/json").body("{\"choice\":\"ALLOW_ALL\"}")
                .when().put(consent + "/v1/cookie-preferences/members/{id}", m.id()).then().statusCode(200);
        Members.withdraw(member, m);

        // member-service: the live profile is gone at once, the separated store keeps the P07 items.
        given().auth().oauth2(m.token()).when().get(member + "/v1/members/{id}", m.id()).then().statusCode(404);
        assertThat(platform.count("member", "SELECT count(*) FROM member WHERE id = ?", m.id())).isZero();
        assertThat(platform.count("member", "SELECT count(*) FROM separated.member_profile WHERE member_id = ?", m.id()))
                .isEqualTo(1);
        assertThat(platform.count("member", "SELECT count(*) FROM separated.contract_record WHERE member_id = ?", m.id()))
                .isEqualTo(1);

        // retention-service: the purpose-achieved categories destroyed and certified, the retained ones scheduled.
        await().atMost(PROPAGATION).untilAsserted(() -> {
            Map<String, Map<String, Object>> byCategory = schedulesByCategory(m.id());
            assertThat(byCategory).containsKeys("LIVE_PROFILE", "MEMBER_PROFILE", "CONTRACT_RECORDS", "PAYMENT_RECORDS");
            assertThat(byCategory.get("LIVE_PROFILE").get("state")).isEqualTo("DESTROYED");
            for (String kept : List.of("MEMBER_PROFILE", "CONTRACT_RECORDS", "PAYMENT_RECORDS")) {
                assertThat(byCategory.get(kept).get("state")).as(kept).isEqualTo("SCHEDULED");
            }
            assertThat(certifiedCategories(m.id())).contains("LIVE_PROFILE");
        });
        // consent-service: every optional consent ended, the cookie preferences destroyed, the receipts kept (P07)
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(platform.count("consent", "SELECT count(*) FROM cookie_preference WHERE member_id = ?", m.id())).isZero();
            given().auth().oauth2(OFFICER).when().get(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(200)
                    .body("membershipActive", org.hamcrest.Matchers.equalTo(false))
                    .body("consents.findAll { it.state == 'GRANTED' && !it.required }", org.hamcrest.Matchers.empty());
        });
        assertThat(platform.count("consent", "SELECT count(*) FROM consent_receipt WHERE member_id = ?", m.id())).isPositive();
        // audit-log-service: it saw the withdrawal and every destruction
        Members.awaitAudited(audit, m.id(), "MemberWithdrawn.v1", "MemberSeparated.v1", "ConsentWithdrawn.v1", "DataDestroyed.v1");

        Map<String, Map<String, Object>> byCategory = schedulesByCategory(m.id());
        assertThat(certifiedCategories(m.id())).contains("LIVE_PROFILE", "COOKIE_PREFERENCES", "MARKETING_DATA");
        assertPeriod(byCategory.get("MEMBER_PROFILE"), 10);
        assertPeriod(byCategory.get("CONTRACT_RECORDS"), 5);
        assertPeriod(byCategory.get("PAYMENT_RECORDS"), 5);
        // every P0D category (purpose achieved) is destroyed, none waits
        for (Map<String, Object> s : byCategory.values()) {
            if (Instant.parse((String) s.get("expiresAt")).equals(Instant.parse((String) s.get("startsAt")))) {
                assertThat(s.get("state")).as("%s expires at once", s.get("category")).isIn("EXPIRED", "DESTROYED");
            }
        }
    }

    @Test
    void P07_tenYearsLaterTheSeparatedDataIsDestroyedAndEveryCategoryHasACertificate() {
        Member m = Members.signUpMarked(member, true);
        Members.applyForService(member, m);
        Members.withdraw(member, m);
        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(schedulesByCategory(m.id())).containsKeys("MEMBER_PROFILE", "PAYMENT_RECORDS"));
        Set<String> categories = schedulesByCategory(m.id()).keySet();

        Members.advanceClock(retention, "P3654D");
        try {
            await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(schedulesByCategory(m.id()).values()).allSatisfy(s ->
                        assertThat(s.get("state")).as("%s", s.get("category")).isEqualTo("DESTROYED"));
                assertThat(certifiedCategories(m.id())).containsAll(categories);
            });
        } finally {
            Members.resetClock(retention);
        }
        List<Map<String, Object>> certificates = certificates(m.id());
        assertThat(certificates).allSatisfy(c -> {
            assertThat((String) c.get("evidenceSha256")).matches("[0-9a-f]{64}");
            assertThat(c.get("memberRef")).isNotEqualTo(m.id().toString());
        });
        // member-service destroyed what it kept, and the member's data key with it (P09)
        assertThat(platform.count("member", "SELECT count(*) FROM separated.member_profile WHERE member_id = ?", m.id())).isZero();
        assertThat(platform.count("member", "SELECT count(*) FROM separated.contract_record WHERE member_id = ?", m.id())).isZero();
        assertThat(platform.count("member", "SELECT count(*) FROM separated.payment_record WHERE member_id = ?", m.id())).isZero();
        assertThat(platform.count("member", "SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id())).isZero();
        assertThat(certificates).anySatisfy(c -> {
            assertThat(c.get("category")).isEqualTo("MEMBER_PROFILE");
            assertThat(c.get("method")).isEqualTo("CRYPTO_SHRED");
        });
    }

    @Test
    void P09_destroyedDataIsUnrecoverableFromADumpTakenBeforeAndAbsentFromADumpTakenAfter() {
        PgDump.assumeAvailable();
        Member m = Members.signUpMarked(member, true);
        Members.applyForService(member, m);
        Members.withdraw(member, m);
        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(schedulesByCategory(m.id())).containsKeys("MEMBER_PROFILE", "PAYMENT_RECORDS"));

        Map<String, String> before = PgDump.ofEveryDatabase(platform.postgres);
        String ciphertext = platform.hex("member", "SELECT name_ct FROM separated.member_profile WHERE member_id = ?", m.id());
        String wrappedKey = platform.hex("member", "SELECT wrapped_key FROM member_data_key WHERE member_id = ?", m.id());
        assertThat(before.get("member")).as("the backup holds the separated ciphertext and the wrapped data key")
                .contains(ciphertext).contains(wrappedKey);
        assertNoDumpContains(before, m.marker(), m.mobile().substring(1));

        Members.advanceClock(retention, "P3654D");
        try {
            await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(platform.count("member", "SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id()))
                            .as("the member's data key destroyed").isZero());
        } finally {
            Members.resetClock(retention);
        }
        Map<String, String> after = PgDump.ofEveryDatabase(platform.postgres);
        assertNoDumpContains(after, m.marker(), m.mobile().substring(1), ciphertext, wrappedKey);
        // the before-dump's ciphertext has no key left anywhere: the only lawful read of it answers 404
        given().auth().oauth2(dev.privacy.platform.testing.DevTokens.service("disclosure-service"))
                .queryParam("disclosureId", UUID.randomUUID()).queryParam("fields", "name")
                .when().get(member + "/v1/separated-members/{id}/lawful-disclosure", m.id())
                .then().statusCode(404);
    }

    /**
     * consent-service holds the guardian's name and contact of an under-14 member, encrypted under a
     * guardian data key: a dump taken before destruction holds the ciphertexts and the wrapped key, no
     * dump of any database holds the plain values, and after the consent records' period both are gone.
     */
    @Test
    void P09_guardianDataInADumpOfEveryDatabaseIsUnreadableOnceTheConsentRecordsAreDestroyed() {
        PgDump.assumeAvailable();
        Member child = Members.signUpMarked(member, false);
        await().atMost(PROPAGATION).untilAsserted(() -> given().auth().oauth2(OFFICER)
                .when().get(consent + "/v1/members/{id}/consent-ledger", child.id()).then().statusCode(200));
        String guardian = "guardian" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String contact = "8210" + (10_000_000 + Math.abs(guardian.hashCode() % 89_999_999));
        PersonalDataScan.register(guardian);
        PersonalDataScan.register(contact);
        given().auth().oauth2(OFFICER).contentType("application/json").body("""
                        {"method":"SMS","evidenceReference":"SMS-TX-%s","guardianName":"Name-%s","guardianContact":"+%s"}"""
                        .formatted(UUID.randomUUID(), guardian, contact))
                .when().post(consent + "/v1/members/{id}/guardian-consent", child.id()).then().statusCode(201);
        Members.awaitAudited(audit, child.id(), "GuardianConsentConfirmed.v1", "MemberActivated.v1");
        Members.withdraw(member, child);
        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(schedulesByCategory(child.id())).containsKeys("CONSENT_RECORDS", "MEMBER_PROFILE"));

        Map<String, String> before = PgDump.ofEveryDatabase(platform.postgres);
        String guardianName = platform.hex("consent", "SELECT guardian_name_ct FROM guardian_consent WHERE member_id = ?", child.id());
        String guardianContact = platform.hex("consent", "SELECT guardian_contact_ct FROM guardian_consent WHERE member_id = ?", child.id());
        String guardianKey = platform.hex("consent", "SELECT wrapped_key FROM guardian_data_key WHERE member_id = ?", child.id());
        assertThat(before.get("consent")).as("the consent backup holds the guardian ciphertexts and their wrapped key")
                .contains(guardianName).contains(guardianContact).contains(guardianKey);
        assertNoDumpContains(before, guardian, contact, child.marker());

        Members.advanceClock(retention, "P3654D");
        try {
            await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(platform.count("consent", "SELECT count(*) FROM guardian_data_key WHERE member_id = ?", child.id()))
                        .as("the guardian data key destroyed").isZero();
                assertThat(platform.count("member", "SELECT count(*) FROM member_data_key WHERE member_id = ?", child.id()))
                        .as("the member's data key destroyed").isZero();
            });
        } finally {
            Members.resetClock(retention);
        }
        Map<String, String> after = PgDump.ofEveryDatabase(platform.postgres);
        assertNoDumpContains(after, guardian, contact, child.marker(), guardianName, guardianContact, guardianKey);
        assertThat(certifiedCategories(child.id())).contains("CONSENT_RECORDS");
    }

    /** None of the needles (plain values, or ciphertexts and keys in pg_dump's hex form) in any database's dump. */
    private static void assertNoDumpContains(Map<String, String> dumps, String... needles) {
        assertThat(dumps.keySet()).containsExactlyInAnyOrder("member", "consent", "retention", "disclosure", "auditlog");
        dumps.forEach((database, dump) -> {
            String lower = dump.toLowerCase();
            for (String needle : needles) {
                assertThat(lower).as("dump of database %s", database).doesNotContain(needle.toLowerCase());
            }
        });
    }

    @Test
    void P18_aResolvedComplaintCarriesItsOwnThreeYearSchedule() {
        Member m = Members.signUpMarked(member, true);
        String caseId = given().auth().oauth2(m.token()).contentType("application/json")
                .body("{\"kind\":\"COMPLAINT\",\"description\":\"Complaint-" + m.marker() + "\"}")
                .when().post(member + "/v1/privacy-desk/cases").then().statusCode(201).extract().jsonPath().getString("caseId");
        given().auth().oauth2(OFFICER).contentType("application/json").body("{\"outcome\":\"FULFILLED\"}")
                .when().post(member + "/v1/privacy-desk/cases/{id}/resolve", caseId).then().statusCode(200);
        Members.withdraw(member, m);

        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(schedulesByCategory(m.id())).containsKeys("COMPLAINT_RECORDS", "MEMBER_PROFILE"));
        Map<String, Map<String, Object>> byCategory = schedulesByCategory(m.id());
        assertPeriod(byCategory.get("COMPLAINT_RECORDS"), 3);
        assertThat(byCategory.get("COMPLAINT_RECORDS").get("startsAt"))
                .as("its own clock, not the withdrawal's").isNotEqualTo(byCategory.get("MEMBER_PROFILE").get("startsAt"));
        // the case outlives the live profile until its own period ends
        assertThat(platform.count("member", "SELECT count(*) FROM privacy_desk_case WHERE id = ?::uuid", caseId)).isEqualTo(1);
    }

    private Map<String, Map<String, Object>> schedulesByCategory(UUID memberId) {
        JsonPath body = given().auth().oauth2(OFFICER).when().get(retention + "/v1/members/{id}/retention-schedule", memberId)
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> schedules = body.getList("schedules");
        return schedules.stream().collect(Collectors.toMap(s -> (String) s.get("category"), s -> s, (a, b) -> a));
    }

    private List<Map<String, Object>> certificates(UUID memberId) {
        return given().auth().oauth2(OFFICER).queryParam("member", memberId.toString())
                .when().get(retention + "/v1/destruction-certificates").then().statusCode(200).extract().jsonPath().getList("");
    }

    private Set<String> certifiedCategories(UUID memberId) {
        return certificates(memberId).stream().map(c -> (String) c.get("category")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertPeriod(Map<String, Object> schedule, int years) {
        Instant starts = Instant.parse((String) schedule.get("startsAt"));
        Instant expires = Instant.parse((String) schedule.get("expiresAt"));
        assertThat(expires).as("%s expires %d years after it starts", schedule.get("category"), years)
                .isEqualTo(starts.atZone(ZoneOffset.UTC).plusYears(years).toInstant());
    }
}

package dev.privacy.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.ComplaintOutcome;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.events.retention.RetentionScheduled;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class RetentionScheduleTest {

    @Inject
    DataSource dataSource;

    @Test
    void P07_aRedeliveredOrRepublishedMemberWithdrawnCreatesEachScheduleOnce() {
        UUID member = UUID.randomUUID();
        Instant ended = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var withdrawn = new MemberWithdrawn(member, ended, ended);
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            UUID eventId = UUID.randomUUID();
            byte[] data = EventJson.toBytes(withdrawn);
            String type = RetentionTests.ceType(MemberWithdrawn.class);
            RetentionTests.producer().send(Topics.MEMBER_EVENTS, eventId, Services.MEMBER, type, member.toString(), data);
            RetentionTests.producer().send(Topics.MEMBER_EVENTS, eventId, Services.MEMBER, type, member.toString(), data);
            // the same withdrawal published again under a new event ID (a relay resend): still one clock each
            RetentionTests.withdraw(member, ended);

            await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                    "SELECT count(*) FROM inbox_event WHERE event_id = ?", eventId) == 1);
            List<JsonNode> scheduled = RetentionTests.await(probe, RetentionScheduled.class, member.toString(),
                    e -> e.path("category").asText().equals("MEMBER_PROFILE"));
            // let any duplicate surface: a second MemberWithdrawn copy is handled after the first
            probe.pollUntil(r -> false, java.time.Duration.ofSeconds(3));
            scheduled = RetentionTests.ofType(probe.seen(), RetentionScheduled.class, member.toString());

            Set<String> started = Set.of("MEMBER_PROFILE", "CONTRACT_RECORDS", "CONSENT_RECORDS", "DISCLOSURE_RECORDS",
                    "LIVE_PROFILE", "MARKETING_DATA", "COOKIE_PREFERENCES");
            assertThat(scheduled).extracting(e -> e.path("category").asText()).containsExactlyInAnyOrderElementsOf(started);
            for (String category : started) {
                assertThat(RetentionTests.count(dataSource,
                        "SELECT count(*) FROM retention_schedule WHERE member_id = ? AND category = ?", member, category))
                        .as(category).isEqualTo(1);
            }
            JsonNode profile = scheduled.stream().filter(e -> e.path("category").asText().equals("MEMBER_PROFILE"))
                    .findFirst().orElseThrow();
            assertThat(Instant.parse(profile.path("expiresAt").asText()))
                    .isEqualTo(ended.atZone(ZoneOffset.UTC).plusYears(10).toInstant());
            assertThat(profile.path("legalBasis").asText()).isEqualTo("INTERNAL_POLICY_FRAUD_PREVENTION");
        }
    }

    @Test
    void P06_categoriesWithNoRetentionExceptionExpireAtOnceOnWithdrawal() {
        UUID member = UUID.randomUUID();
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            RetentionTests.withdraw(member, Instant.now());
            Set<String> immediate = Set.of("LIVE_PROFILE", "MARKETING_DATA", "COOKIE_PREFERENCES");
            var records = probe.pollUntil(r -> RetentionTests.ofType(r, RetentionExpired.class, member.toString())
                    .size() >= 3, RetentionTests.WAIT);
            List<JsonNode> expired = RetentionTests.ofType(records, RetentionExpired.class, member.toString());

            assertThat(expired).extracting(e -> e.path("category").asText()).containsExactlyInAnyOrderElementsOf(immediate);
            assertThat(expired).filteredOn(e -> e.path("category").asText().equals("LIVE_PROFILE"))
                    .singleElement().satisfies(e -> assertThat(e.path("ownerService").asText()).isEqualTo(Services.MEMBER));
            assertThat(expired).filteredOn(e -> !e.path("category").asText().equals("LIVE_PROFILE"))
                    .allSatisfy(e -> assertThat(e.path("ownerService").asText()).isEqualTo(Services.CONSENT));
            // each on its owner's own topic, none on retention.events
            assertThat(records).filteredOn(r -> member.toString().equals(r.key())
                            && RetentionTests.ofType(List.of(r), RetentionExpired.class, member.toString()).size() == 1)
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.topic()).isEqualTo(
                            Topics.retentionExpired(RetentionTests.json(r).path("ownerService").asText())));
            // the retained categories keep running (P07)
            JsonPath schedule = given().auth().oauth2(DevTokens.member(member))
                    .when().get("/v1/members/" + member + "/retention-schedule")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(schedule.getString("schedules.find { it.category == 'MEMBER_PROFILE' }.state")).isEqualTo("SCHEDULED");
            assertThat(schedule.getString("schedules.find { it.category == 'LIVE_PROFILE' }.state")).isEqualTo("EXPIRED");
        }
    }

    @Test
    void P07_P18_serviceApplicationAndResolvedComplaintStartTheirOwnClocks() {
        UUID member = UUID.randomUUID();
        Instant applied = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RetentionTests.send(Topics.MEMBER_EVENTS, Services.MEMBER, new ServiceApplied(member, UUID.randomUUID(),
                List.of(DataCategory.CONTRACT_RECORDS, DataCategory.PAYMENT_RECORDS), applied));
        RetentionTests.send(Topics.MEMBER_EVENTS, Services.MEMBER, new ComplaintResolved(UUID.randomUUID(), member,
                ComplaintOutcome.FULFILLED, applied));

        await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                "SELECT count(*) FROM retention_schedule WHERE member_id = ?", member) == 2);
        JsonPath schedule = given().auth().oauth2(RetentionTests.officer())
                .when().get("/v1/members/" + member + "/retention-schedule")
                .then().statusCode(200).extract().jsonPath();
        assertThat(schedule.getList("schedules.category", String.class))
                .containsExactlyInAnyOrder("PAYMENT_RECORDS", "COMPLAINT_RECORDS");
        assertThat(Instant.parse(schedule.getString("schedules.find { it.category == 'PAYMENT_RECORDS' }.expiresAt")))
                .isEqualTo(applied.atZone(ZoneOffset.UTC).plusYears(5).toInstant());
        assertThat(Instant.parse(schedule.getString("schedules.find { it.category == 'COMPLAINT_RECORDS' }.expiresAt")))
                .isEqualTo(applied.atZone(ZoneOffset.UTC).plusYears(3).toInstant());
        assertThat(schedule.getString("schedules.find { it.category == 'COMPLAINT_RECORDS' }.legalBasis"))
                .isEqualTo("E_COMMERCE_CONSUMER_PROTECTION_ACT");
    }

    @Test
    void aMemberSeesOnlyTheirOwnScheduleAnotherIsNotFound() {
        UUID member = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        RetentionTests.withdraw(other, Instant.now());
        await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                "SELECT count(*) FROM retention_schedule WHERE member_id = ?", other) > 0);

        given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + member + "/retention-schedule")
                .then().statusCode(200).body("memberId", equalTo(member.toString()));
        given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + other + "/retention-schedule")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/v1/members/" + other + "/retention-schedule").then().statusCode(401);
        List<String> categories = given().auth().oauth2(DevTokens.member(other))
                .when().get("/v1/members/" + other + "/retention-schedule")
                .then().statusCode(200).extract().jsonPath().getList("schedules.category", String.class);
        assertThat(categories.stream().collect(Collectors.toSet())).contains("MEMBER_PROFILE", "LIVE_PROFILE");
    }

    @Test
    void aPoisonEventGoesToTheRetentionServicesOwnDeadLetterTopicAndTheNextEventIsHandled() {
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlq = RetentionTests.probe("member.events.retention-service.dlq")) {
            RetentionTests.producer().send(Topics.MEMBER_EVENTS, UUID.randomUUID(), Services.MEMBER,
                    RetentionTests.ceType(MemberWithdrawn.class), key, "{\"memberId\":\"not-a-uuid\"}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var records = dlq.pollUntil(r -> r.stream().anyMatch(x -> key.equals(x.key())), RetentionTests.WAIT);
            assertThat(records).anyMatch(x -> key.equals(x.key()));
        }
        UUID member = UUID.randomUUID();
        RetentionTests.withdraw(member, Instant.now());
        await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                "SELECT count(*) FROM retention_schedule WHERE member_id = ?", member) > 0);
    }
}

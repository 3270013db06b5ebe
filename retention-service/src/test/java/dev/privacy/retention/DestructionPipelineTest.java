package dev.privacy.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.DestructionCertified;
import dev.privacy.platform.events.retention.DestructionOverdue;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The destruction pipeline: expiry on the service clock, the owners' answers certified, silence overdue. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class DestructionPipelineTest {

    @Inject
    DataSource dataSource;

    @AfterEach
    void backToSystemTime() {
        RetentionTests.resetClock();
    }

    @Test
    void P07_tenYearsOnTheClockMemberProfileExpiresAndRetentionExpiredIsEmittedOnTheOwnersTopic() {
        UUID member = UUID.randomUUID();
        // only member-service's own topic: its expiries are there, not on retention.events
        try (TopicProbe probe = RetentionTests.probe(Topics.retentionExpired(Services.MEMBER))) {
            RetentionTests.withdraw(member, RetentionTests.serviceNow());
            await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                    "SELECT count(*) FROM retention_schedule WHERE member_id = ? AND category = 'MEMBER_PROFILE'", member) == 1);
            // nine years on: contract records (5 y) are due, the member profile (10 y) is not
            RetentionTests.advanceClock("P9Y");
            RetentionTests.await(probe, RetentionExpired.class, member.toString(),
                    e -> e.path("category").asText().equals("CONTRACT_RECORDS"));
            assertThat(RetentionTests.ofType(probe.seen(), RetentionExpired.class, member.toString()))
                    .noneMatch(e -> e.path("category").asText().equals("MEMBER_PROFILE"));

            RetentionTests.advanceClock("P1Y1D");
            List<JsonNode> expired = RetentionTests.await(probe, RetentionExpired.class, member.toString(),
                    e -> e.path("category").asText().equals("MEMBER_PROFILE"));

            assertThat(expired).singleElement().satisfies(e -> {
                assertThat(e.path("ownerService").asText()).isEqualTo(Services.MEMBER);
                assertThat(e.path("memberId").asText()).isEqualTo(member.toString());
                assertThat(e.path("createdBefore").isNull() || e.path("createdBefore").isMissingNode()).isTrue();
            });
            assertThat(RetentionTests.count(dataSource, "SELECT count(*) FROM retention_schedule WHERE member_id = ? "
                    + "AND category = 'MEMBER_PROFILE' AND state = 'EXPIRED'", member)).isEqualTo(1);
        }
    }

    @Test
    void P07_P09_theOwnersDataDestroyedYieldsACertificateWithAPseudonymAndAnEvidenceHash() throws Exception {
        UUID member = UUID.randomUUID();
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            RetentionTests.withdraw(member, Instant.now());
            JsonNode expiry = RetentionTests.await(probe, RetentionExpired.class, member.toString(),
                    e -> e.path("category").asText().equals("LIVE_PROFILE")).get(0);
            UUID schedule = UUID.fromString(expiry.path("scheduleId").asText());
            DataDestroyed destroyed = new DataDestroyed(UUID.randomUUID(), member, DataCategory.LIVE_PROFILE,
                    DestructionMethod.CRYPTO_SHRED, 1, schedule, Services.MEMBER, null, Instant.now());
            RetentionTests.send(Topics.MEMBER_EVENTS, Services.MEMBER, destroyed);
            // the same DataDestroyed again under a new event ID: still one certificate
            RetentionTests.send(Topics.MEMBER_EVENTS, Services.MEMBER, destroyed);

            JsonNode certified = RetentionTests.await(probe, DestructionCertified.class, member.toString(),
                    e -> e.path("destructionId").asText().equals(destroyed.destructionId().toString())).get(0);
            assertThat(certified.path("scheduleId").asText()).isEqualTo(schedule.toString());
            assertThat(certified.path("method").asText()).isEqualTo("CRYPTO_SHRED");

            // let the second copy be handled before counting
            probe.pollUntil(r -> false, Duration.ofSeconds(2));
            List<Map<String, Object>> certificates = given().auth().oauth2(RetentionTests.officer()).queryParam("member", member.toString())
                    .when().get("/v1/destruction-certificates").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(certificates).singleElement().satisfies(c -> {
                assertThat(c.get("category")).isEqualTo("LIVE_PROFILE");
                assertThat(c.get("destroyedBy")).isEqualTo(Services.MEMBER);
                assertThat(c.get("recordCount")).isEqualTo(1);
                String evidence = (String) c.get("evidence");
                assertThat(c.get("evidenceSha256")).isEqualTo(sha256(evidence));
                assertThat((String) c.get("memberRef")).hasSize(64).doesNotContain(member.toString());
                assertThat(evidence).doesNotContain(member.toString()).contains(schedule.toString());
            });
            assertThat(RetentionTests.count(dataSource,
                    "SELECT count(*) FROM retention_schedule WHERE id = ? AND state = 'DESTROYED'", schedule)).isEqualTo(1);
            // certificates are the privacy officer's
            given().auth().oauth2(DevTokens.member(member)).queryParam("member", member.toString())
                    .when().get("/v1/destruction-certificates").then().statusCode(403);
            given().auth().oauth2(RetentionTests.officer()).queryParam("member", "not-a-uuid")
                    .when().get("/v1/destruction-certificates")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void aDataDestroyedOnAnotherServicesTopicCertifiesNothing() {
        UUID member = UUID.randomUUID();
        UUID destruction = UUID.randomUUID();
        // claims to be member-service's, but arrives on consent.events from consent-service
        RetentionTests.send(Topics.CONSENT_EVENTS, Services.CONSENT, new DataDestroyed(destruction, member,
                DataCategory.MEMBER_PROFILE, DestructionMethod.CRYPTO_SHRED, 1, null, Services.MEMBER, null, Instant.now()));
        // consent-service's own answer for the same member, behind it on the same partition: once it
        // is certified, the claim before it has been consumed (this channel writes no inbox rows)
        UUID genuine = UUID.randomUUID();
        RetentionTests.send(Topics.CONSENT_EVENTS, Services.CONSENT, new DataDestroyed(genuine, member,
                DataCategory.COOKIE_PREFERENCES, DestructionMethod.DELETE, 1, null, Services.CONSENT, null, Instant.now()));
        await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                "SELECT count(*) FROM destruction_certificate WHERE destruction_id = ?", genuine) == 1);
        assertThat(RetentionTests.count(dataSource,
                "SELECT count(*) FROM destruction_certificate WHERE destruction_id = ?", destruction)).isZero();
    }

    @Test
    void P07_anExpiryTheOwnerDoesNotAnswerInTimeIsOverdueAnnouncedListedAndCounted() {
        UUID member = UUID.randomUUID();
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            RetentionTests.withdraw(member, RetentionTests.serviceNow());
            JsonNode expiry = RetentionTests.await(probe, RetentionExpired.class, member.toString(),
                    e -> e.path("category").asText().equals("MARKETING_DATA")).get(0);
            String schedule = expiry.path("scheduleId").asText();
            // consent-service does not answer (it is not running here): after 7 days the expiry is overdue
            RetentionTests.advanceClock("P8D");

            JsonNode overdue = RetentionTests.await(probe, DestructionOverdue.class, member.toString(),
                    e -> e.path("scheduleId").asText().equals(schedule)).get(0);
            assertThat(overdue.path("category").asText()).isEqualTo("MARKETING_DATA");
            assertThat(overdue.path("ownerService").asText()).isEqualTo(Services.CONSENT);

            JsonPath list = given().auth().oauth2(RetentionTests.officer()).when().get("/v1/retention/overdue")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(list.getList("scheduleId", String.class)).contains(schedule);
            await().atMost(RetentionTests.WAIT).until(() -> overdueGauge() > 0);
            given().auth().oauth2(RetentionTests.ops()).when().get("/v1/retention/dashboard").then().statusCode(200)
                    .body("overdue", org.hamcrest.Matchers.greaterThan(0))
                    .body("counts.find { it.category == 'MARKETING_DATA' && it.state == 'EXPIRED' }.count",
                            org.hamcrest.Matchers.greaterThan(0));
            // overdue once: a later sweep does not announce it again
            probe.pollUntil(r -> false, Duration.ofSeconds(3));
            assertThat(RetentionTests.ofType(probe.seen(), DestructionOverdue.class, member.toString())
                    .stream().filter(e -> e.path("scheduleId").asText().equals(schedule))).hasSize(1);
            given().auth().oauth2(DevTokens.member(member)).when().get("/v1/retention/overdue").then().statusCode(403);
        }
    }

    private static double overdueGauge() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("retention_destructions_overdue"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

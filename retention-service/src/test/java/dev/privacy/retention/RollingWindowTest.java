package dev.privacy.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.DestructionCertified;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Log categories expire as rolling windows over all members (P17: 3 months, P19: 2 years). */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class RollingWindowTest {

    @AfterEach
    void backToSystemTime() {
        RetentionTests.resetClock();
    }

    @Test
    void P17_P19_logCategoriesExpireAsARollingWindowForEveryMemberAndThePurgeIsCertified() {
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            RetentionTests.advanceClock("P40D");
            Instant now = RetentionTests.serviceNow();
            Instant logsBefore = now.atZone(ZoneOffset.UTC).minusMonths(3).toInstant();
            Instant staffBefore = now.atZone(ZoneOffset.UTC).minusYears(2).toInstant();

            JsonNode logs = window(probe, "SERVICE_LOGS", logsBefore);
            JsonNode staff = window(probe, "STAFF_ACCESS_RECORDS", staffBefore);
            for (JsonNode expiry : List.of(logs, staff)) {
                assertThat(expiry.path("memberId").isNull() || expiry.path("memberId").isMissingNode()).isTrue();
                assertThat(expiry.path("ownerService").asText()).isEqualTo(Services.AUDIT_LOG);
            }

            // the audit log answers for the span it purged; the retention-service certifies it
            UUID schedule = UUID.fromString(logs.path("scheduleId").asText());
            Instant createdBefore = Instant.parse(logs.path("createdBefore").asText());
            DataDestroyed purge = new DataDestroyed(UUID.randomUUID(), null, DataCategory.SERVICE_LOGS,
                    DestructionMethod.DELETE, 42, schedule, Services.AUDIT_LOG, createdBefore, now);
            RetentionTests.send(Topics.AUDIT_EVENTS, Services.AUDIT_LOG, purge);
            // a certificate of many members' records is keyed by its own ID
            List<JsonNode> certified = RetentionTests.await(probe, DestructionCertified.class, null,
                    e -> e.path("destructionId").asText().equals(purge.destructionId().toString()));
            assertThat(certified).singleElement().satisfies(e -> {
                assertThat(e.path("memberId").isNull() || e.path("memberId").isMissingNode()).isTrue();
                assertThat(e.path("category").asText()).isEqualTo("SERVICE_LOGS");
            });
            List<Map<String, Object>> certificates = given().auth().oauth2(RetentionTests.officer())
                    .queryParam("category", "SERVICE_LOGS").when().get("/v1/destruction-certificates")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(certificates).anySatisfy(c -> {
                assertThat(c.get("destructionId")).isEqualTo(purge.destructionId().toString());
                assertThat(c.get("memberRef")).isNull();
                assertThat(Instant.parse((String) c.get("createdBefore"))).isEqualTo(createdBefore);
                assertThat(c.get("recordCount")).isEqualTo(42);
            });
        }
    }

    /** The window's RetentionExpired whose createdBefore is the expected end (within the sweep interval). */
    private static JsonNode window(TopicProbe probe, String category, Instant expectedBefore) {
        List<JsonNode> found = RetentionTests.await(probe, RetentionExpired.class, null, e ->
                e.path("category").asText().equals(category) && !e.path("createdBefore").isNull()
                        && !e.path("createdBefore").isMissingNode()
                        && Duration.between(Instant.parse(e.path("createdBefore").asText()), expectedBefore).abs()
                        .compareTo(Duration.ofSeconds(30)) < 0);
        assertThat(found).as("%s window ending near %s", category, expectedBefore).isNotEmpty();
        return found.get(found.size() - 1);
    }
}

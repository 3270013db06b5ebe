package dev.privacy.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

/** P07: the disclosure records are destroyed on RetentionExpired of their own category, and the destruction reported. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class LedgerRetentionTest {

    @Inject
    DataSource db;

    @Test
    void P07_retentionExpiryOfTheDisclosureRecordsDeletesTheLedgerAndRequestsAndAnswersDataDestroyed() {
        UUID member = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (RecipientReceiver receiver = RecipientReceiver.acknowledging();
             TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            TestDisclosures.executedConsentDisclosure(db, receiver.url(), member, List.of("email"));
            TestDisclosures.executedConsentDisclosure(db, receiver.url(), other, List.of("email"));

            // another category, or another owner: not ours to destroy
            TestDisclosures.publish(Topics.retentionExpired(Services.DISCLOSURE), Services.RETENTION, new RetentionExpired(UUID.randomUUID(),
                    member, DataCategory.CONSENT_RECORDS, Services.CONSENT, Instant.now()));
            UUID schedule = UUID.randomUUID();
            TestDisclosures.publish(Topics.retentionExpired(Services.DISCLOSURE), Services.RETENTION, new RetentionExpired(schedule,
                    member, DataCategory.DISCLOSURE_RECORDS, Services.DISCLOSURE, Instant.now()));

            JsonNode destroyed = TestDisclosures.events(probe, DataDestroyed.class, member, 1).get(0);
            assertThat(destroyed.path("scheduleId").asText()).isEqualTo(schedule.toString());
            assertThat(destroyed.path("category").asText()).isEqualTo("DISCLOSURE_RECORDS");
            assertThat(destroyed.path("method").asText()).isEqualTo("DELETE");
            assertThat(destroyed.path("recordCount").asLong()).isEqualTo(2); // the request and its ledger entry
            assertThat(destroyed.path("service").asText()).isEqualTo(Services.DISCLOSURE);
            assertThat(TestDisclosures.ofType(probe.seen(), DataDestroyed.class, member)).hasSize(1);

            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_ledger WHERE member_id = ?", member)).isZero();
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_request WHERE member_id = ?", member)).isZero();
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_ledger WHERE member_id = ?", other)).isEqualTo(1);
            given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + member + "/disclosures")
                    .then().statusCode(200).body("$", hasSize(0));
        }
    }
}

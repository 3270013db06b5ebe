package dev.privacy.member;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.GuardianConfirmationMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.GuardianConsentConfirmed;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class EventConsumersTest {

    @Inject
    DataSource dataSource;

    @Test
    void P04_guardianConsentActivatesAPendingMemberOnceEvenWhenRedelivered() {
        String loginId = TestMembers.uniqueLoginId();
        UUID memberId = TestMembers.signUp(loginId, false);
        login(loginId).then().statusCode(401);

        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            var consent = new GuardianConsentConfirmed(UUID.randomUUID(), memberId, GuardianConfirmationMethod.SMS,
                    "evidence-" + UUID.randomUUID(), Instant.now());
            UUID eventId = UUID.randomUUID();
            TestMembers.publish(Topics.CONSENT_EVENTS, consent, eventId);
            TestMembers.publish(Topics.CONSENT_EVENTS, consent, eventId);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    count("SELECT count(*) FROM member WHERE status = 'ACTIVE' AND id = ?", memberId) == 1);
            login(loginId).then().statusCode(200);
            var records = probe.pollUntil(r -> !TestMembers.ofType(r, MemberActivated.class, memberId).isEmpty(),
                    Duration.ofSeconds(20));
            // let a second (wrong) MemberActivated surface if there were one
            records = probe.pollUntil(r -> false, Duration.ofSeconds(3));
            var activated = TestMembers.ofType(records, MemberActivated.class, memberId);
            assertThat(activated).hasSize(1);
            assertThat(TestMembers.json(activated.get(0)).path("guardianConsentId").asText())
                    .isEqualTo(consent.guardianConsentId().toString());
        }
    }

    @Test
    void P07_P09_retentionExpiryDeletesRowsThenShredsTheKeyWhenNothingRemainsAndRepeatsHarmlessly() throws SQLException {
        TestMembers.Member m = TestMembers.newMember();
        given().auth().oauth2(m.token()).when().delete("/v1/members/" + m.id()).then().statusCode(204);
        UUID contractSchedule = UUID.randomUUID();
        UUID profileSchedule = UUID.randomUUID();
        UUID foreignSchedule = UUID.randomUUID();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(foreignSchedule, m.id(),
                    DataCategory.CONSENT_RECORDS, "consent-service", Instant.now()), UUID.randomUUID());
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(contractSchedule, m.id(),
                    DataCategory.CONTRACT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            var contract = destroyed(probe, m.id(), contractSchedule, 1);
            assertThat(contract.get(0).path("method").asText()).isEqualTo("DELETE");
            assertThat(contract.get(0).path("recordCount").asLong()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id())).isEqualTo(1);

            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(profileSchedule, m.id(),
                    DataCategory.MEMBER_PROFILE, "member-service", Instant.now()), UUID.randomUUID());
            var profile = destroyed(probe, m.id(), profileSchedule, 1);
            assertThat(profile.get(0).path("method").asText()).isEqualTo("CRYPTO_SHRED");
            assertThat(profile.get(0).path("recordCount").asLong()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM member_data_key WHERE member_id = ?", m.id())).isZero();
            assertThat(count("SELECT count(*) FROM separated.member_profile WHERE member_id = ?", m.id())).isZero();

            // the same expiry announced again (a new event): nothing left, reported as 0, no failure
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(profileSchedule, m.id(),
                    DataCategory.MEMBER_PROFILE, "member-service", Instant.now()), UUID.randomUUID());
            var again = destroyed(probe, m.id(), profileSchedule, 2);
            assertThat(again.get(1).path("recordCount").asLong()).isZero();
            assertThat(again.get(1).path("method").asText()).isEqualTo("CRYPTO_SHRED");

            var all = probe.seen();
            assertThat(TestMembers.ofType(all, DataDestroyed.class, m.id()))
                    .noneMatch(r -> TestMembers.json(r).path("scheduleId").asText().equals(foreignSchedule.toString()));
        }
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndDoesNotBlockTheNextOne() {
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlq = TestMembers.probe(Topics.deadLetter(Topics.retentionExpired(Services.MEMBER), Services.MEMBER));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestMembers.bootstrap(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.retentionExpired(Services.MEMBER), key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            var records = dlq.pollUntil(r -> r.stream().anyMatch(x -> key.equals(x.key())), Duration.ofSeconds(30));
            assertThat(records).anyMatch(x -> key.equals(x.key()));
        }
        // the consumer goes on: a later good event is still handled
        TestMembers.Member m = TestMembers.newMember();
        given().auth().oauth2(m.token()).when().delete("/v1/members/" + m.id()).then().statusCode(204);
        UUID schedule = UUID.randomUUID();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(schedule, m.id(),
                    DataCategory.CONTRACT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            assertThat(destroyed(probe, m.id(), schedule, 1)).hasSize(1);
        }
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> destroyed(TopicProbe probe, UUID memberId, UUID schedule,
                                                                           int atLeast) {
        java.util.function.Function<List<ConsumerRecord<String, byte[]>>, List<com.fasterxml.jackson.databind.JsonNode>> of =
                r -> TestMembers.ofType(r, DataDestroyed.class, memberId).stream().map(TestMembers::json)
                        .filter(j -> schedule.toString().equals(j.path("scheduleId").asText())).toList();
        return of.apply(probe.pollUntil(r -> of.apply(r).size() >= atLeast, Duration.ofSeconds(30)));
    }

    private static io.restassured.response.Response login(String loginId) {
        return given().contentType(ContentType.JSON).body(Map.of("loginId", loginId, "password", TestMembers.PASSWORD))
                .when().post("/v1/sessions");
    }

    private long count(String sql, UUID id) throws SQLException {
        return TestMembers.count(dataSource, sql, id);
    }
}

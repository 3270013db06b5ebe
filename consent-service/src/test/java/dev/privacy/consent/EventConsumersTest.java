package dev.privacy.consent;

import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TestEventProducer;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class EventConsumersTest {

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {Topics.MEMBER_EVENTS, Topics.RETENTION_EXPIRED_PREFIX + Services.CONSENT})
    void aPoisonEventGoesToThisServicesDeadLetterTopicAndTheNextEventIsStillHandled(String topic) {
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlq = ConsentTests.probe(topic + ".consent-service.dlq");
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsentTests.bootstrap(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            var records = dlq.pollUntil(r -> r.stream().anyMatch(x -> key.equals(x.key())), Duration.ofSeconds(30));
            assertThat(records).anyMatch(x -> key.equals(x.key()));
        }
        // the partition flows on
        UUID memberId = ConsentTests.registeredMember(false);
        ConsentTests.withdrawMembership(dataSource, memberId);
    }

    @Test
    void P05_aRedeliveredMemberWithdrawnEndsTheConsentsOnce() {
        UUID memberId = ConsentTests.registeredMember(false);
        ConsentTests.grant(memberId, "MARKETING").statusCode(201);
        UUID eventId = UUID.randomUUID();
        MemberWithdrawn withdrawn = new MemberWithdrawn(memberId, Instant.now(), Instant.now());
        try (TestEventProducer producer = new TestEventProducer(ConsentTests.bootstrap());
             TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS)) {
            for (int delivery = 0; delivery < 3; delivery++) {
                producer.send(Topics.MEMBER_EVENTS, eventId, Services.MEMBER, "MemberWithdrawn.v1", memberId.toString(),
                        EventJson.toBytes(withdrawn));
            }
            ConsentTests.awaitHandled(dataSource, eventId);
            ConsentTests.events(probe, ConsentWithdrawn.class, memberId, 1);
            // let a second (wrong) withdrawal surface if there were one
            var all = probe.pollUntil(r -> false, Duration.ofSeconds(3));
            assertThat(ConsentTests.ofType(all, ConsentWithdrawn.class, memberId)).hasSize(1);
        }
        assertThat(ConsentTests.count(dataSource,
                "SELECT count(*) FROM consent_receipt WHERE member_id = ? AND method = 'MEMBERSHIP_WITHDRAWAL'", memberId))
                .isEqualTo(3); // the two required purposes and marketing, once each
    }

    @Test
    void everyEventThisServicePublishedValidatesAgainstItsSchemaAndCarriesItsSource() {
        UUID minor = ConsentTests.registeredMember(true);
        io.restassured.RestAssured.given().auth().oauth2(ConsentTests.OFFICER).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("method", "EMAIL", "evidenceReference", "mail-" + minor, "guardianName", "N", "guardianContact", "g@example.org"))
                .when().post("/v1/members/{id}/guardian-consent", minor).then().statusCode(201);
        UUID memberId = ConsentTests.registeredMember(false);
        ConsentTests.grant(memberId, "MARKETING").statusCode(201);
        io.restassured.RestAssured.given().auth().oauth2(ConsentTests.member(memberId)).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("choice", "ALLOW_ALL")).when().put("/v1/cookie-preferences/members/{m}", memberId)
                .then().statusCode(200);
        ConsentTests.withdrawMembership(dataSource, memberId);
        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS, Topics.ACCESS_RECORDS)) {
            probe.pollUntil(r -> !ConsentTests.ofType(r, dev.privacy.platform.events.DataDestroyed.class, memberId).isEmpty(),
                    Duration.ofSeconds(30));
            var all = probe.drain(Duration.ofSeconds(10));
            assertThat(TopicProbe.types(all)).contains("ConsentGranted.v1", "ConsentWithdrawn.v1",
                    "GuardianConsentConfirmed.v1", "CookiePreferencesChanged.v1", "DataDestroyed.v1", "AccessRecorded.v1");
            for (var record : all) {
                var event = TopicProbe.cloudEvent(record);
                assertThat(dev.privacy.platform.events.EventSchemas.validate(event.getType(), record.value()))
                        .as("%s %s", event.getType(), event.getId()).isEmpty();
                assertThat(event.getSource().toString()).isEqualTo(Services.CONSENT);
            }
        }
    }
}

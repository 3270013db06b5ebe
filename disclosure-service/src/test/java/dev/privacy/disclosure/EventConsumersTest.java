package dev.privacy.disclosure;

import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.testing.DevTokens;
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
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What the service learns from consent.events and member.events, once per event; poison to its own DLQ. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class EventConsumersTest {

    @Inject
    DataSource db;

    @Test
    void P15_aWithdrawnProvisionConsentNoLongerAllowsARequest() {
        UUID member = UUID.randomUUID();
        UUID recipient = TestDisclosures.registerPartner("https://partner.example/hook", List.of("email"));
        UUID consent = TestDisclosures.grantConsent(db, member, recipient);
        TestDisclosures.request(DevTokens.service("partner-gateway"), TestDisclosures.consentRequest(recipient, member, List.of("email")))
                .then().statusCode(201).body("consentId", equalTo(consent.toString()));

        TestDisclosures.publish(Topics.CONSENT_EVENTS, Services.CONSENT, new ConsentWithdrawn(consent, member, null,
                Purpose.THIRD_PARTY_PROVISION, recipient, Instant.now()));
        TestDisclosures.awaitCount(db, "SELECT count(*) FROM live_consent WHERE consent_id = ? AND withdrawn_at IS NOT NULL", consent, 1);
        TestDisclosures.request(DevTokens.service("partner-gateway"), TestDisclosures.consentRequest(recipient, member, List.of("email")))
                .then().statusCode(422).body("type", equalTo("urn:privacy-platform:problem:no-live-consent"));
    }

    @Test
    void aRedeliveredGrantHasOneEffectAndConsentsForOtherPurposesAreIgnored() {
        UUID member = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        ConsentGranted grant = new ConsentGranted(UUID.randomUUID(), member, null, Purpose.THIRD_PARTY_PROVISION, recipient,
                "v1", UUID.randomUUID(), Instant.now());
        ConsentGranted marketing = new ConsentGranted(UUID.randomUUID(), member, null, Purpose.MARKETING, null,
                "v1", UUID.randomUUID(), Instant.now());
        UUID eventId = UUID.randomUUID();
        try (TestEventProducer producer = TestDisclosures.producer()) {
            byte[] data = dev.privacy.platform.events.EventJson.toBytes(grant);
            producer.send(Topics.CONSENT_EVENTS, eventId, Services.CONSENT, "ConsentGranted.v1", member.toString(), data);
            producer.send(Topics.CONSENT_EVENTS, eventId, Services.CONSENT, "ConsentGranted.v1", member.toString(), data);
            producer.send(Topics.CONSENT_EVENTS, Services.CONSENT, marketing);
        }
        TestDisclosures.awaitCount(db, "SELECT count(*) FROM inbox_event WHERE event_id = ?", eventId, 1);
        TestDisclosures.awaitCount(db, "SELECT count(*) FROM live_consent WHERE member_id = ?", member, 1);
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM live_consent WHERE consent_id = ?", marketing.consentId())).isZero();
    }

    @Test
    void P13_aCorrectionRestrictsItsFieldsUntilAppliedOrRejected() {
        UUID member = UUID.randomUUID();
        UUID rejected = TestDisclosures.requestCorrection(db, member, List.of("email"));
        UUID applied = TestDisclosures.requestCorrection(db, member, List.of("mobile", "name"));
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM field_restriction WHERE member_id = ?", member)).isEqualTo(3);

        TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER, new CorrectionRejected(member, rejected,
                List.of("email"), "NOT_INACCURATE", Instant.now()));
        TestDisclosures.awaitCount(db, "SELECT count(*) FROM field_restriction WHERE correction_id = ?", rejected, 0);
        TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER, new CorrectionApplied(member, applied,
                List.of("mobile", "name"), Instant.now()));
        TestDisclosures.awaitCount(db, "SELECT count(*) FROM field_restriction WHERE correction_id = ?", applied, 0);
    }

    @Test
    void aPoisonEventGoesToThisServicesDeadLetterTopicAndTheNextEventIsStillHandled() {
        String key = UUID.randomUUID().toString();
        String dlq = "consent.events.disclosure-service.dlq";
        try (TopicProbe probe = TestDisclosures.probe(dlq);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestDisclosures.bootstrap(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.CONSENT_EVENTS, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            var records = probe.pollUntil(r -> r.stream().anyMatch(x -> key.equals(x.key())), Duration.ofSeconds(30));
            assertThat(records).anyMatch(x -> key.equals(x.key()));
        }
        UUID member = UUID.randomUUID();
        TestDisclosures.grantConsent(db, member, UUID.randomUUID());
    }
}

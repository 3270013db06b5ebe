package dev.privacy.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.audit.AuditEntryAppended;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.CookiePreferencesChanged;
import dev.privacy.platform.events.member.ComplaintReceived;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.events.retention.RetentionExpired;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EventCatalogueTest {

    /** Every class in this module's main output that implements DomainEvent. */
    static List<Class<?>> eventClassesOnTheClasspath() throws URISyntaxException, IOException {
        Path root = Path.of(DomainEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "."))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .map(EventCatalogueTest::load)
                    .filter(c -> DomainEvent.class.isAssignableFrom(c) && !c.isInterface()
                            && !Modifier.isAbstract(c.getModifiers()))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EventCatalogueTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEventClassIsAnAnnotatedRecordInTheCatalogue() throws Exception {
        List<Class<?>> classes = eventClassesOnTheClasspath();

        assertThat(classes).hasSize(28);
        assertThat(classes).allSatisfy(c -> {
            assertThat(c.isRecord()).as(c.getName()).isTrue();
            assertThat(c.getAnnotation(EventType.class)).as(c.getName()).isNotNull();
            assertThat(c.getAnnotation(EventType.class).name()).isEqualTo(c.getSimpleName());
            assertThat(EventCatalogue.byClass(c)).as(c.getName()).isPresent();
        });
        List<Class<?>> catalogued = EventCatalogue.all().stream().<Class<?>>map(EventDescriptor::javaType).toList();
        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(classes);
    }

    @Test
    void everyEventHasOccurredAtAndSampleFactoryCoversTheCatalogue() {
        assertThat(SampleEvents.all().keySet())
                .containsExactlyInAnyOrderElementsOf(EventCatalogue.all().stream().map(EventDescriptor::javaType).toList());
        for (EventDescriptor descriptor : EventCatalogue.all()) {
            assertThat(descriptor.javaType().getRecordComponents())
                    .as(descriptor.name())
                    .anySatisfy(c -> assertThat(c.getName()).isEqualTo("occurredAt"));
        }
    }

    @Test
    void typesAreLookedUpByClassAndByCloudEventsType() {
        EventDescriptor withdrawn = EventCatalogue.of(MemberWithdrawn.class);

        assertThat(withdrawn.ceType()).isEqualTo("MemberWithdrawn.v1");
        assertThat(withdrawn.schemaResource()).isEqualTo("/contracts/schemas/MemberWithdrawn.v1.schema.json");
        assertThat(EventCatalogue.byCeType("MemberWithdrawn.v1")).contains(withdrawn);
        assertThat(EventCatalogue.byCeType("MemberWithdrawn.v2")).isEmpty();
        assertThat(EventCatalogue.byClass(String.class)).isEmpty();
        assertThat(EventCatalogue.ceType(SampleEvents.of(MemberWithdrawn.class))).isEqualTo("MemberWithdrawn.v1");
        assertThatThrownBy(() -> EventCatalogue.of(String.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventCatalogue.all()).extracting(EventDescriptor::ceType).doesNotHaveDuplicates();
    }

    @Test
    void dataDestroyedMayAppearOnTheTopicOfEachServiceThatDestroysData() {
        assertThat(EventCatalogue.topicsOf(DataDestroyed.class)).containsExactly(
                Topics.MEMBER_EVENTS, Topics.CONSENT_EVENTS, Topics.DISCLOSURE_EVENTS, Topics.AUDIT_EVENTS);
        DataDestroyed byConsent = (DataDestroyed) SampleEvents.of(DataDestroyed.class);

        assertThat(EventCatalogue.topicOf(byConsent)).isEqualTo(Topics.CONSENT_EVENTS);
        DataDestroyed byRetention = new DataDestroyed(UUID.randomUUID(), null, DataCategory.SERVICE_LOGS,
                DestructionMethod.DELETE, 1, null, Services.RETENTION, null, SampleEvents.NOW);
        assertThatThrownBy(() -> EventCatalogue.topicOf(byRetention)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionExpiredGoesOnlyToTheTopicOfTheOwnerThatMustDestroy() {
        assertThat(EventCatalogue.topicsOf(RetentionExpired.class)).containsExactly(
                "retention.expired.member-service", "retention.expired.consent-service",
                "retention.expired.disclosure-service", "retention.expired.audit-log-service");
        assertThat(EventCatalogue.on(Topics.RETENTION_EVENTS)).extracting(EventDescriptor::javaType)
                .doesNotContain(RetentionExpired.class);
        for (String owner : List.of(Services.MEMBER, Services.CONSENT, Services.DISCLOSURE, Services.AUDIT_LOG)) {
            RetentionExpired expired = new RetentionExpired(UUID.randomUUID(), SampleEvents.MEMBER,
                    DataCategory.SERVICE_LOGS, owner, SampleEvents.NOW);
            assertThat(EventCatalogue.topicOf(expired)).isEqualTo(Topics.retentionExpired(owner))
                    .isEqualTo("retention.expired." + owner);
            assertThat(EventCatalogue.on(Topics.retentionExpired(owner))).extracting(EventDescriptor::javaType)
                    .containsExactly(RetentionExpired.class);
        }
        assertThatThrownBy(() -> Topics.retentionExpired(Services.RETENTION)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention-service");
    }

    @Test
    void everyOtherTypeHasExactlyOneTopicAndEveryTopicCarriesEvents() {
        for (EventDescriptor descriptor : EventCatalogue.all()) {
            if (descriptor.javaType() != DataDestroyed.class && descriptor.javaType() != RetentionExpired.class) {
                assertThat(EventCatalogue.topicsOf(descriptor.javaType())).as(descriptor.name()).hasSize(1);
                assertThat(EventCatalogue.topicOf(SampleEvents.of(descriptor.javaType())))
                        .isEqualTo(EventCatalogue.topicsOf(descriptor.javaType()).iterator().next());
            }
        }
        for (String topic : Topics.ALL) {
            assertThat(EventCatalogue.on(topic)).as(topic).isNotEmpty();
        }
        assertThat(EventCatalogue.on(Topics.ACCESS_RECORDS)).extracting(EventDescriptor::javaType)
                .containsExactly(AccessRecorded.class);
        assertThat(EventCatalogue.on(Topics.AUDIT_COMPLIANCE)).extracting(EventDescriptor::javaType)
                .containsExactly(AuditEntryAppended.class);
        assertThat(EventCatalogue.allowedOn(MemberWithdrawn.class, Topics.CONSENT_EVENTS)).isFalse();
        assertThat(EventCatalogue.on("nope")).isEmpty();
    }

    @Test
    void theSubjectIsTheMemberIdOrElseTheAggregatesOwnId() {
        for (DomainEvent sample : SampleEvents.all().values()) {
            assertThat(sample.subjectId()).as(sample.getClass().getSimpleName()).isEqualTo(SampleEvents.MEMBER.toString());
        }
        UUID complaint = UUID.randomUUID();
        assertThat(new ComplaintReceived(complaint, null, ComplaintKind.ACCESS_REQUEST, Channel.WRITTEN,
                SampleEvents.NOW, SampleEvents.NOW).subjectId()).isEqualTo(complaint.toString());
        UUID device = UUID.randomUUID();
        assertThat(new CookiePreferencesChanged(null, device, CookieChoice.REFUSE_ALL, false, false, SampleEvents.NOW)
                .subjectId()).isEqualTo(device.toString());
        UUID destruction = UUID.randomUUID();
        assertThat(new DataDestroyed(destruction, null, DataCategory.SERVICE_LOGS, DestructionMethod.DELETE, 500, null,
                Services.AUDIT_LOG, SampleEvents.NOW, SampleEvents.NOW).subjectId()).isEqualTo(destruction.toString());
    }

    @Test
    void recordsRefuseMissingRequiredComponents() {
        assertThatThrownBy(() -> new MemberWithdrawn(null, SampleEvents.NOW, SampleEvents.NOW))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("memberId");
        assertThatThrownBy(() -> new ConsentGranted(UUID.randomUUID(), null, null, Purpose.MARKETING, null, "v1",
                UUID.randomUUID(), SampleEvents.NOW)).hasMessageContaining("memberId or deviceId");
        assertThatThrownBy(() -> new dev.privacy.platform.events.member.CorrectionRequested(SampleEvents.MEMBER,
                UUID.randomUUID(), List.of(), ActorRole.MEMBER, SampleEvents.NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessRecordsOfMembersAreServiceLogsAndOthersStaffAccessRecords() {
        AccessRecorded byOfficer = (AccessRecorded) SampleEvents.of(AccessRecorded.class);
        AccessRecorded byMember = new AccessRecorded(UUID.randomUUID(), SampleEvents.MEMBER,
                SampleEvents.MEMBER.toString(), ActorRole.MEMBER, Services.MEMBER, AccessAction.READ, List.of(),
                Purpose.MEMBER_MANAGEMENT, "192.0.2.1", null, SampleEvents.NOW);

        assertThat(byOfficer.recordCategory()).isEqualTo(DataCategory.STAFF_ACCESS_RECORDS);
        assertThat(byMember.recordCategory()).isEqualTo(DataCategory.SERVICE_LOGS);
    }

    @Test
    void eachServicePublishesToItsOwnTopic() {
        assertThat(Services.ALL).extracting(Services::eventsTopic).containsExactly(Topics.MEMBER_EVENTS,
                Topics.CONSENT_EVENTS, Topics.RETENTION_EVENTS, Topics.DISCLOSURE_EVENTS, Topics.AUDIT_EVENTS);
        assertThat(Topics.deadLetter(Topics.MEMBER_EVENTS, Services.CONSENT))
                .isEqualTo("member.events.consent-service.dlq");
    }
}

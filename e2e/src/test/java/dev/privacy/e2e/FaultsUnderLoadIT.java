package dev.privacy.e2e;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.infra.ServiceProcess;
import dev.privacy.platform.testing.TopicProbe;
import io.cloudevents.CloudEvent;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under load: a steady mixed load runs while, in turn, each of the five services is killed
 * with SIGKILL and started again, the Kafka broker is stopped and started again, and PostgreSQL is
 * stopped and started again. Afterwards (bounded wait) the owners' databases are the truth, and
 * every consumer shows exactly one effect of each committed change, in each member's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsUnderLoadIT {

    /** Bound for the platform to settle after the last fault (every outbox drained, every consumer caught up). */
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration BETWEEN_FAULTS = Duration.ofSeconds(8);
    private static final List<String> AUDITED_TOPICS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(Topics.MEMBER_EVENTS, Topics.CONSENT_EVENTS, Topics.RETENTION_EVENTS,
                    Topics.DISCLOSURE_EVENTS, Topics.ACCESS_RECORDS),
            Topics.RETENTION_EXPIRED.stream()).toList();

    private final PlatformUnderTest platform = PlatformUnderTest.get();
    private final Databases db = new Databases(platform.postgres);
    private final Map<String, String> report = new LinkedHashMap<>();
    private List<ServiceProcess> services;
    private Faults faults;
    private MixedLoad load;
    private Instant loadStarted;
    /** The owner's truth: member ID → withdrawn (member-service's live and separated stores, created during the load). */
    private Map<UUID, Boolean> owned;

    @BeforeAll
    void driveTheLoadThroughEveryFault() {
        ServiceProcess member = platform.member();
        services = List.of(member, platform.service("consent-service"), platform.service("retention-service"),
                platform.service("disclosure-service"), platform.service("audit-log-service"));
        faults = new Faults(services, PlatformUnderTest.READY);
        loadStarted = Instant.now().minusSeconds(1);
        long started = System.nanoTime();
        load = new MixedLoad(member.baseUrl(), platform.service("consent-service").baseUrl()).start(3);
        try {
            Faults.sleep(Duration.ofSeconds(12)); // a steady state first
            for (ServiceProcess service : services) {
                faults.killAndRestart(service);
                Faults.sleep(BETWEEN_FAULTS);
            }
            faults.stopKafka(platform.kafka, Duration.ofSeconds(10));
            Faults.sleep(BETWEEN_FAULTS);
            faults.stopPostgres(platform.postgres, Duration.ofSeconds(5));
            Faults.sleep(BETWEEN_FAULTS);
        } finally {
            load.close();
        }
        report.put("load duration", Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        report.put("steps sent", Long.toString(load.steps.get()));
        report.put("HTTP attempts (with retries)", load.attempts.get() + " (" + load.retried.get() + " retries)");
        report.put("steps acknowledged 2xx", Long.toString(load.acknowledged.get()));
        report.put("steps given up (no answer by the deadline)", Long.toString(load.givenUp.get()));
        faults.outcomes().forEach(o -> report.put("downtime " + o.fault(), o.downtime().toMillis() + " ms"));
        faults.skipped().forEach((fault, why) -> report.put("skipped " + fault, why));
    }

    @AfterAll
    void printTheCounts() {
        StringBuilder out = new StringBuilder("\n==== FaultsUnderLoadIT ====\n");
        report.forEach((k, v) -> out.append(String.format("  %-58s %s%n", k, v)));
        System.out.println(out);
    }

    @Test
    @Order(1)
    void everyServiceIsReadyAgainAfterEveryFaultWithoutManualHelp() {
        for (ServiceProcess s : services) {
            given().when().get(s.baseUrl() + "/q/health/ready").then().statusCode(200);
        }
        assertThat(faults.outcomes()).extracting(Faults.Outcome::fault)
                .contains("kill -9 member-service", "kill -9 consent-service", "kill -9 retention-service",
                        "kill -9 disclosure-service", "kill -9 audit-log-service");
        assertThat(load.acknowledged.get()).as("the load got answers").isPositive();
    }

    @Test
    @Order(2)
    void brokerStopAndRestartWasSurvived() {
        Assumptions.assumeFalse(faults.skipped().containsKey("kafka"), () -> "Kafka fault not injected: " + faults.skipped().get("kafka"));
        assertThat(faults.outcomes()).extracting(Faults.Outcome::fault).contains("kafka broker stop/restart");
    }

    @Test
    @Order(3)
    void postgresStopAndRestartWasSurvived() {
        Assumptions.assumeFalse(faults.skipped().containsKey("postgres"),
                () -> "PostgreSQL fault not injected: " + faults.skipped().get("postgres"));
        assertThat(faults.outcomes()).extracting(Faults.Outcome::fault).contains("postgresql stop/restart");
    }

    @Test
    @Order(4)
    void everyCommittedChangeLeftItsOutboxAndNoSignUpCommittedTwice() {
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String database : List.of("member", "consent", "retention", "disclosure", "auditlog")) {
                assertThat(db.count(database, "SELECT count(*) FROM outbox_event"))
                        .as("%s: committed events still waiting to be published", database).isZero();
            }
        });
        Map<UUID, Boolean> owner = owned();
        Set<UUID> unknown = new HashSet<>(owner.keySet());
        unknown.removeAll(load.members);
        report.put("members committed (owner: member-service)", owner.size() + " (" + owner.values().stream().filter(w -> w).count()
                + " withdrawn); answered to the load: " + load.members.size());
        report.put("sign-ups committed whose answer was lost", Integer.toString(unknown.size()));
        assertThat(owner.keySet()).as("every member the load was told about is committed").containsAll(load.members);
        assertThat(unknown.size()).as("a sign-up retried with its Idempotency-Key never commits a second member")
                .isLessThanOrEqualTo(load.unansweredSignUps.size());
        assertThat(owner).as("the load ran").isNotEmpty();
    }

    @Test
    @Order(5)
    void P06_everySignUpAndWithdrawalHasExactlyOneEffectInEveryConsumer() {
        Map<UUID, Boolean> owner = owned();
        Set<UUID> all = owner.keySet();
        Set<UUID> withdrawn = owner.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.toSet());
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            // consent-service: one ledger per member (MemberRegistered), closed for each withdrawn one (MemberWithdrawn)
            Map<UUID, Long> ledgers = perMember("consent", "SELECT member_id, count(*) FROM consent_subject WHERE member_id = ANY(?) GROUP BY member_id", all);
            assertExactlyOnce("consent-service ledger (MemberRegistered)", all, ledgers);
            Map<UUID, Long> closed = perMember("consent", "SELECT member_id, count(*) FROM consent_subject WHERE member_id = ANY(?) "
                    + "AND withdrawn_at IS NOT NULL GROUP BY member_id", all);
            assertExactlyOnce("consent-service ledger closed (MemberWithdrawn)", withdrawn, closed);
            // consent-service: the required purposes' sign-up receipts once per member and purpose
            long signUpReceipts = db.count("consent", "SELECT count(*) FROM consent_receipt WHERE member_id = ANY(?) AND method = 'SIGN_UP'", all);
            long distinctSignUpReceipts = db.count("consent", "SELECT count(DISTINCT (member_id, purpose)) FROM consent_receipt "
                    + "WHERE member_id = ANY(?) AND method = 'SIGN_UP'", all);
            assertThat(signUpReceipts).as("sign-up receipts, one per member and required purpose").isEqualTo(distinctSignUpReceipts);
            // retention-service: one schedule per withdrawn member and category (MemberWithdrawn), none for a live member
            String byWithdrawal = "member_id = ANY(?) AND category <> 'COMPLAINT_RECORDS'";
            Map<UUID, Long> scheduled = perMember("retention", "SELECT member_id, count(DISTINCT category) FROM retention_schedule "
                    + "WHERE " + byWithdrawal + " GROUP BY member_id", all);
            long schedules = db.count("retention", "SELECT count(*) FROM retention_schedule WHERE " + byWithdrawal, all);
            long distinct = db.count("retention", "SELECT count(DISTINCT (member_id, category)) FROM retention_schedule WHERE " + byWithdrawal, all);
            report.put("retention-service schedules (MemberWithdrawn) expected/seen/doubles", distinct + "/" + schedules + "/" + (schedules - distinct));
            assertThat(scheduled.keySet()).as("retention schedules (MemberWithdrawn): exactly the withdrawn members").isEqualTo(withdrawn);
            assertThat(schedules).as("no category scheduled twice for a member").isEqualTo(distinct);
            assertThat(Set.copyOf(scheduled.values())).as("every withdrawn member has the same number of categories").hasSizeLessThanOrEqualTo(1);
            // retention-service: a complaint-records schedule once per member whose correction was applied (ComplaintResolved)
            Set<UUID> applied = Set.copyOf(db.uuids("member", "SELECT DISTINCT member_id FROM correction_request WHERE member_id = ANY(?) "
                    + "AND status = 'APPLIED'", all));
            Map<UUID, Long> complaints = perMember("retention", "SELECT member_id, count(*) FROM retention_schedule WHERE member_id = ANY(?) "
                    + "AND category = 'COMPLAINT_RECORDS' GROUP BY member_id", all);
            assertExactlyOnce("retention-service complaint records (ComplaintResolved)", applied, complaints);
            // disclosure-service: one withdrawal per withdrawn member
            Map<UUID, Long> ended = perMember("disclosure", "SELECT member_id, count(*) FROM member_withdrawal WHERE member_id = ANY(?) GROUP BY member_id", all);
            assertExactlyOnce("disclosure-service membership ended (MemberWithdrawn)", withdrawn, ended);
        });
    }

    @Test
    @Order(6)
    void P05_everyMarketingConsentReceiptHasExactlyOneAuditEntry() {
        Set<UUID> all = owned().keySet();
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String[] kind : List.of(new String[]{"GRANTED", "ConsentGranted.v1"}, new String[]{"WITHDRAWN", "ConsentWithdrawn.v1"})) {
                Map<UUID, Long> receipts = perMember("consent", "SELECT member_id, count(*) FROM consent_receipt WHERE member_id = ANY(?) "
                        + "AND purpose = 'MARKETING' AND state = '" + kind[0] + "' GROUP BY member_id", all);
                Map<UUID, Long> entries = perMember("auditlog", "SELECT member_id, count(*) FROM audit_entry WHERE member_id = ANY(?) "
                        + "AND source_type = '" + kind[1] + "' GROUP BY member_id", all);
                long expected = receipts.values().stream().mapToLong(Long::longValue).sum();
                long seen = entries.values().stream().mapToLong(Long::longValue).sum();
                report.put("audit-log " + kind[1] + " expected/seen", expected + "/" + seen);
                assertThat(entries).as("audit entries of %s per member = consent-service's %s receipts", kind[1], kind[0])
                        .isEqualTo(receipts);
            }
        });
    }

    @Test
    @Order(7)
    void P04_everyGuardianConsentActivatesItsUnder14MemberExactlyOnceInMemberService() {
        Set<UUID> live = owned().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).collect(Collectors.toSet());
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<UUID> children = Set.copyOf(db.uuids("member", "SELECT id FROM member WHERE id = ANY(?) AND guardian_consent_required", live));
            Set<UUID> guardians = Set.copyOf(db.uuids("consent", "SELECT member_id FROM guardian_consent WHERE member_id = ANY(?)", children));
            Map<UUID, Long> active = perMember("member", "SELECT id, 1 FROM member WHERE id = ANY(?) AND status = 'ACTIVE'", children);
            assertExactlyOnce("member-service activation (GuardianConsentConfirmed)", guardians, active);
            Map<UUID, Long> audited = perMember("auditlog", "SELECT member_id, count(*) FROM audit_entry WHERE member_id = ANY(?) "
                    + "AND source_type = 'MemberActivated.v1' GROUP BY member_id", children);
            assertExactlyOnce("audit-log MemberActivated", guardians, audited);
            assertThat(guardians).as("the load had under-14 members").isNotEmpty();
        });
    }

    @Test
    @Order(8)
    void P13_exactlyThePendingCorrectionsAreRestrictedInTheDisclosureServiceInEachMembersOrder() {
        Set<UUID> live = owned().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).collect(Collectors.toSet());
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<UUID> pending = Set.copyOf(db.uuids("member", "SELECT id FROM correction_request WHERE member_id = ANY(?) AND status = 'PENDING'", live));
            Set<UUID> requested = Set.copyOf(db.uuids("member", "SELECT id FROM correction_request WHERE member_id = ANY(?)", live));
            Set<UUID> restricted = Set.copyOf(db.uuids("disclosure", "SELECT DISTINCT correction_id FROM field_restriction WHERE member_id = ANY(?)", live));
            report.put("corrections requested/pending/restricted in disclosure-service",
                    requested.size() + "/" + pending.size() + "/" + restricted.size());
            // a CorrectionApplied handled before its CorrectionRequested would leave a restriction behind
            assertThat(restricted).as("field restrictions = pending corrections (requested, then applied, in order)").isEqualTo(pending);
        });
    }

    @Test
    @Order(9)
    void P19_everyPublishedEventIsAuditedExactlyOnceInEachMembersOrderAndTheChainVerifies() {
        Set<UUID> all = owned().keySet();
        Set<String> keys = all.stream().map(UUID::toString).collect(Collectors.toSet());
        // what the services really published for the load's members (copies of a re-sent record count once)
        Map<String, Set<UUID>> published = new TreeMap<>();
        Map<UUID, Long> memberEventSequence = new HashMap<>();
        try (TopicProbe probe = new TopicProbe(platform.kafka.bootstrapServers(), AUDITED_TOPICS)) {
            List<ConsumerRecord<String, byte[]>> records = probe.drain(Duration.ofSeconds(60));
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.key() == null || !keys.contains(record.key())) {
                    continue;
                }
                CloudEvent event = TopicProbe.cloudEvent(record);
                UUID id = UUID.fromString(event.getId());
                published.computeIfAbsent(record.topic(), t -> new HashSet<>()).add(id);
                Object sequence = event.getExtension("sequence");
                if (Topics.MEMBER_EVENTS.equals(record.topic()) && sequence != null) {
                    memberEventSequence.put(id, Long.parseLong(sequence.toString()));
                }
            }
        }
        assertThat(published).containsKey(Topics.MEMBER_EVENTS);
        Set<UUID> everyEvent = published.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (Map.Entry<String, Set<UUID>> topic : published.entrySet()) {
                long seen = db.count("auditlog", "SELECT count(*) FROM audit_entry WHERE source_event_id = ANY(?)", topic.getValue());
                long distinct = db.count("auditlog", "SELECT count(DISTINCT source_event_id) FROM audit_entry WHERE source_event_id = ANY(?)", topic.getValue());
                report.put("audit-log entries of " + topic.getKey() + " expected/seen/doubles",
                        topic.getValue().size() + "/" + distinct + "/" + (seen - distinct));
                assertThat(seen).as("audit entries of %s events: every published event once", topic.getKey())
                        .isEqualTo(topic.getValue().size()).isEqualTo(distinct);
            }
        });
        assertThat(everyEvent).isNotEmpty();

        // order per member: member.events of one member are in the chain in ce_sequence order
        List<Object[]> chain = db.rows("auditlog", "SELECT member_id, source_event_id FROM audit_entry WHERE source_event_id = ANY(?) "
                + "AND source_topic = 'member.events' ORDER BY sequence", published.get(Topics.MEMBER_EVENTS));
        Map<UUID, List<Long>> sequencesInChainOrder = new HashMap<>();
        for (Object[] row : chain) {
            Long sequence = memberEventSequence.get((UUID) row[1]);
            if (row[0] != null && sequence != null) {
                sequencesInChainOrder.computeIfAbsent((UUID) row[0], m -> new ArrayList<>()).add(sequence);
            }
        }
        assertThat(sequencesInChainOrder).isNotEmpty();
        sequencesInChainOrder.forEach((memberId, sequences) ->
                assertThat(sequences).as("member %s: its member.events in the audit chain in ce_sequence order", memberId).isSorted());
        report.put("members whose audit order was checked", Integer.toString(sequencesInChainOrder.size()));

        JsonPath verification = given().auth().oauth2(Members.COMPLIANCE)
                .when().get(platform.service("audit-log-service").baseUrl() + "/v1/audit/verification")
                .then().statusCode(200).extract().jsonPath();
        report.put("audit chain entries checked", Long.toString(verification.getLong("entriesChecked")));
        assertThat(verification.getBoolean("intact")).as("whole chain after the faults: %s", verification.prettify()).isTrue();
    }

    @Test
    @Order(10)
    void noEventOfTheLoadWasDeadLetteredByAnyConsumer() throws Exception {
        Set<String> keys = owned().keySet().stream().map(UUID::toString).collect(Collectors.toSet());
        Set<String> deadLetterTopics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers()))) {
            deadLetterTopics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
        }
        long deadLettered = 0;
        if (!deadLetterTopics.isEmpty()) {
            try (TopicProbe probe = new TopicProbe(platform.kafka.bootstrapServers(), deadLetterTopics)) {
                deadLettered = probe.drain(Duration.ofSeconds(30)).stream()
                        .filter(r -> r.key() != null && keys.contains(r.key())).count();
            }
        }
        report.put("dead-lettered events of the load's members (" + deadLetterTopics.size() + " DLQ topics)", Long.toString(deadLettered));
        assertThat(deadLettered).as("a fault is waited out, never dead-lettered").isZero();
    }

    @Test
    @Order(11)
    void noPersonalValueOfTheLoadLeftThroughATopicOrAServiceLogDuringTheFaults() throws Exception {
        Set<String> values = Set.copyOf(load.personalValues);
        report.put("personal values scanned for on every topic and in every service log", Integer.toString(values.size()));
        assertThat(values).isNotEmpty();
        PersonalDataScan.assertNoTopicCarries(platform, values);
        PersonalDataScan.assertNoLogCarries(platform.logs, values);
    }

    /** member-service's members created during the load, live or separated (withdrawn): ID → withdrawn. */
    private Map<UUID, Boolean> owned() {
        if (owned == null) {
            Map<UUID, Boolean> members = new HashMap<>();
            db.uuids("member", "SELECT id FROM member WHERE created_at >= ?", java.sql.Timestamp.from(loadStarted))
                    .forEach(id -> members.put(id, false));
            db.uuids("member", "SELECT member_id FROM separated.member_profile WHERE registered_at >= ?", java.sql.Timestamp.from(loadStarted))
                    .forEach(id -> members.put(id, true));
            owned = Map.copyOf(members);
        }
        return owned;
    }

    private Map<UUID, Long> perMember(String database, String sql, Set<UUID> members) {
        Map<UUID, Long> counts = new HashMap<>();
        for (Object[] row : db.rows(database, sql, members)) {
            counts.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** Each expected member exactly once, nobody else; the counts go to the report. */
    private void assertExactlyOnce(String consumer, Set<UUID> expected, Map<UUID, Long> seen) {
        long doubles = seen.values().stream().filter(c -> c > 1).count();
        Set<UUID> lost = new HashSet<>(expected);
        lost.removeAll(seen.keySet());
        report.put(consumer + " expected/seen/doubles", expected.size() + "/" + seen.size() + "/" + doubles);
        assertThat(lost).as("%s: lost", consumer).isEmpty();
        assertThat(seen.keySet()).as("%s: only the expected members", consumer).isEqualTo(expected);
        assertThat(doubles).as("%s: double effects", consumer).isZero();
    }
}

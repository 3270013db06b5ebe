package dev.privacy.member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacy.member.service.DestructionService;
import dev.privacy.member.service.ServiceApplications;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-based destruction of a RetentionExpired batch (issue 8) against the same events destroyed
 * in turn as batches of one (what the inbox does when a batch is handled again): on the same seeded
 * rows, each run in its own transaction that is rolled back, both must leave the same rows and write
 * the same DataDestroyed answers and access records, in the same order.
 * The rows are seeded by SQL (destruction never decrypts), so each case is exactly what it says.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class RetentionBatchDestructionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DestructionService destruction;

    @Inject
    EntityManager entityManager;

    /** The seeded subjects, each named for what it holds. */
    private record Subjects(UUID separatedWithContractAndPayment, UUID liveWithApplication, UUID separatedProfileOnly,
                            UUID caseWithoutMember, UUID liveWithCases, UUID holdsNothing) {
        List<UUID> all() {
            return List.of(separatedWithContractAndPayment, liveWithApplication, separatedProfileOnly, caseWithoutMember,
                    liveWithCases, holdsNothing);
        }
    }

    /** What a destruction left and wrote: remaining rows per table and subject, and the outbox rows per topic. */
    private record Effect(List<String> remainingRows, Map<String, List<String>> outbox) {
    }

    @Test
    void P07_P09_aBatchDeletesTheSameRowsAndAnswersWithTheSameCountsMethodsAndAccessRecordsAsTheEventsInTurn() {
        Subjects s = seed();
        List<RetentionExpired> batch = batchFor(s);

        Effect inTurn = inRolledBackTransaction(s, () -> batch.forEach(e -> destruction.onRetentionExpired(incoming(List.of(e)))));
        Effect setBased = inRolledBackTransaction(s, () -> destruction.onRetentionExpired(incoming(batch)));

        assertThat(setBased.remainingRows()).isEqualTo(inTurn.remainingRows());
        assertThat(setBased.outbox()).isEqualTo(inTurn.outbox());
        // and what that is, so two equally wrong paths cannot pass
        assertThat(answers(setBased)).containsExactly(
                "PAYMENT_RECORDS " + s.separatedWithContractAndPayment() + " 1 DELETE",
                "LIVE_PROFILE " + s.liveWithApplication() + " 1 DELETE",
                "MEMBER_PROFILE " + s.separatedProfileOnly() + " 1 CRYPTO_SHRED",
                "CONTRACT_RECORDS " + s.separatedWithContractAndPayment() + " 2 CRYPTO_SHRED",
                "COMPLAINT_RECORDS " + s.caseWithoutMember() + " 1 CRYPTO_SHRED",
                "COMPLAINT_RECORDS " + s.liveWithCases() + " 1 DELETE",
                "PAYMENT_RECORDS " + s.holdsNothing() + " 0 CRYPTO_SHRED",
                "MEMBER_PROFILE " + s.separatedProfileOnly() + " 0 CRYPTO_SHRED",
                "SERVICE_LOGS " + s.separatedWithContractAndPayment() + " 0 CRYPTO_SHRED");
        assertThat(accessRecords(setBased)).containsExactly(
                s.separatedWithContractAndPayment() + " DELETE RETENTION " + ServiceApplications.PAYMENT_FIELDS,
                s.liveWithApplication() + " DELETE RETENTION",
                s.separatedProfileOnly() + " DELETE RETENTION",
                s.separatedWithContractAndPayment() + " DELETE RETENTION",
                s.caseWithoutMember() + " DELETE RETENTION",
                s.liveWithCases() + " DELETE RETENTION");
        assertThat(setBased.remainingRows()).containsExactlyInAnyOrder(
                "member_data_key " + s.liveWithApplication(),
                "service_application " + s.liveWithApplication(),
                "payment_record " + s.liveWithApplication(),
                "member " + s.liveWithCases(),
                "member_data_key " + s.liveWithCases(),
                "privacy_desk_case/OPEN " + s.liveWithCases());
    }

    @Test
    void P07_P09_aBatchThroughTheRetentionTopicShredsAMembersKeyOnlyWithItsLastCategory() {
        UUID member = UUID.randomUUID();
        inTransaction(() -> {
            separatedMember(member, false);
            dataKey(member);
        });
        UUID payment = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            // published back to back: the consumer most likely takes both in one poll, and either way
            // the answers must be those of the events in turn
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(payment, member,
                    DataCategory.PAYMENT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(contract, member,
                    DataCategory.CONTRACT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            var records = probe.pollUntil(r -> TestMembers.ofType(r, DataDestroyed.class, member).size() >= 2,
                    Duration.ofSeconds(30));
            Map<String, String> methodBySchedule = new LinkedHashMap<>();
            TestMembers.ofType(records, DataDestroyed.class, member).stream().map(TestMembers::json)
                    .forEach(j -> methodBySchedule.put(j.path("scheduleId").asText(),
                            j.path("recordCount").asLong() + " " + j.path("method").asText()));
            assertThat(methodBySchedule).containsExactly(
                    Map.entry(payment.toString(), "1 DELETE"), Map.entry(contract.toString(), "2 CRYPTO_SHRED"));
        }
    }

    /**
     * The batch: a subject with three events (two categories and one it does not hold), one with
     * a repeat, one event for another owner, subjects whose key stays or goes.
     */
    private static List<RetentionExpired> batchFor(Subjects s) {
        Instant now = Instant.now();
        return List.of(
                expired(s.separatedWithContractAndPayment(), DataCategory.PAYMENT_RECORDS, "member-service", now),
                expired(s.liveWithApplication(), DataCategory.LIVE_PROFILE, "member-service", now),
                expired(s.liveWithApplication(), DataCategory.CONSENT_RECORDS, "consent-service", now),
                expired(s.separatedProfileOnly(), DataCategory.MEMBER_PROFILE, "member-service", now),
                expired(s.separatedWithContractAndPayment(), DataCategory.CONTRACT_RECORDS, "member-service", now),
                expired(s.caseWithoutMember(), DataCategory.COMPLAINT_RECORDS, "member-service", now),
                expired(s.liveWithCases(), DataCategory.COMPLAINT_RECORDS, "member-service", now),
                expired(s.holdsNothing(), DataCategory.PAYMENT_RECORDS, "member-service", now),
                expired(s.separatedProfileOnly(), DataCategory.MEMBER_PROFILE, "member-service", now),
                expired(s.separatedWithContractAndPayment(), DataCategory.SERVICE_LOGS, "member-service", now));
    }

    private static RetentionExpired expired(UUID subject, DataCategory category, String owner, Instant now) {
        return new RetentionExpired(UUID.randomUUID(), subject, category, owner, now);
    }

    private static List<IncomingEvent> incoming(List<RetentionExpired> events) {
        return events.stream().map(e -> new IncomingEvent(UUID.randomUUID(), TestMembers.ceType(RetentionExpired.class),
                "retention-service", e.subjectId(), Instant.now(), Topics.retentionExpired(Services.MEMBER), EventJson.toBytes(e))).toList();
    }

    private Subjects seed() {
        Subjects s = new Subjects(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID());
        inTransaction(() -> {
            separatedMember(s.separatedWithContractAndPayment(), false);
            separatedMember(s.separatedProfileOnly(), true);
            liveMember(s.liveWithApplication());
            execute("INSERT INTO service_application VALUES (gen_random_uuid(), ?1, '\\x00', now())",
                    s.liveWithApplication());
            execute("INSERT INTO payment_record VALUES (gen_random_uuid(), gen_random_uuid(), ?1, '\\x00', now())",
                    s.liveWithApplication());
            deskCase(s.caseWithoutMember(), null, "RESOLVED");
            liveMember(s.liveWithCases());
            deskCase(UUID.randomUUID(), s.liveWithCases(), "RESOLVED");
            deskCase(UUID.randomUUID(), s.liveWithCases(), "OPEN");
            s.all().stream().filter(id -> !id.equals(s.holdsNothing())).forEach(this::dataKey);
        });
        return s;
    }

    /** A withdrawn member: a separated profile only, or a contract record, an application and a payment record. */
    private void separatedMember(UUID member, boolean profileOnly) {
        asSeparatedRole(() -> {
            if (profileOnly) {
                execute("""
                        INSERT INTO separated.member_profile (member_id, login_id_hash, email_hash, name_ct, login_id_ct,
                            mobile_ct, email_ct, registered_at, separated_at)
                        VALUES (?1, '\\x01', '\\x02', '\\x00', '\\x00', '\\x00', '\\x00', now(), now())""", member);
                return;
            }
            execute("INSERT INTO separated.contract_record VALUES (?1, now(), now(), 'MEMBER')", member);
            execute("INSERT INTO separated.service_application VALUES (gen_random_uuid(), ?1, '\\x00', now(), now())",
                    member);
            execute("""
                    INSERT INTO separated.payment_record
                    VALUES (gen_random_uuid(), gen_random_uuid(), ?1, '\\x00', now(), now())""", member);
        });
    }

    private void liveMember(UUID member) {
        execute("""
                INSERT INTO member (id, status, login_id_hash, email_hash, password_hash, name_ct, login_id_ct, mobile_ct,
                    email_ct, guardian_consent_required, created_at, updated_at)
                VALUES (?1, 'ACTIVE', decode(md5('login' || ?1), 'hex'), decode(md5('email' || ?1), 'hex'), 'x',
                    '\\x00', '\\x00', '\\x00', '\\x00', false, now(), now())""", member);
    }

    /** A complaint case of the member, or (member null) of no member: its own subject. */
    private void deskCase(UUID id, UUID member, String status) {
        String resolution = status.equals("RESOLVED") ? "now(), 'FULFILLED'" : "NULL, NULL";
        var insert = entityManager.createNativeQuery("""
                        INSERT INTO privacy_desk_case (id, member_id, kind, channel, status, recorded_by_role, description_ct,
                            received_at, due_at, resolved_at, outcome)
                        VALUES (?1, %s, 'COMPLAINT', 'WRITTEN', '%s', 'privacy-officer', '\\x00', now(),
                            now() + interval '10 days', %s)""".formatted(member == null ? "NULL" : "?2", status, resolution))
                .setParameter(1, id);
        if (member != null) {
            insert.setParameter(2, member);
        }
        insert.executeUpdate();
    }

    private void dataKey(UUID subject) {
        execute("INSERT INTO member_data_key VALUES (?1, '\\x00', 0, now())", subject);
    }

    /** Runs the destruction in a transaction that is rolled back, and reads what it did before the rollback. */
    private Effect inRolledBackTransaction(Subjects s, Runnable destroy) {
        QuarkusTransaction.begin();
        try {
            destroy.run();
            return new Effect(remainingRows(s), outboxRows(s));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private List<String> remainingRows(Subjects s) {
        List<String> rows = new ArrayList<>();
        Object[] ids = s.all().toArray();
        query("""
                SELECT 'member', id FROM member WHERE id = ANY(?)
                UNION ALL SELECT 'member_data_key', member_id FROM member_data_key WHERE member_id = ANY(?)
                UNION ALL SELECT 'service_application', member_id FROM service_application WHERE member_id = ANY(?)
                UNION ALL SELECT 'payment_record', member_id FROM payment_record WHERE member_id = ANY(?)
                UNION ALL SELECT 'privacy_desk_case/' || status, COALESCE(member_id, id) FROM privacy_desk_case
                    WHERE member_id = ANY(?) OR id = ANY(?)""", "uuid", ids, r -> rows.add(r.getString(1) + " " + r.getObject(2)));
        asSeparatedRole(() -> query("""
                SELECT 'separated.member_profile', member_id FROM separated.member_profile WHERE member_id = ANY(?)
                UNION ALL SELECT 'separated.contract_record', member_id FROM separated.contract_record WHERE member_id = ANY(?)
                UNION ALL SELECT 'separated.service_application', member_id FROM separated.service_application
                    WHERE member_id = ANY(?)
                UNION ALL SELECT 'separated.payment_record', member_id FROM separated.payment_record WHERE member_id = ANY(?)
                """, "uuid", ids, r -> rows.add(r.getString(1) + " " + r.getObject(2))));
        rows.sort(null);
        return rows;
    }

    /** The outbox rows about the subjects, per topic in outbox order, without the fields that differ on every run. */
    private Map<String, List<String>> outboxRows(Subjects s) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        query("SELECT topic, type, payload::text FROM outbox_event WHERE aggregateid = ANY(?) ORDER BY position", "text",
                s.all().stream().map(UUID::toString).toArray(), r -> rows.computeIfAbsent(r.getString(1), t -> new ArrayList<>())
                        .add(r.getString(2) + " " + withoutRunFields(r.getString(3))));
        return rows;
    }

    private static String withoutRunFields(String payload) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(payload);
            json.remove(List.of("destructionId", "accessId", "occurredAt"));
            return json.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> answers(Effect effect) {
        return effect.outbox().getOrDefault(Topics.MEMBER_EVENTS, List.of()).stream().map(RetentionBatchDestructionTest::data)
                .map(j -> j.path("category").asText() + " " + j.path("memberId").asText() + " "
                        + j.path("recordCount").asLong() + " " + j.path("method").asText())
                .toList();
    }

    /** Subject, action and purpose of each access record; the field names too for the first (they follow the category). */
    private static List<String> accessRecords(Effect effect) {
        List<JsonNode> records = effect.outbox().getOrDefault(Topics.ACCESS_RECORDS, List.of()).stream()
                .map(RetentionBatchDestructionTest::data).toList();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode j = records.get(i);
            String line = j.path("memberId").asText() + " " + j.path("action").asText() + " " + j.path("purpose").asText();
            described.add(i == 0 ? line + " " + JSON.convertValue(j.path("fields"), List.class) : line);
        }
        return described;
    }

    private static JsonNode data(String outboxRow) {
        try {
            return JSON.readTree(outboxRow.substring(outboxRow.indexOf(' ') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void inTransaction(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }

    private void execute(String sql, UUID id) {
        entityManager.createNativeQuery(sql).setParameter(1, id).executeUpdate();
    }

    private void asSeparatedRole(Runnable work) {
        entityManager.createNativeQuery("SELECT set_config('role', 'member_separated', true)").getSingleResult();
        try {
            work.run();
        } finally {
            entityManager.createNativeQuery("RESET ROLE").executeUpdate();
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet row) throws java.sql.SQLException;
    }

    /** Runs {@code sql} with the array bound to each of its parameters, in the current transaction. */
    private void query(String sql, String elementType, Object[] array, RowConsumer onRow) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                java.sql.Array values = connection.createArrayOf(elementType, array);
                long parameters = sql.chars().filter(c -> c == '?').count();
                for (int i = 1; i <= parameters; i++) {
                    statement.setArray(i, values);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        onRow.accept(rows);
                    }
                }
            }
        });
    }
}

package dev.privacy.auditlog;

import dev.privacy.auditlog.service.ChainVerifier;
import dev.privacy.auditlog.service.Checkpoints;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * P19: the log is protected against forgery. Each test rewrites rows the way an attacker with
 * database access would (triggers off, as a superuser can), verifies inside the same transaction,
 * and rolls back, so the shared log is left as it was.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class TamperEvidenceTest {

    @Inject
    EntityManager entityManager;

    @Inject
    ChainVerifier verifier;

    @Inject
    Checkpoints checkpoints;

    private List<Long> sequences;

    @BeforeEach
    void appendFiveEntries() {
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(AuditTestSupport.send(Topics.MEMBER_EVENTS, Services.MEMBER,
                    new MemberActivated(UUID.randomUUID(), null, Instant.now())));
        }
        sequences = new ArrayList<>();
        for (UUID event : events) {
            sequences.add(AuditTestSupport.awaitSequence(event));
        }
        sequences.sort(Long::compare);
    }

    private long first() {
        return sequences.get(0);
    }

    private long last() {
        return sequences.get(sequences.size() - 1);
    }

    @Test
    void P19_anUntouchedRangeVerifies() {
        ChainVerifier.Verification result = verifier.verify(first(), last());
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(last() - first() + 1);
    }

    @Test
    void P19_anEditedEntryIsNamed() {
        long target = sequences.get(2);
        var result = tampered(sql -> sql.accept(
                "UPDATE audit_entry SET source_type = 'MemberWithdrawn.v1' WHERE sequence = " + target));
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(target);
        assertThat(result.reason()).contains("content was changed");
    }

    @Test
    void P19_anEntryWhoseHashWasReplacedIsNamed() {
        long target = sequences.get(2);
        var result = tampered(sql -> sql.accept("UPDATE audit_entry SET hash = repeat('a', 64) WHERE sequence = " + target));
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(target);
    }

    @Test
    void P19_aDeletedEntryIsNamed() {
        long target = sequences.get(1);
        var result = tampered(sql -> sql.accept("DELETE FROM audit_entry WHERE sequence = " + target));
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(target);
        assertThat(result.reason()).contains("missing");
    }

    @Test
    void P19_anInsertedEntryIsFoundWhereItWasSlipped() {
        // Insert a copy of entry k as a new k+1, shifting every later entry up by one.
        long k = sequences.get(2);
        var result = tampered(sql -> {
            sql.accept("UPDATE audit_entry SET sequence = -(sequence + 1) WHERE sequence > " + k);
            sql.accept("UPDATE audit_entry SET sequence = -sequence WHERE sequence < 0");
            sql.accept("""
                    INSERT INTO audit_entry (sequence, entry_id, source_topic, source_event_id, source_type, source_service,
                        actor_id, actor_role, action, member_id, fields, purpose, category, occurred_at, recorded_at,
                        data_hash, leaf_hash, previous_hash, hash)
                    SELECT sequence + 1, gen_random_uuid(), source_topic, gen_random_uuid(), source_type, source_service,
                        actor_id, actor_role, action, member_id, fields, purpose, category, occurred_at, recorded_at,
                        data_hash, leaf_hash, hash, hash
                    FROM audit_entry WHERE sequence = %d""".formatted(k));
        });
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(k + 1);
    }

    @Test
    void P19_reorderedEntriesAreNamed() {
        long a = sequences.get(1);
        long b = sequences.get(3);
        var result = tampered(sql -> {
            sql.accept("UPDATE audit_entry SET sequence = -1 WHERE sequence = " + a);
            sql.accept("UPDATE audit_entry SET sequence = " + a + " WHERE sequence = " + b);
            sql.accept("UPDATE audit_entry SET sequence = " + b + " WHERE sequence = -1");
        });
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(a);
    }

    @Test
    void P19_aTruncatedTailIsCaughtByTheSignedCheckpoint() {
        // Signing the head under the append lock: the checkpoint covers at least our last entry.
        long signedAt = checkpoints.signHead().orElseThrow().sequence;
        assertThat(signedAt).isGreaterThanOrEqualTo(last());
        var result = tampered(sql -> sql.accept("DELETE FROM audit_entry WHERE sequence >= " + last()), first(), null);
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(last());
        assertThat(result.reason()).contains("truncated");
    }

    @Test
    void P19_aRewrittenTailWithValidHashesIsCaughtByTheSignedCheckpoint() {
        long signedAt = checkpoints.signHead().orElseThrow().sequence;
        // Rewrite the signed head entry and recompute its hashes as the service would: the chain holds, the checkpoint does not.
        var result = tampered(sql -> {
            sql.accept("UPDATE audit_entry SET leaf_hash = repeat('b', 64) WHERE sequence = " + signedAt);
            String previous = (String) entityManager.createNativeQuery(
                    "SELECT previous_hash FROM audit_entry WHERE sequence = " + signedAt).getSingleResult();
            String relinked = dev.privacy.auditlog.service.ChainHash.link(previous, "b".repeat(64));
            sql.accept("UPDATE audit_entry SET hash = '" + relinked + "', purged_at = now(), actor_id = NULL,"
                    + " member_id = NULL, data_hash = NULL WHERE sequence = " + signedAt);
        }, first(), signedAt);
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(signedAt);
        assertThat(result.reason()).contains("checkpoint");
    }

    @Test
    void P19_checkpointsArePublishedWithTheirSignatureAndKey() {
        long signedAt = checkpoints.signHead().orElseThrow().sequence;
        given().auth().oauth2(AuditTestSupport.compliance()).when().get("/v1/audit/checkpoints")
                .then().statusCode(200)
                .body("[0].sequence", greaterThanOrEqualTo((int) signedAt))
                .body("[0].algorithm", equalTo("Ed25519"))
                .body("[0].signature", notNullValue())
                .body("[0].signedStatement", notNullValue());
        given().auth().oauth2(AuditTestSupport.compliance()).when().get("/v1/audit/checkpoints/key")
                .then().statusCode(200).body("algorithm", equalTo("Ed25519")).body("publicKey", notNullValue());
    }

    @Test
    void verificationOfARangeOverRestNamesNothingWhenIntactAndRefusesABadRange() {
        given().auth().oauth2(AuditTestSupport.compliance())
                .queryParam("from", first()).queryParam("to", last())
                .when().get("/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true))
                .body("entriesChecked", equalTo((int) (last() - first() + 1)));
        given().auth().oauth2(AuditTestSupport.compliance())
                .queryParam("from", last()).queryParam("to", first())
                .when().get("/v1/audit/verification")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(AuditTestSupport.compliance()).queryParam("from", "x")
                .when().get("/v1/audit/verification")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("from"));
    }

    private ChainVerifier.Verification tampered(Consumer<Consumer<String>> attack) {
        return tampered(attack, first(), last());
    }

    /** Runs the attack with triggers off, verifies from..to in the same transaction, and rolls everything back. */
    private ChainVerifier.Verification tampered(Consumer<Consumer<String>> attack, long from, Long to) {
        QuarkusTransaction.begin();
        try {
            // Hold the append lock so no consumer appends between the rows we move.
            entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('audit-chain'))").getSingleResult();
            entityManager.createNativeQuery("SET LOCAL session_replication_role = replica").executeUpdate();
            attack.accept(sql -> entityManager.createNativeQuery(sql).executeUpdate());
            entityManager.flush();
            return verifier.verify(from, to);
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}

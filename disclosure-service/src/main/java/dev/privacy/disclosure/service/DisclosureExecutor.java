package dev.privacy.disclosure.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.disclosure.config.DisclosureConfig;
import dev.privacy.disclosure.domain.DisclosureRequest;
import dev.privacy.disclosure.domain.FieldList;
import dev.privacy.disclosure.domain.LedgerEntry;
import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DisclosureBasis;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.disclosure.DisclosureExecuted;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Carries out an approved disclosure (P10): re-checks the basis, reads exactly the approved fields
 * from the member-service, delivers them signed to the recipient, and records the ledger entry with
 * the SHA-256 of what was sent. No transaction is held open over the HTTP calls: the request is
 * claimed (leased), then the outcome is recorded. A failed attempt is retried with backoff; a
 * crash after delivery and before the ledger entry makes the next attempt deliver again under the
 * same {@code X-Privacy-Message-Id}, so the recipient can drop the repeat.
 */
@ApplicationScoped
public class DisclosureExecutor {

    private static final Logger LOG = Logger.getLogger(DisclosureExecutor.class);
    /** How long a claimed request is left to the attempt in flight before another may take it. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    EntityManager em;

    @Inject
    DisclosureRequests requests;

    @Inject
    ConsentKnowledge knowledge;

    @Inject
    RecipientService recipients;

    @Inject
    MemberServiceGateway memberService;

    @Inject
    RecipientDelivery delivery;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    ObjectMapper json;

    @Inject
    DisclosureConfig config;

    @Inject
    Clock clock;

    private record Claim(UUID id, UUID memberId, List<String> fields, Purpose purpose, DisclosureBasis basis,
                         boolean separatedStore, String endpoint, String secret, String recipientCode,
                         String legalReference, String caseNumber, String documentReference) {
        @Override
        public String toString() {
            return "Claim[" + id + "]";
        }
    }

    /** IDs of approved disclosures whose (next) attempt is due. */
    public List<UUID> due(int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT id FROM disclosure_request WHERE status = 'APPROVED' AND next_attempt_at <= ?1
                        ORDER BY next_attempt_at LIMIT ?2""", UUID.class)
                .setParameter(1, java.sql.Timestamp.from(clock.instant())).setParameter(2, limit).getResultList());
        return ids;
    }

    /** One attempt; returns true if the disclosure was delivered and recorded. */
    public boolean execute(UUID id) {
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(id));
        if (claim == null) {
            return false;
        }
        try {
            MemberServiceGateway.Released released = memberService.release(claim.memberId(), claim.fields(),
                    claim.purpose(), claim.id(), claim.separatedStore());
            byte[] body = payload(claim, released);
            RecipientDelivery.Outcome outcome = delivery.post(claim.endpoint(), claim.secret(), "disclosure",
                    claim.id().toString(), body);
            if (!outcome.acknowledged()) {
                QuarkusTransaction.requiringNew().run(() -> failed(claim.id(), "RECIPIENT_" + outcome.error()));
                return false;
            }
            QuarkusTransaction.requiringNew().run(() -> executed(claim, Hashes.sha256(body)));
            return true;
        } catch (MemberServiceGateway.ReleaseFailed e) {
            if (e.restricted()) {
                QuarkusTransaction.requiringNew().run(() -> reject(claim.id(), "FIELDS_RESTRICTED"));
            } else if (e.approvalRefused()) {
                // the member-service checked the approval back and refused it: a retry cannot change that
                QuarkusTransaction.requiringNew().run(() -> reject(claim.id(), e.reasonCode()));
            } else {
                QuarkusTransaction.requiringNew().run(() -> failed(claim.id(), e.getMessage()));
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warnf("Disclosure %s attempt failed: %s", claim.id(), e.getClass().getSimpleName());
            QuarkusTransaction.requiringNew().run(() -> failed(claim.id(), "INTERNAL_" + e.getClass().getSimpleName()));
            return false;
        }
    }

    private Claim claim(UUID id) {
        @SuppressWarnings("unchecked")
        List<DisclosureRequest> rows = em.createNativeQuery("""
                        SELECT * FROM disclosure_request WHERE id = ?1 AND status = 'APPROVED'
                        FOR UPDATE SKIP LOCKED""", DisclosureRequest.class)
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        DisclosureRequest d = rows.get(0);
        Recipient recipient = recipients.require(d.recipientId);
        // The basis must still hold at the moment of release: consent live, no correction pending (P10, P13).
        DisclosureRequests.Refusal refusal = requests.refusalOf(d, recipient);
        Instant now = clock.instant();
        if (refusal != null) {
            rejectLoaded(d, refusal.reason(), now);
            return null;
        }
        // The member-service refuses an approval older than its validity: past it, the request needs a new one.
        if (d.approvedAt != null && now.isAfter(d.approvedAt.plus(config.execution().approvalValidity()))) {
            rejectLoaded(d, "APPROVAL_EXPIRED", now);
            return null;
        }
        d.attempts++;
        d.nextAttemptAt = now.plus(LEASE);
        d.updatedAt = now;
        boolean separated = d.basis == DisclosureBasis.LAWFUL_REQUEST && knowledge.membershipEnded(d.memberId);
        return new Claim(d.id, d.memberId, d.fieldList(), d.purpose, d.basis, separated, recipient.endpoint,
                recipients.secretOf(recipient), recipient.code, d.legalReference, d.caseNumber, d.documentReference);
    }

    private byte[] payload(Claim c, MemberServiceGateway.Released released) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "disclosure");
        body.put("disclosureId", c.id());
        body.put("memberId", c.memberId());
        body.put("recipient", c.recipientCode());
        body.put("legalBasis", c.basis());
        body.put("purpose", c.purpose());
        if (c.basis() == DisclosureBasis.LAWFUL_REQUEST) {
            body.put("legalReference", c.legalReference());
            body.put("caseNumber", c.caseNumber());
            body.put("documentReference", c.documentReference());
        }
        body.put("fields", released.fields());
        body.put("sentAt", clock.instant());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a disclosure");
        }
    }

    private void executed(Claim c, String sha256) {
        DisclosureRequest d = DisclosureRequest.findById(c.id());
        Instant now = clock.instant();
        LedgerEntry entry = new LedgerEntry();
        entry.id = UUID.randomUUID();
        entry.disclosureId = d.id;
        entry.memberId = d.memberId;
        entry.recipientId = d.recipientId;
        entry.fields = FieldList.join(c.fields());
        entry.basis = d.basis;
        entry.purpose = d.purpose;
        entry.authority = d.authority;
        entry.legalReference = d.legalReference;
        entry.nondisclosureUntil = d.nondisclosureUntil;
        entry.payloadSha256 = sha256;
        entry.disclosedAt = now;
        entry.persist();
        d.status = DisclosureRequest.Status.EXECUTED;
        d.nextAttemptAt = null;
        d.lastError = null;
        d.updatedAt = now;
        outbox.publish(new DisclosureExecuted(d.id, d.memberId, d.recipientId, c.fields(), now));
        // Every release is an access record (P02), naming the disclosure it served.
        access.record(d.memberId, AccessAction.EXPORT, c.fields(), d.purpose, d.id.toString());
    }

    private void failed(UUID id, String code) {
        DisclosureRequest d = DisclosureRequest.findById(id);
        if (d == null || d.status != DisclosureRequest.Status.APPROVED) {
            return;
        }
        Instant now = clock.instant();
        d.lastError = code.length() > 255 ? code.substring(0, 255) : code;
        d.nextAttemptAt = now.plus(Backoff.after(d.attempts, config.execution().retryInitial(),
                config.execution().retryMax()));
        d.updatedAt = now;
        LOG.infof("Disclosure %s not delivered (attempt %d, %s); retrying at %s", id, d.attempts, d.lastError,
                d.nextAttemptAt);
    }

    private void reject(UUID id, String reason) {
        DisclosureRequest d = DisclosureRequest.findById(id);
        if (d != null && d.status == DisclosureRequest.Status.APPROVED) {
            rejectLoaded(d, reason, clock.instant());
        }
    }

    private void rejectLoaded(DisclosureRequest d, String reason, Instant now) {
        d.status = DisclosureRequest.Status.REJECTED;
        d.rejectionReason = reason;
        d.rejectedBy = "disclosure-service";
        d.nextAttemptAt = null;
        d.updatedAt = now;
        outbox.publish(new DisclosureRejected(d.id, d.memberId, reason, now));
    }
}

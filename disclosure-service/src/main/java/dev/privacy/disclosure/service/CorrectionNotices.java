package dev.privacy.disclosure.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.disclosure.config.DisclosureConfig;
import dev.privacy.disclosure.domain.CorrectionNotice;
import dev.privacy.disclosure.domain.FieldList;
import dev.privacy.disclosure.domain.LedgerEntry;
import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.disclosure.CorrectionNoticeSent;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.persistence.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Correction notices (P14): on CorrectionApplied every recipient that received an affected field
 * is owed a notice with the corrected values, read from the member-service when it is sent (never
 * stored here), signed with the recipient's secret, retried with backoff until a 2xx
 * acknowledgement. Every attempt is recorded; a notice not acknowledged within
 * {@code privacy.disclosure.notices.escalate-after} is escalated to the privacy desk.
 */
@ApplicationScoped
public class CorrectionNotices {

    private static final Logger LOG = Logger.getLogger(CorrectionNotices.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    EntityManager em;

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

    public record Attempt(int attempt, Instant attemptedAt, Integer httpStatus, String outcome) {
    }

    /** Opens one notice per recipient that received any of the corrected fields (in the inbox transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCorrectionApplied(CorrectionApplied e) {
        List<LedgerEntry> entries = LedgerEntry.list("memberId = ?1 order by disclosedAt", e.memberId());
        Map<UUID, Set<String>> fieldsByRecipient = new LinkedHashMap<>();
        Map<UUID, LedgerEntry> latestByRecipient = new LinkedHashMap<>();
        for (LedgerEntry entry : entries) {
            Set<String> affected = new LinkedHashSet<>(entry.fieldList());
            affected.retainAll(e.fields());
            if (!affected.isEmpty()) {
                fieldsByRecipient.computeIfAbsent(entry.recipientId, k -> new LinkedHashSet<>()).addAll(affected);
                latestByRecipient.put(entry.recipientId, entry);
            }
        }
        Instant now = clock.instant();
        for (var owed : fieldsByRecipient.entrySet()) {
            Recipient recipient = Recipient.findById(owed.getKey());
            LedgerEntry latest = latestByRecipient.get(owed.getKey());
            CorrectionNotice n = new CorrectionNotice();
            n.id = UUID.randomUUID();
            n.memberId = e.memberId();
            n.recipientId = owed.getKey();
            n.correctionId = e.correctionId();
            n.disclosureId = latest.disclosureId;
            n.purpose = latest.purpose;
            n.fields = FieldList.join(ProfileFields.canonical(owed.getValue()));
            n.status = CorrectionNotice.Status.PENDING;
            n.nextAttemptAt = now;
            n.deadline = now.plus(config.notices().escalateAfter());
            n.createdAt = now;
            if (recipient.endpoint == null) {
                // Nowhere to send it: straight to the privacy desk.
                n.escalated = true;
                n.escalatedAt = now;
            }
            n.persist();
        }
    }

    /** IDs of notices whose next attempt is due. */
    public List<UUID> due(int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT n.id FROM correction_notice n JOIN recipient r ON r.id = n.recipient_id
                        WHERE n.status = 'PENDING' AND n.next_attempt_at <= ?1 AND r.endpoint IS NOT NULL
                        ORDER BY n.next_attempt_at LIMIT ?2""", UUID.class)
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, limit).getResultList());
        return ids;
    }

    /** Marks every unacknowledged notice past its deadline as escalated; returns how many were. */
    public int escalateOverdue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<UUID> overdue = em.createNativeQuery("""
                            UPDATE correction_notice SET escalated = TRUE, escalated_at = ?1
                            WHERE status = 'PENDING' AND NOT escalated AND deadline <= ?1 RETURNING id""", UUID.class)
                    .setParameter(1, Timestamp.from(now)).getResultList();
            overdue.forEach(id -> LOG.warnf("Correction notice %s not acknowledged in time: escalated to the privacy desk", id));
            return overdue.size();
        });
    }

    private record Claim(UUID id, UUID memberId, UUID correctionId, UUID disclosureId, Purpose purpose,
                         List<String> fields, int attempt, String endpoint, String secret, String recipientCode) {
        @Override
        public String toString() {
            return "NoticeClaim[" + id + "]";
        }
    }

    /** One attempt to send a notice; true if the recipient acknowledged it. */
    public boolean attempt(UUID id) {
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(id));
        if (claim == null) {
            return false;
        }
        String outcome;
        int status = 0;
        String sha = null;
        try {
            // The corrected values are read now, at send time, and not kept here.
            MemberServiceGateway.Released released = memberService.correctedValues(claim.memberId(), claim.fields(),
                    claim.purpose(), claim.id());
            byte[] body = payload(claim, released);
            sha = Hashes.sha256(body);
            RecipientDelivery.Outcome sent = delivery.post(claim.endpoint(), claim.secret(), "correction-notice",
                    claim.id().toString(), body);
            status = sent.status();
            outcome = sent.acknowledged() ? "ACKNOWLEDGED" : "RECIPIENT_" + sent.error();
        } catch (MemberServiceGateway.ReleaseFailed e) {
            outcome = e.getMessage();
        } catch (RuntimeException e) {
            outcome = "INTERNAL_" + e.getClass().getSimpleName();
        }
        final String result = outcome;
        final int httpStatus = status;
        final String hash = sha;
        QuarkusTransaction.requiringNew().run(() -> recordAttempt(claim, result, httpStatus, hash));
        return "ACKNOWLEDGED".equals(result);
    }

    private Claim claim(UUID id) {
        @SuppressWarnings("unchecked")
        List<CorrectionNotice> rows = em.createNativeQuery("""
                        SELECT * FROM correction_notice WHERE id = ?1 AND status = 'PENDING'
                        FOR UPDATE SKIP LOCKED""", CorrectionNotice.class).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        CorrectionNotice n = rows.get(0);
        Recipient recipient = recipients.require(n.recipientId);
        if (recipient.endpoint == null) {
            return null;
        }
        n.attempts++;
        n.nextAttemptAt = clock.instant().plus(LEASE);
        return new Claim(n.id, n.memberId, n.correctionId, n.disclosureId, n.purpose, n.fieldList(), n.attempts,
                recipient.endpoint, recipients.secretOf(recipient), recipient.code);
    }

    private byte[] payload(Claim c, MemberServiceGateway.Released released) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "correction-notice");
        body.put("noticeId", c.id());
        body.put("memberId", c.memberId());
        body.put("correctionId", c.correctionId());
        body.put("recipient", c.recipientCode());
        body.put("correctedFields", released.fields());
        body.put("sentAt", clock.instant());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a correction notice");
        }
    }

    private void recordAttempt(Claim c, String outcome, int httpStatus, String sha) {
        Instant now = clock.instant();
        em.createNativeQuery("""
                        INSERT INTO correction_notice_attempt (notice_id, attempt, attempted_at, http_status, outcome, payload_sha256)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, c.id()).setParameter(2, c.attempt()).setParameter(3, Timestamp.from(now))
                .setParameter(4, httpStatus == 0 ? null : httpStatus).setParameter(5, outcome)
                .setParameter(6, sha).executeUpdate();
        CorrectionNotice n = CorrectionNotice.findById(c.id());
        if ("ACKNOWLEDGED".equals(outcome)) {
            n.status = CorrectionNotice.Status.ACKNOWLEDGED;
            n.acknowledgedAt = now;
            outbox.publish(new CorrectionNoticeSent(n.id, n.memberId, n.recipientId, n.correctionId, c.fields(), now));
            access.record(n.memberId, AccessAction.EXPORT, c.fields(), n.purpose, n.id.toString());
            return;
        }
        n.nextAttemptAt = now.plus(Backoff.after(n.attempts, config.notices().retryInitial(), config.notices().retryMax()));
        if (!n.escalated && !now.isBefore(n.deadline)) {
            n.escalated = true;
            n.escalatedAt = now;
            LOG.warnf("Correction notice %s not acknowledged in time: escalated to the privacy desk", n.id);
        }
        LOG.infof("Correction notice %s attempt %d: %s; next at %s", n.id, c.attempt(), outcome, n.nextAttemptAt);
    }

    public List<Attempt> attempts(UUID noticeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT attempt, attempted_at, http_status, outcome FROM correction_notice_attempt
                        WHERE notice_id = ?1 ORDER BY id""").setParameter(1, noticeId).getResultList();
        List<Attempt> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Attempt(((Number) r[0]).intValue(), Timestamps.toInstant(r[1]),
                    r[2] == null ? null : ((Number) r[2]).intValue(), (String) r[3]));
        }
        return out;
    }
}

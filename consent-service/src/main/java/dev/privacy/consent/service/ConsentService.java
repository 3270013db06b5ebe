package dev.privacy.consent.service;

import dev.privacy.consent.domain.ConsentReceipt;
import dev.privacy.consent.domain.ConsentRecord;
import dev.privacy.consent.domain.ConsentState;
import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.consent.domain.Notice;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Grants and withdrawals of consents (P03, P05, P10): each change writes a receipt, updates the
 * current state and publishes ConsentGranted / ConsentWithdrawn in the same transaction (outbox).
 * Optional purposes are off until granted; required purposes come with the membership and end
 * only with it.
 */
@ApplicationScoped
public class ConsentService {

    /** Field names of access records about consents (names, never values). */
    public static final List<String> CONSENT_FIELDS = List.of("consents");
    public static final List<String> RECEIPT_FIELDS = List.of("consentReceipts");

    /** Reason code of a withdrawal the member asked for (themself, or through staff on their instruction). */
    public static final String MEMBER_REQUEST = "MEMBER_REQUEST";

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    NoticeService notices;

    @Inject
    Receipts receipts;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    public record Change(Receipts.ReceiptView receipt, boolean changed) {
    }

    /** One line of the current state: every purpose of the catalogue, and each recipient consented to. */
    public record ConsentLine(Purpose purpose, UUID recipientId, boolean required, String state, String noticeVersion,
                              Instant since, UUID receiptId) {
    }

    public record CurrentConsents(UUID memberId, boolean membershipActive, List<ConsentLine> consents) {
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Change grant(UUID memberId, Purpose purpose, UUID recipientId, String noticeVersion, Acting acting) {
        ConsentSubject subject = lockedMember(memberId);
        PurposeCatalogue.Entry entry = optionalPurpose(purpose, recipientId);
        if (entry.required()) {
            throw new ProblemException(409, "required-purpose", "Purpose is required",
                    purpose + " is required by the membership and was agreed at sign-up; there is nothing to grant");
        }
        requireMember(subject);
        Notice notice = noticeFor(purpose, noticeVersion);
        var existing = ConsentRecord.of(memberId, purpose, recipientId);
        if (existing.isPresent() && existing.get().isLive() && existing.get().noticeVersion.equals(notice.version)) {
            return new Change(Receipts.view(ConsentReceipt.findById(existing.get().lastReceiptId)), false);
        }
        ConsentRecord record = liveOrNew(existing, memberId, purpose, recipientId);
        ConsentReceipt receipt = apply(record, ConsentState.GRANTED, notice, acting);
        outbox.publish(new ConsentGranted(record.id, memberId, null, purpose, recipientId, notice.version,
                receipt.receiptId, receipt.issuedAt));
        access.record(memberId, existing.isPresent() ? AccessAction.UPDATE : AccessAction.CREATE, CONSENT_FIELDS,
                purpose);
        return new Change(Receipts.view(receipt), true);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Change withdraw(UUID memberId, Purpose purpose, UUID recipientId, Acting acting) {
        ConsentSubject subject = lockedMember(memberId);
        PurposeCatalogue.Entry entry = optionalPurpose(purpose, recipientId);
        if (entry.required() && subject.isMember()) {
            throw new ProblemException(409, "required-purpose", "Purpose is required while the membership lasts",
                    purpose + " cannot be withdrawn while the membership lasts; to stop it, withdraw the membership "
                            + "(member-service: DELETE /v1/members/" + memberId + ")");
        }
        ConsentRecord record = ConsentRecord.of(memberId, purpose, recipientId).filter(ConsentRecord::isLive)
                .orElseThrow(() -> ProblemException.notFound("No live consent of member " + memberId + " to " + purpose
                        + (recipientId == null ? "" : " for recipient " + recipientId)));
        ConsentReceipt receipt = withdrawLive(record, acting.withReason(MEMBER_REQUEST));
        access.record(memberId, AccessAction.UPDATE, CONSENT_FIELDS, purpose);
        return new Change(Receipts.view(receipt), true);
    }

    /**
     * Ends a live consent: receipt, state, and ConsentWithdrawn (with the acting's reason code) for an
     * optional purpose. No access record: the caller writes the one for the whole change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConsentReceipt withdrawLive(ConsentRecord record, Acting acting) {
        ConsentReceipt receipt = apply(record, ConsentState.WITHDRAWN, notices.find(record.purpose, record.noticeVersion),
                acting);
        if (record.purpose.consentRequired()) {
            outbox.publish(new ConsentWithdrawn(record.id, record.memberId, null, record.purpose, record.recipientId,
                    acting.reason(), receipt.issuedAt));
        }
        return receipt;
    }

    /** Grants without the request checks: for the cookie preferences' own targeting consent (P16). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grantInternally(UUID memberId, Purpose purpose, Acting acting) {
        Notice notice = notices.current(purpose);
        var existing = ConsentRecord.of(memberId, purpose, null);
        if (existing.isPresent() && existing.get().isLive()) {
            return;
        }
        ConsentRecord record = liveOrNew(existing, memberId, purpose, null);
        ConsentReceipt receipt = apply(record, ConsentState.GRANTED, notice, acting);
        outbox.publish(new ConsentGranted(record.id, memberId, null, purpose, null, notice.version, receipt.receiptId,
                receipt.issuedAt));
    }

    /** The required purposes, agreed at sign-up: a receipt each, no event (they are not consent-based). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSignUp(UUID memberId, Acting acting) {
        for (PurposeCatalogue.Entry entry : catalogue.required()) {
            if (ConsentRecord.of(memberId, entry.purpose(), null).isEmpty()) {
                apply(newRecord(memberId, entry.purpose(), null), ConsentState.GRANTED, notices.current(entry.purpose()),
                        acting);
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public CurrentConsents current(UUID memberId) {
        ConsentSubject subject = ConsentSubject.findById(memberId);
        if (subject == null) {
            throw ProblemException.notFound("No consent ledger for member " + memberId);
        }
        List<ConsentRecord> records = ConsentRecord.list("memberId = ?1 order by purpose, recipientId", memberId);
        List<ConsentLine> lines = new ArrayList<>();
        for (PurposeCatalogue.Entry entry : catalogue.all()) {
            List<ConsentRecord> mine = records.stream().filter(r -> r.purpose == entry.purpose()).toList();
            if (mine.isEmpty() && !entry.perRecipient()) {
                lines.add(new ConsentLine(entry.purpose(), null, entry.required(), "NOT_GIVEN", null, null, null));
            }
            for (ConsentRecord r : mine) {
                lines.add(new ConsentLine(r.purpose, r.recipientId, entry.required(), r.state.name(), r.noticeVersion,
                        r.updatedAt, r.lastReceiptId));
            }
        }
        access.record(memberId, AccessAction.READ, CONSENT_FIELDS, Purpose.MEMBER_MANAGEMENT);
        return new CurrentConsents(memberId, subject.isMember(), lines);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public List<Receipts.ReceiptView> history(UUID memberId) {
        if (ConsentSubject.findById(memberId) == null) {
            throw ProblemException.notFound("No consent ledger for member " + memberId);
        }
        List<ConsentReceipt> all = ConsentReceipt.list("memberId = ?1 order by issuedAt, receiptId", memberId);
        access.record(memberId, AccessAction.READ, RECEIPT_FIELDS, Purpose.MEMBER_MANAGEMENT);
        return all.stream().map(Receipts::view).toList();
    }

    /** The member's ledger, locked for this transaction so concurrent changes of one member queue up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConsentSubject lockedMember(UUID memberId) {
        ConsentSubject subject = lock(memberId);
        if (subject == null) {
            throw ProblemException.notFound("No consent ledger for member " + memberId);
        }
        return subject;
    }

    /** As {@link #lockedMember} for event handlers: null when no ledger is open (nothing thrown, nothing rolled back). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConsentSubject lock(UUID memberId) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "consent:" + memberId).getSingleResult();
        return ConsentSubject.findById(memberId);
    }

    public static void requireMember(ConsentSubject subject) {
        if (!subject.isMember()) {
            throw new ProblemException(409, "membership-ended", "Membership ended",
                    "Member " + subject.memberId + " withdrew; no consent can be given any more");
        }
    }

    private PurposeCatalogue.Entry optionalPurpose(Purpose purpose, UUID recipientId) {
        PurposeCatalogue.Entry entry = catalogue.entry(purpose).orElseThrow(() -> new ProblemException(422,
                "unknown-purpose", "Not a purpose of the catalogue", purpose + " is not a purpose one consents to",
                List.of(new Problem.Violation("purpose", "not in the purposes catalogue")), Map.of()));
        if (entry.perRecipient() && recipientId == null) {
            throw ProblemException.badRequest(purpose + " is consented per recipient",
                    new Problem.Violation("recipientId", "required for " + purpose));
        }
        if (!entry.perRecipient() && recipientId != null) {
            throw ProblemException.badRequest(purpose + " has no recipient",
                    new Problem.Violation("recipientId", "only for THIRD_PARTY_PROVISION"));
        }
        return entry;
    }

    private Notice noticeFor(Purpose purpose, String version) {
        Notice current = notices.current(purpose);
        if (version == null || version.equals(current.version)) {
            return current;
        }
        if (notices.find(purpose, version) == null) {
            throw new ProblemException(422, "unknown-notice-version", "Unknown notice version",
                    "Notice " + purpose + " has no version " + version,
                    List.of(new Problem.Violation("noticeVersion", "unknown version")), Map.of());
        }
        throw new ProblemException(409, "notice-outdated", "Notice version is not current",
                "Notice " + purpose + " version " + version + " is not the current one (" + current.version
                        + "); show the current notice and consent to it",
                List.of(new Problem.Violation("noticeVersion", "not current")), Map.of());
    }

    /**
     * The live consent (a re-consent to a newer notice continues it), or a new one with a new ID: a
     * consent given again after a withdrawal is a new consent, so consumers that key on the consent
     * ID (the disclosure-service) never see a withdrawn consent come back to life.
     */
    private ConsentRecord liveOrNew(java.util.Optional<ConsentRecord> existing, UUID memberId, Purpose purpose,
                                    UUID recipientId) {
        if (existing.isPresent() && existing.get().isLive()) {
            return existing.get();
        }
        if (existing.isPresent()) {
            existing.get().delete();
            entityManager.flush(); // before the insert: Hibernate would order it after, against the unique index
        }
        return newRecord(memberId, purpose, recipientId);
    }

    private ConsentRecord newRecord(UUID memberId, Purpose purpose, UUID recipientId) {
        ConsentRecord record = new ConsentRecord();
        record.id = UUID.randomUUID();
        record.memberId = memberId;
        record.purpose = purpose;
        record.recipientId = recipientId;
        return record;
    }

    private ConsentReceipt apply(ConsentRecord record, ConsentState state, Notice notice, Acting acting) {
        ConsentReceipt receipt = receipts.issue(record.memberId, record.id, record.purpose, record.recipientId, state,
                notice, acting);
        record.state = state;
        record.noticeVersion = notice.version;
        record.lastReceiptId = receipt.receiptId;
        record.updatedAt = receipt.issuedAt;
        if (!record.isPersistent()) {
            record.persist();
        }
        return receipt;
    }
}

package dev.privacy.consent.service;

import dev.privacy.platform.runtime.crypto.MemberCipher;
import dev.privacy.consent.domain.ConsentReceipt;
import dev.privacy.consent.domain.ConsentState;
import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.consent.domain.GuardianConsent;
import dev.privacy.consent.domain.ReceiptMethod;
import dev.privacy.consent.service.crypto.GuardianKeys;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.GuardianConfirmationMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.consent.GuardianConsentConfirmed;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A legal representative's consent for a pending under-14 member (P04, P21): which of the decree's
 * methods confirmed it and its evidence reference, evidenced by a receipt like any consent. The
 * guardian's name and contact are personal data: stored only encrypted under the member's guardian
 * data key, never in the event. GuardianConsentConfirmed lets member-service activate the member.
 */
@ApplicationScoped
public class GuardianConsentService {

    public static final List<String> FIELDS = List.of(GuardianConsent.NAME_FIELD, GuardianConsent.CONTACT_FIELD,
            "guardianConsentMethod", "evidenceReference");

    public record Confirmed(UUID guardianConsentId, UUID memberId, GuardianConfirmationMethod method,
                            String evidenceReference, UUID receiptId, Instant confirmedAt) {
    }

    public record GuardianView(UUID guardianConsentId, UUID memberId, GuardianConfirmationMethod method,
                               String evidenceReference, String guardianName, String guardianContact,
                               UUID receiptId, String confirmedBy, Instant confirmedAt) {
        @Override
        public String toString() {
            return "GuardianView[" + guardianConsentId + ", redacted]";
        }
    }

    @Inject
    ConsentService consents;

    @Inject
    NoticeService notices;

    @Inject
    Receipts receipts;

    @Inject
    GuardianKeys keys;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    CurrentActor actor;

    @Transactional(Transactional.TxType.REQUIRED)
    public Confirmed confirm(UUID memberId, GuardianConfirmationMethod method, String evidenceReference,
                             String guardianName, String guardianContact) {
        ConsentSubject subject = consents.lockedMember(memberId);
        if (!subject.guardianRequired) {
            throw new ProblemException(409, "guardian-consent-not-required", "No guardian consent required",
                    "Member " + memberId + " did not register as under 14; no guardian consent is needed");
        }
        ConsentService.requireMember(subject);
        if (GuardianConsent.count("memberId", memberId) > 0) {
            throw new ProblemException(409, "guardian-consent-exists", "Guardian consent already confirmed",
                    "The guardian consent of member " + memberId + " is already confirmed");
        }
        CurrentActor.Actor who = actor.get();
        ConsentReceipt receipt = receipts.issue(memberId, null, Purpose.MEMBER_MANAGEMENT, null, ConsentState.GRANTED,
                notices.current(Purpose.MEMBER_MANAGEMENT),
                new Acting(ReceiptMethod.GUARDIAN_CONSENT, channelOf(method), who.id(), who.role(), evidenceReference,
                        "GUARDIAN_" + method.name()));
        MemberCipher cipher = keys.forMember(memberId);
        GuardianConsent consent = new GuardianConsent();
        consent.id = UUID.randomUUID();
        consent.memberId = memberId;
        consent.method = method;
        consent.evidenceReference = evidenceReference;
        consent.guardianNameCiphertext = cipher.encrypt(GuardianConsent.NAME_FIELD, guardianName);
        consent.guardianContactCiphertext = cipher.encrypt(GuardianConsent.CONTACT_FIELD, guardianContact);
        consent.receiptId = receipt.receiptId;
        consent.confirmedBy = who.id();
        consent.confirmedAt = receipt.issuedAt;
        consent.persist();
        outbox.publish(new GuardianConsentConfirmed(consent.id, memberId, method, evidenceReference, consent.confirmedAt));
        access.record(memberId, AccessAction.CREATE, FIELDS, Purpose.MEMBER_MANAGEMENT);
        return new Confirmed(consent.id, memberId, method, evidenceReference, receipt.receiptId, consent.confirmedAt);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public GuardianView read(UUID memberId) {
        GuardianConsent consent = GuardianConsent.<GuardianConsent>find("memberId", memberId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("No guardian consent for member " + memberId));
        MemberCipher cipher = keys.of(memberId)
                .orElseThrow(() -> ProblemException.notFound("The guardian consent of member " + memberId + " was destroyed"));
        GuardianView view = new GuardianView(consent.id, memberId, consent.method, consent.evidenceReference,
                cipher.decrypt(GuardianConsent.NAME_FIELD, consent.guardianNameCiphertext),
                cipher.decrypt(GuardianConsent.CONTACT_FIELD, consent.guardianContactCiphertext),
                consent.receiptId, consent.confirmedBy, consent.confirmedAt);
        access.record(memberId, AccessAction.READ, FIELDS, Purpose.MEMBER_MANAGEMENT);
        return view;
    }

    /** The receipt's channel for each confirmation method of Decree Art. 17-2. */
    static Channel channelOf(GuardianConfirmationMethod method) {
        return switch (method) {
            case SMS, PHONE_IDENTITY_CHECK, PHONE_CALL -> Channel.PHONE;
            case SIGNED_FORM -> Channel.WRITTEN;
            case EMAIL -> Channel.EMAIL;
            case CARD -> Channel.WEB;
        };
    }
}

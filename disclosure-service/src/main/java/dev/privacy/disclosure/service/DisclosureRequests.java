package dev.privacy.disclosure.service;

import dev.privacy.disclosure.domain.DisclosureRequest;
import dev.privacy.disclosure.domain.FieldList;
import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DisclosureBasis;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.events.disclosure.DisclosureRequested;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A request for provision (P10): checked at once against its legal basis. A refused request is
 * recorded as REJECTED and announced (DisclosureRejected) in its own transaction, then answered
 * with the reason as problem+json; an accepted one waits for privacy-officer approvals.
 */
@ApplicationScoped
public class DisclosureRequests {

    @Inject
    RecipientService recipients;

    @Inject
    ConsentKnowledge knowledge;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    CurrentActor actor;

    @Inject
    Clock clock;

    public record LawfulRequest(String authority, String legalReference, String caseNumber, String documentReference,
                                Instant nondisclosureUntil) {
    }

    public record NewRequest(UUID recipientId, UUID memberId, List<String> fields, Purpose purpose,
                             DisclosureBasis legalBasis, LawfulRequest lawfulRequest) {
    }

    /** Refuses malformed input (400) before anything is recorded. */
    public void validate(NewRequest r) {
        List<Problem.Violation> v = new ArrayList<>();
        if (r.recipientId() == null) {
            v.add(new Problem.Violation("recipientId", "is required"));
        }
        if (r.memberId() == null) {
            v.add(new Problem.Violation("memberId", "is required"));
        }
        v.addAll(ProfileFields.violations("fields", r.fields()));
        if (r.legalBasis() == null) {
            v.add(new Problem.Violation("legalBasis", "is required: CONSENT or LAWFUL_REQUEST"));
        }
        if (r.purpose() == null) {
            v.add(new Problem.Violation("purpose", "is required: THIRD_PARTY_PROVISION or LAWFUL_DISCLOSURE"));
        } else if (r.legalBasis() != null && r.purpose() != purposeOf(r.legalBasis())) {
            v.add(new Problem.Violation("purpose", "must be " + purposeOf(r.legalBasis()) + " for " + r.legalBasis()));
        }
        if (r.legalBasis() == DisclosureBasis.LAWFUL_REQUEST) {
            LawfulRequest l = r.lawfulRequest();
            if (l == null) {
                v.add(new Problem.Violation("lawfulRequest", "is required for LAWFUL_REQUEST"));
            } else {
                required(v, "lawfulRequest.authority", l.authority());
                required(v, "lawfulRequest.legalReference", l.legalReference());
                required(v, "lawfulRequest.caseNumber", l.caseNumber());
                required(v, "lawfulRequest.documentReference", l.documentReference());
                if (l.nondisclosureUntil() != null && !l.nondisclosureUntil().isAfter(clock.instant())) {
                    v.add(new Problem.Violation("lawfulRequest.nondisclosureUntil", "must be in the future"));
                }
            }
        } else if (r.legalBasis() == DisclosureBasis.CONSENT && r.lawfulRequest() != null) {
            v.add(new Problem.Violation("lawfulRequest", "is only for LAWFUL_REQUEST"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.badRequest(v.size() + " field(s) are not valid", v.toArray(Problem.Violation[]::new));
        }
    }

    public static Purpose purposeOf(DisclosureBasis basis) {
        return basis == DisclosureBasis.CONSENT ? Purpose.THIRD_PARTY_PROVISION : Purpose.LAWFUL_DISCLOSURE;
    }

    private static void required(List<Problem.Violation> v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(new Problem.Violation(field, "is required"));
        } else if (value.length() > 255) {
            v.add(new Problem.Violation(field, "is longer than 255 characters"));
        }
    }

    /** Records a request that passed its basis checks, or records and answers the refusal. */
    @Transactional(Transactional.TxType.REQUIRED)
    public DisclosureRequest request(NewRequest r) {
        Recipient recipient = Recipient.findById(r.recipientId());
        if (recipient == null) {
            throw new ProblemException(422, "unknown-recipient", "Unknown recipient",
                    "No registered recipient " + r.recipientId(), List.of(new Problem.Violation("recipientId",
                    "is not a registered recipient")), Map.of());
        }
        List<String> fields = ProfileFields.canonical(r.fields());
        DisclosureRequest request = newRequest(r, recipient, fields);
        Refusal refusal = refusalOf(request, recipient);
        if (refusal != null) {
            // The refusal is kept and announced even though the caller gets an error.
            QuarkusTransaction.requiringNew().run(() -> recordRefusal(request, refusal));
            throw refusal.problem(request.id);
        }
        request.persist();
        outbox.publish(new DisclosureRequested(request.id, request.memberId, request.recipientId, fields,
                request.basis, request.consentId, request.legalReference, request.createdAt));
        access.record(request.memberId, AccessAction.CREATE, List.of(), request.purpose, request.id.toString());
        return request;
    }

    private DisclosureRequest newRequest(NewRequest r, Recipient recipient, List<String> fields) {
        Instant now = clock.instant();
        DisclosureRequest d = new DisclosureRequest();
        d.id = UUID.randomUUID();
        d.memberId = r.memberId();
        d.recipientId = recipient.id;
        d.fields = FieldList.join(fields);
        d.purpose = r.purpose();
        d.basis = r.legalBasis();
        if (r.lawfulRequest() != null) {
            d.authority = r.lawfulRequest().authority().strip();
            d.legalReference = r.lawfulRequest().legalReference().strip();
            d.caseNumber = r.lawfulRequest().caseNumber().strip();
            d.documentReference = r.lawfulRequest().documentReference().strip();
            d.nondisclosureUntil = r.lawfulRequest().nondisclosureUntil();
        }
        d.requestedBy = actor.get().id();
        d.status = DisclosureRequest.Status.PENDING;
        d.createdAt = now;
        d.updatedAt = now;
        return d;
    }

    /** Why this request cannot go on, checked in this order; null if its basis holds. Sets the consent relied on. */
    public Refusal refusalOf(DisclosureRequest d, Recipient recipient) {
        List<String> fields = d.fieldList();
        boolean partner = recipient.isPartner();
        if (d.basis == DisclosureBasis.CONSENT && !partner) {
            return new Refusal(422, "BASIS_NOT_APPLICABLE", "basis-not-applicable",
                    "An investigative agency receives data on a lawful request only", List.of("legalBasis"));
        }
        if (d.basis == DisclosureBasis.LAWFUL_REQUEST && partner) {
            return new Refusal(422, "BASIS_NOT_APPLICABLE", "basis-not-applicable",
                    "A lawful request comes from an investigative agency, not from a consented third party",
                    List.of("legalBasis"));
        }
        if (d.basis == DisclosureBasis.LAWFUL_REQUEST && recipient.endpoint == null) {
            return new Refusal(422, "RECIPIENT_WITHOUT_ENDPOINT", "recipient-without-endpoint",
                    "The agency has no delivery endpoint registered", List.of("recipientId"));
        }
        Set<String> notCovered = new LinkedHashSet<>(fields);
        notCovered.removeAll(recipient.allowedFieldList());
        if (!notCovered.isEmpty()) {
            return new Refusal(422, "FIELDS_NOT_COVERED", "fields-not-covered",
                    "The basis covers only " + String.join(", ", recipient.allowedFieldList()) + " for this recipient",
                    List.copyOf(notCovered));
        }
        if (d.basis == DisclosureBasis.CONSENT) {
            if (knowledge.membershipEnded(d.memberId)) {
                return new Refusal(422, "MEMBER_WITHDRAWN", "member-withdrawn",
                        "The membership has ended: no provision on consent", List.of("memberId"));
            }
            var consent = d.consentId != null && knowledge.isConsentLive(d.consentId)
                    ? java.util.Optional.of(d.consentId)
                    : knowledge.liveConsent(d.memberId, d.recipientId);
            if (consent.isEmpty()) {
                return new Refusal(422, d.consentId == null ? "NO_LIVE_CONSENT" : "CONSENT_WITHDRAWN", "no-live-consent",
                        "The member has no live consent to provision to this recipient", List.of("legalBasis"));
            }
            d.consentId = consent.get();
        }
        Set<String> restricted = knowledge.restrictedAmong(d.memberId, fields);
        if (!restricted.isEmpty()) {
            return new Refusal(409, "FIELDS_RESTRICTED", "fields-restricted",
                    "A correction of these fields is pending: they are not provided until it is settled (P13)",
                    List.copyOf(restricted));
        }
        return null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void recordRefusal(DisclosureRequest d, Refusal refusal) {
        d.status = DisclosureRequest.Status.REJECTED;
        d.rejectionReason = refusal.reason();
        d.rejectedBy = "disclosure-service";
        d.persist();
        outbox.publish(new DisclosureRejected(d.id, d.memberId, refusal.reason(), clock.instant()));
    }

    /** A refusal: the reason code (events, DB) and the problem the caller gets. */
    public record Refusal(int status, String reason, String slug, String detail, List<String> fields) {
        ProblemException problem(UUID disclosureId) {
            return new ProblemException(status, slug, "Disclosure refused: " + reason,
                    detail + " (disclosure " + disclosureId + " recorded as REJECTED)",
                    fields.stream().map(f -> new Problem.Violation(f, reason)).toList(), Map.of());
        }
    }
}

package dev.privacy.consent.service;

import dev.privacy.consent.domain.ConsentReceipt;
import dev.privacy.consent.domain.ConsentState;
import dev.privacy.consent.domain.Notice;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Issues consent receipts, one per change, and shows them as the receipt view. */
@ApplicationScoped
public class Receipts {

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    Clock clock;

    /** A receipt as the member and auditors see it (ISO/IEC TS 27560 / Kantara consent receipt fields). */
    public record ReceiptView(UUID receiptId, java.time.Instant issuedAt, String controller, UUID memberId,
                              UUID consentId, List<PurposeRef> purposes, List<DataCategory> dataCategories,
                              String noticeVersion, String noticeTextHash, String method, String channel,
                              String state, String actorRole, String instructionReference, String reason) {
    }

    public record PurposeRef(Purpose purpose, UUID recipientId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ConsentReceipt issue(UUID memberId, UUID consentId, Purpose purpose, UUID recipientId, ConsentState state,
                                Notice notice, Acting acting) {
        ConsentReceipt receipt = new ConsentReceipt();
        receipt.receiptId = UUID.randomUUID();
        receipt.consentId = consentId;
        receipt.memberId = memberId;
        receipt.purpose = purpose;
        receipt.recipientId = recipientId;
        receipt.state = state;
        receipt.noticeVersion = notice.version;
        receipt.noticeTextHash = notice.textHash;
        receipt.dataCategories = catalogue.entry(purpose)
                .map(e -> e.dataCategories().stream().map(Enum::name).collect(Collectors.joining(",")))
                .orElse(DataCategory.CONSENT_RECORDS.name());
        receipt.method = acting.method();
        receipt.channel = acting.channel();
        receipt.actorId = acting.actorId();
        receipt.actorRole = acting.actorRole();
        receipt.instructionReference = acting.instructionReference();
        receipt.reason = acting.reason();
        receipt.controller = catalogue.controller();
        receipt.issuedAt = clock.instant();
        receipt.persist();
        return receipt;
    }

    public static ReceiptView view(ConsentReceipt r) {
        List<DataCategory> categories = Arrays.stream(r.dataCategories.split(",")).filter(s -> !s.isBlank())
                .map(DataCategory::valueOf).toList();
        return new ReceiptView(r.receiptId, r.issuedAt, r.controller, r.memberId, r.consentId,
                List.of(new PurposeRef(r.purpose, r.recipientId)), categories, r.noticeVersion, r.noticeTextHash,
                r.method.name(), r.channel.name(), r.state.name(), r.actorRole.name(), r.instructionReference, r.reason);
    }
}

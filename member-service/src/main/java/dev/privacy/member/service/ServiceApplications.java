package dev.privacy.member.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.member.domain.Address;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.PaymentDetails;
import dev.privacy.member.domain.PaymentRecord;
import dev.privacy.member.domain.ServiceApplication;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Service applications (P01): the address (contract record, CONTRACT_RECORDS) and the payment token
 * with its display hints (payment record, PAYMENT_RECORDS), each kept encrypted under the member's
 * data key with its date. Emits ServiceApplied, which starts both 5-year clocks (P07).
 */
@ApplicationScoped
public class ServiceApplications {

    public static final List<DataCategory> CATEGORIES = List.of(DataCategory.CONTRACT_RECORDS, DataCategory.PAYMENT_RECORDS);

    public static final List<String> ADDRESS_FIELDS =
            List.of("address.postcode", "address.line1", "address.line2", "address.city");
    public static final List<String> PAYMENT_FIELDS =
            List.of("payment.processorToken", "payment.brand", "payment.last4");
    public static final List<String> FIELDS;

    static {
        List<String> all = new ArrayList<>(ADDRESS_FIELDS);
        all.addAll(PAYMENT_FIELDS);
        FIELDS = List.copyOf(all);
    }

    @Inject
    MemberLookup members;

    @Inject
    DataKeys dataKeys;

    @Inject
    Outbox outbox;

    @Inject
    AccessLog accessLog;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** What an application answers (and an Idempotency-Key replays): IDs, categories and the date. */
    public record Applied(UUID applicationId, UUID paymentRecordId, List<DataCategory> categories, Instant appliedAt) {
    }

    public record PaymentView(UUID paymentRecordId, Instant recordedAt, PaymentDetails payment) {
    }

    public record ApplicationView(UUID applicationId, Instant appliedAt, Address address, List<PaymentView> payments) {
        @Override
        public String toString() {
            return "ApplicationView[" + applicationId + "]";
        }
    }

    @Transactional
    public Applied apply(UUID memberId, Address address, PaymentDetails payment) {
        Member member = members.visible(memberId);
        if (member.status != MemberStatus.ACTIVE) {
            throw new ProblemException(409, "member-not-active", "Member not active",
                    "Only an active member can apply for the service; a member under 14 needs a guardian's consent first");
        }
        MemberCipher cipher = dataKeys.require(member.id);
        Instant now = clock.instant();
        ServiceApplication application = new ServiceApplication();
        application.id = UUID.randomUUID();
        application.memberId = member.id;
        application.appliedAt = now;
        application.addressCt = cipher.encrypt(ServiceApplication.addressLabel(application.id), write(address));
        application.persist();
        PaymentRecord record = new PaymentRecord();
        record.id = UUID.randomUUID();
        record.applicationId = application.id;
        record.memberId = member.id;
        record.recordedAt = now;
        record.paymentCt = cipher.encrypt(PaymentRecord.paymentLabel(record.id), write(payment));
        record.persist();
        outbox.publish(new ServiceApplied(member.id, application.id, CATEGORIES, now));
        List<String> fields = new ArrayList<>(List.of("address.postcode", "address.line1"));
        if (address.line2() != null) {
            fields.add("address.line2");
        }
        if (address.city() != null) {
            fields.add("address.city");
        }
        fields.addAll(PAYMENT_FIELDS);
        accessLog.byCaller(member.id, AccessAction.CREATE, fields, Purpose.CONTRACT_AND_BILLING);
        return new Applied(application.id, record.id, CATEGORIES, now);
    }

    /** The member's own applications, decrypted (a member reaches only their own). */
    @Transactional
    public List<ApplicationView> list(UUID memberId) {
        Member member = members.visible(memberId);
        List<ApplicationView> views = viewsOf(member.id);
        if (!views.isEmpty()) {
            accessLog.byCaller(member.id, AccessAction.READ, FIELDS, Purpose.CONTRACT_AND_BILLING);
        }
        return views;
    }

    /** Decrypted applications with their payment records, for the export; the caller records the access. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ApplicationView> viewsOf(UUID memberId) {
        List<ServiceApplication> apps = ServiceApplication.ofMember(memberId);
        List<PaymentRecord> payments = PaymentRecord.ofMember(memberId);
        if (apps.isEmpty() && payments.isEmpty()) {
            return List.of();
        }
        MemberCipher cipher = dataKeys.require(memberId);
        List<ApplicationView> views = new ArrayList<>();
        for (ServiceApplication a : apps) {
            Address address = read(cipher.decrypt(ServiceApplication.addressLabel(a.id), a.addressCt), Address.class);
            List<PaymentView> ofApp = payments.stream().filter(p -> p.applicationId.equals(a.id))
                    .map(p -> new PaymentView(p.id, p.recordedAt,
                            read(cipher.decrypt(PaymentRecord.paymentLabel(p.id), p.paymentCt), PaymentDetails.class)))
                    .toList();
            views.add(new ApplicationView(a.id, a.appliedAt, address, ofApp));
        }
        // payment records whose contract record was already destroyed (their retention clocks differ)
        payments.stream().filter(p -> apps.stream().noneMatch(a -> a.id.equals(p.applicationId)))
                .forEach(p -> views.add(new ApplicationView(p.applicationId, null, null, List.of(new PaymentView(p.id,
                        p.recordedAt, read(cipher.decrypt(PaymentRecord.paymentLabel(p.id), p.paymentCt),
                        PaymentDetails.class))))));
        return views;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName()); // no cause: it may quote the value
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored " + type.getSimpleName()); // no cause: it may quote the value
        }
    }
}

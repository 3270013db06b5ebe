package dev.privacy.member.service;

import dev.privacy.member.domain.CorrectionRequest;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.PaymentRecord;
import dev.privacy.member.domain.ServiceApplication;
import dev.privacy.member.domain.Profile;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.MemberSeparated;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Withdrawal, "Exit member" (P06, P08, P11, P15): in one transaction the live profile is deleted
 * (login is impossible from that commit on), the retained data moves to the separated store, and
 * MemberWithdrawn, MemberSeparated and DataDestroyed(LIVE_PROFILE) are published.
 */
@ApplicationScoped
public class WithdrawalService {

    /** What the separated store keeps, each with its own retention clock (P07). */
    public static final List<DataCategory> SEPARATED_CATEGORIES =
            List.of(DataCategory.MEMBER_PROFILE, DataCategory.CONTRACT_RECORDS);

    @Inject
    MemberLookup members;

    @Inject
    SeparatedStore separatedStore;

    @Inject
    Outbox outbox;

    @Inject
    AccessLog accessLog;

    @Inject
    CurrentActor currentActor;

    @Inject
    PlatformConfig platform;

    @Inject
    Clock clock;

    @Transactional
    public void withdraw(UUID memberId) {
        Member member = members.visible(memberId);
        CurrentActor.Actor actor = currentActor.get();
        Instant now = clock.instant();
        // fields under a pending correction stay restricted in the separated store (P13)
        separatedStore.separate(member, CorrectionRequest.restrictedFields(member.id), now,
                actor.role() == null ? "UNKNOWN" : actor.role().name());
        // service applications and payment records keep their own 5-year clocks in the separated store
        List<ServiceApplication> applications = ServiceApplication.ofMember(member.id);
        List<PaymentRecord> payments = PaymentRecord.ofMember(member.id);
        separatedStore.separateApplications(applications, payments, now);
        ServiceApplication.delete("memberId", member.id);
        PaymentRecord.delete("memberId", member.id);
        // pending corrections go with the live profile (ON DELETE CASCADE); privacy-desk cases stay
        // with the desk, which must still answer them (COMPLAINT_RECORDS has its own 3-year clock)
        member.delete();
        Member.flush();
        List<DataCategory> separated = new ArrayList<>(SEPARATED_CATEGORIES);
        if (!payments.isEmpty()) {
            separated.add(DataCategory.PAYMENT_RECORDS);
        }
        outbox.publish(new MemberWithdrawn(member.id, now, now));
        outbox.publish(new MemberSeparated(member.id, separated, now));
        outbox.publish(new DataDestroyed(UUID.randomUUID(), member.id, DataCategory.LIVE_PROFILE,
                DestructionMethod.DELETE, 1, null, platform.service(), null, now));
        List<String> moved = new ArrayList<>(Profile.FIELDS);
        if (!applications.isEmpty() || !payments.isEmpty()) {
            moved.addAll(ServiceApplications.FIELDS);
        }
        accessLog.byCaller(member.id, AccessAction.DELETE, moved, Purpose.MEMBER_MANAGEMENT);
    }
}

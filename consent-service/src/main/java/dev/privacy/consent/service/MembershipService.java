package dev.privacy.consent.service;

import dev.privacy.consent.domain.ConsentRecord;
import dev.privacy.consent.domain.ConsentState;
import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.consent.domain.ReceiptMethod;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The membership as the consent ledger sees it. On MemberRegistered the ledger opens with the
 * required purposes' receipts (the notices shown at sign-up). On MemberWithdrawn every consent ends
 * at once (P05, P06): optional ones with ConsentWithdrawn (reason MEMBERSHIP_ENDED), and the cookie
 * preferences are destroyed (DataDestroyed COOKIE_PREFERENCES). The receipts stay: they are the
 * evidence, kept until the retention-service's RetentionExpired for CONSENT_RECORDS.
 */
@ApplicationScoped
public class MembershipService {

    public static final String MEMBERSHIP_ENDED = "MEMBERSHIP_ENDED";

    @Inject
    ConsentService consents;

    @Inject
    CookiePreferenceService cookies;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    PlatformConfig platform;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRegistered(MemberRegistered registered, IncomingEvent envelope) {
        if (ConsentSubject.findById(registered.memberId()) != null) {
            return;
        }
        ConsentSubject subject = new ConsentSubject();
        subject.memberId = registered.memberId();
        subject.guardianRequired = registered.guardianConsentRequired();
        subject.registeredEvent = envelope.id();
        subject.openedAt = clock.instant();
        subject.persist();
        // the member agreed to the required purposes' notices by signing up
        consents.recordSignUp(subject.memberId, new Acting(ReceiptMethod.SIGN_UP, Channel.WEB,
                subject.memberId.toString(), ActorRole.MEMBER, null, null));
        access.record(subject.memberId, AccessAction.CREATE, ConsentService.CONSENT_FIELDS, Purpose.MEMBER_MANAGEMENT);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onWithdrawn(MemberWithdrawn withdrawn) {
        UUID memberId = withdrawn.memberId();
        Instant now = clock.instant();
        // null: registered before this ledger existed; nothing to end, but cookie preferences may exist
        ConsentSubject subject = consents.lock(memberId);
        if (subject != null && subject.isMember()) {
            subject.withdrawnAt = now;
            Acting acting = Acting.service(platform.service(), ReceiptMethod.MEMBERSHIP_WITHDRAWAL, MEMBERSHIP_ENDED);
            List<ConsentRecord> live = ConsentRecord.list("memberId = ?1 and state = ?2", memberId, ConsentState.GRANTED);
            live.forEach(record -> consents.withdrawLive(record, acting));
            access.record(memberId, AccessAction.UPDATE, ConsentService.CONSENT_FIELDS, Purpose.RETENTION);
        }
        long destroyed = cookies.destroyFor(memberId);
        if (destroyed > 0) {
            access.record(memberId, AccessAction.DELETE, CookiePreferenceService.FIELDS, Purpose.RETENTION);
        }
        outbox.publish(new DataDestroyed(UUID.randomUUID(), memberId, DataCategory.COOKIE_PREFERENCES,
                DestructionMethod.DELETE, destroyed, null, platform.service(), null, now));
    }
}

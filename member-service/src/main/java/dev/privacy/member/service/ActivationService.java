package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.consent.GuardianConsentConfirmed;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/** P04: a PENDING member becomes ACTIVE once a legal representative's consent is confirmed. */
@ApplicationScoped
public class ActivationService {

    private static final Logger LOG = Logger.getLogger(ActivationService.class);

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onGuardianConsent(GuardianConsentConfirmed event) {
        Member member = Member.findById(event.memberId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (member == null) {
            LOG.infof("GuardianConsentConfirmed %s for member %s, who is not a live member; nothing to do",
                    event.guardianConsentId(), event.memberId());
            return;
        }
        if (member.status != MemberStatus.PENDING) {
            return;
        }
        Instant now = clock.instant();
        member.status = MemberStatus.ACTIVE;
        member.activatedAt = now;
        member.updatedAt = now;
        outbox.publish(new MemberActivated(member.id, event.guardianConsentId(), now));
    }
}

package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.member.service.crypto.MemberCipher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sign-up (P01, P04): one transaction for the member, their data key, the events and the access record. */
@ApplicationScoped
public class SignUpService {

    private static final Logger LOG = Logger.getLogger(SignUpService.class);

    @Inject
    DataKeys dataKeys;

    @Inject
    LookupHashes hashes;

    @Inject
    ProfileVault vault;

    @Inject
    SeparatedStore separatedStore;

    @Inject
    Outbox outbox;

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    public record Registered(UUID memberId, MemberStatus status) {
    }

    /**
     * Registers a validated member. {@code passwordHash} is computed by the caller outside the
     * transaction (it takes tens of milliseconds).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Registered register(Profile profile, String passwordHash, boolean over14) {
        byte[] loginIdHash = hashes.loginId(profile.loginId());
        byte[] emailHash = hashes.email(profile.email());
        if (Member.loginIdOrEmailTaken(loginIdHash, emailHash)) {
            throw duplicate();
        }
        Instant now = clock.instant();
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.status = over14 ? MemberStatus.ACTIVE : MemberStatus.PENDING;
        member.guardianConsentRequired = !over14;
        member.passwordHash = passwordHash;
        member.createdAt = now;
        member.updatedAt = now;
        member.activatedAt = over14 ? now : null;
        MemberCipher cipher = dataKeys.create(member.id);
        vault.seal(member, cipher, profile);

        // Fraud prevention (P07, P08): a match with a separated member is flagged for staff review, not refused.
        List<UUID> matches = separatedStore.matching(loginIdHash, emailHash);
        if (!matches.isEmpty()) {
            member.fraudReview = true;
            for (UUID separated : matches) {
                accessLog.byCaller(separated, AccessAction.READ, List.of(Profile.LOGIN_ID, Profile.EMAIL),
                        Purpose.FRAUD_PREVENTION);
            }
            LOG.infof("Sign-up of member %s matches %d separated member(s); flagged for review", member.id,
                    matches.size());
        }
        try {
            member.persistAndFlush();
        } catch (PersistenceException e) {
            // a concurrent sign-up took the login ID or e-mail between the check and the insert
            throw duplicate();
        }
        outbox.publish(new MemberRegistered(member.id, member.status, member.guardianConsentRequired, now));
        accessLog.bySelf(member.id, AccessAction.CREATE,
                List.of(Profile.NAME, Profile.LOGIN_ID, Profile.PASSWORD, Profile.MOBILE, Profile.EMAIL),
                Purpose.MEMBER_MANAGEMENT);
        return new Registered(member.id, member.status);
    }

    private static ProblemException duplicate() {
        return new ProblemException(409, "member-exists", "Cannot register",
                "The login ID or the e-mail address cannot be used for a new member");
    }
}

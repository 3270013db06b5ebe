package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.Problem;
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
import java.util.function.Supplier;

/**
 * Sign-up (P01, P04): one transaction for the member, their data key, the events and the access
 * record. The answer does not tell whether an e-mail address is registered (README "Sign-up answer").
 */
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
    MemberNotices notices;

    @Inject
    Clock clock;

    /**
     * What a sign-up answers. {@code noticeInstead}: the e-mail belongs to a member, nothing was
     * created, the member ID is a fresh random one, and the owner gets a notice (not in the answer).
     */
    public record Registered(UUID memberId, MemberStatus status, boolean noticeInstead) {
    }

    /** Whether a profile's login ID and e-mail are free, looked up by their keyed hashes. */
    public enum Availability { FREE, LOGIN_ID_TAKEN, EMAIL_TAKEN }

    /** A look-up before any hashing (its own short transaction): a known e-mail costs no Argon2id. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Availability availability(Profile profile) {
        return availabilityNow(hashes.loginId(profile.loginId()), hashes.email(profile.email()));
    }

    /** Thrown when a concurrent sign-up took the login ID or e-mail between the check and the insert: retry. */
    public static final class ConcurrentSignUp extends RuntimeException {
        ConcurrentSignUp() {
            super("a concurrent sign-up took the login ID or e-mail", null, false, false);
        }
    }

    /**
     * Registers a validated member, in the caller's transaction. A login ID that is taken is 409
     * (the user must choose another; login IDs are not secret, and sign-up is throttled per IP). An
     * e-mail that is taken answers as a registration would, creates nothing, and records a notice
     * for its owner (no enumeration of e-mail addresses). {@code passwordHash} is asked for only
     * when a member is created; the caller computes it outside the transaction when it can.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Registered register(Profile profile, Supplier<String> passwordHash, boolean over14) {
        byte[] loginIdHash = hashes.loginId(profile.loginId());
        byte[] emailHash = hashes.email(profile.email());
        MemberStatus status = over14 ? MemberStatus.ACTIVE : MemberStatus.PENDING;
        switch (availabilityNow(loginIdHash, emailHash)) {
            case LOGIN_ID_TAKEN -> throw loginIdTaken();
            case EMAIL_TAKEN -> {
                UUID owner = Member.byEmailHash(emailHash).orElseThrow().id;
                notices.record(owner, MemberNotices.SIGN_UP_WITH_YOUR_EMAIL);
                // the owner's address will be used to send the notice
                accessLog.byCaller(owner, AccessAction.READ, List.of(Profile.EMAIL), Purpose.MEMBER_MANAGEMENT);
                return new Registered(UUID.randomUUID(), status, true);
            }
            case FREE -> {
                // registered below
            }
        }
        Instant now = clock.instant();
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.status = status;
        member.guardianConsentRequired = !over14;
        member.passwordHash = passwordHash.get();
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
            // a concurrent sign-up took the login ID or e-mail between the check and the insert;
            // the caller retries, and the check then sees it
            throw new ConcurrentSignUp();
        }
        outbox.publish(new MemberRegistered(member.id, member.status, member.guardianConsentRequired, now));
        accessLog.bySelf(member.id, AccessAction.CREATE,
                List.of(Profile.NAME, Profile.LOGIN_ID, Profile.PASSWORD, Profile.MOBILE, Profile.EMAIL),
                Purpose.MEMBER_MANAGEMENT);
        return new Registered(member.id, member.status, false);
    }

    private static Availability availabilityNow(byte[] loginIdHash, byte[] emailHash) {
        if (Member.byLoginIdHash(loginIdHash).isPresent()) {
            return Availability.LOGIN_ID_TAKEN;
        }
        return Member.byEmailHash(emailHash).isPresent() ? Availability.EMAIL_TAKEN : Availability.FREE;
    }

    private static ProblemException loginIdTaken() {
        return new ProblemException(409, "login-id-unavailable", "Login ID unavailable",
                "This login ID is taken; choose another", List.of(new Problem.Violation("loginId", "is taken")),
                java.util.Map.of());
    }
}

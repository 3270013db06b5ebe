package dev.privacy.member.service;

import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.PasswordHasher;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * The sign-up protocol around {@link SignUpService#register}'s transaction (P01, P04; README
 * "Sign-up answer"). Its order is what keeps the answer from telling whether an e-mail address is
 * registered, and keeps Argon2id from being spent for nothing:
 * <ol>
 * <li>the attempt is counted per IP ({@link SignUpThrottle}) before any look-up or hashing;</li>
 * <li>the login ID and e-mail are looked up, and the password is hashed — outside the transaction —
 * only when a member can be created;</li>
 * <li>the member is registered (or a notice left for the e-mail's owner) in the caller's
 * transaction, see {@link Answer};</li>
 * <li>a concurrent sign-up that took the values in between makes the sign-up run once more, and
 * then it is answered as the values now stand;</li>
 * <li>an answer that created nothing is held back to the typical hashing time, so that time does
 * not tell it from a registration.</li>
 * </ol>
 * It runs in no transaction of its own: the hashing and the wait must hold no connection.
 */
@ApplicationScoped
public class SignUpFlow {

    @Inject
    SignUpThrottle throttle;

    @Inject
    SignUpService signUp;

    @Inject
    PasswordHasher passwords;

    @Inject
    CurrentActor currentActor;

    /** A validated sign-up: the profile (stripped, mobile number in E.164), the password and the age statement. */
    public record Applicant(Profile profile, String password, boolean over14) {
        @Override
        public String toString() {
            return "Applicant[redacted]";
        }
    }

    /**
     * How the caller turns the registration into its answer, inside a transaction it opens. The REST
     * resource stores the answer under the request's Idempotency-Key there and replays a stored one
     * instead, in which case it never asks for {@code registration}.
     */
    @FunctionalInterface
    public interface Answer<A> {
        A inTransaction(Supplier<SignUpService.Registered> registration);
    }

    public <A> A signUp(Applicant applicant, Answer<A> answer) {
        long started = System.nanoTime();
        throttle.count(currentActor.get().ip());
        for (int run = 1; ; run++) {
            try {
                return run(applicant, answer, started);
            } catch (SignUpService.ConcurrentSignUp e) {
                if (run == 2) {
                    throw new ProblemException(409, "sign-up-conflict", "Sign-up conflict",
                            "A concurrent sign-up used the same login ID or e-mail; try again");
                }
            }
        }
    }

    private <A> A run(Applicant applicant, Answer<A> answer, long started) {
        Run run = new Run(applicant);
        // Argon2id only for a sign-up that can create a member, and then outside the transaction. A
        // taken login ID or e-mail is answered inside it (after an Idempotency-Key replay, if any).
        if (signUp.availability(applicant.profile()) == SignUpService.Availability.FREE) {
            run.passwordHash();
        }
        A answered = answer.inTransaction(run::register);
        if (run.answeredWithNotice()) {
            // answer no sooner than a sign-up that hashed a password would, so time does not tell them apart
            waitUntil(started + passwords.typicalHashDuration().toNanos());
        }
        return answered;
    }

    /**
     * One run of the protocol: the password is hashed at most once (before the transaction when the
     * look-up found the values free, else inside it only if they became free), and what the
     * registration answered is kept — nothing when the caller replayed a stored answer.
     */
    private final class Run {

        private final Applicant applicant;
        private String passwordHash;
        private SignUpService.Registered registered;

        Run(Applicant applicant) {
            this.applicant = applicant;
        }

        synchronized String passwordHash() {
            if (passwordHash == null) {
                passwordHash = passwords.hash(applicant.password());
            }
            return passwordHash;
        }

        SignUpService.Registered register() {
            registered = signUp.register(applicant.profile(), this::passwordHash, applicant.over14());
            return registered;
        }

        boolean answeredWithNotice() {
            return registered != null && registered.noticeInstead();
        }
    }

    private static void waitUntil(long nanoTime) {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            try {
                Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

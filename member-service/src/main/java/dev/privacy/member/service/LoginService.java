package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.member.service.crypto.PasswordHasher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Login (credentials): Argon2id verification, throttling per IP and per login ID (counted before
 * the hash, {@link LoginThrottle}), and a member JWT.
 * Every failure is the same 401 whether the login ID exists, the password is wrong, or the member
 * is PENDING; an unknown login ID costs the same hashing time as a known one.
 */
@ApplicationScoped
public class LoginService {

    @Inject
    LookupHashes hashes;

    @Inject
    PasswordHasher passwords;

    @Inject
    LoginThrottle throttle;

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessLog accessLog;

    @ConfigProperty(name = "smallrye.jwt.new-token.lifespan", defaultValue = "900")
    long lifespanSeconds;

    public record Session(String accessToken, String tokenType, long expiresIn, UUID memberId) {
        @Override
        public String toString() {
            return "Session[redacted]";
        }
    }

    public Session login(String loginId, String password) {
        String ip = currentActor.get().ip();
        // counted before the hash: concurrent guesses cannot all pass a check made before any was counted
        LoginThrottle.Attempt attempt = throttle.begin(loginId, ip);
        Optional<Member> found = QuarkusTransaction.requiringNew()
                .call(() -> Member.byLoginIdHash(hashes.loginId(loginId)));
        boolean valid;
        try {
            valid = found.isPresent()
                    ? passwords.verify(password, found.get().passwordHash)
                    : passwords.verifyDecoy(password);
        } catch (PasswordHasher.Busy busy) {
            throttle.notTried(attempt); // 503: nothing was checked, so nothing is charged
            throw busy;
        }
        if (!valid || found.get().status != MemberStatus.ACTIVE) {
            throw new ProblemException(401, "login-failed", "Login failed",
                    "The login ID or password is not correct, or the account cannot log in yet", List.of(),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        UUID memberId = found.get().id;
        throttle.succeeded(attempt);
        QuarkusTransaction.requiringNew().run(() -> accessLog.bySelf(memberId, AccessAction.READ,
                List.of(Profile.LOGIN_ID, Profile.PASSWORD), Purpose.MEMBER_MANAGEMENT));
        String token = Jwt.subject(memberId.toString())
                .upn(memberId.toString())
                .groups(Set.of(Roles.MEMBER))
                .expiresIn(lifespanSeconds)
                .sign();
        return new Session(token, "Bearer", lifespanSeconds, memberId);
    }
}

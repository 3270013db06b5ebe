package dev.privacy.member.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** member-service settings; keys come from secrets in prod (README "Data at rest"). */
@ConfigMapping(prefix = "member")
public interface MemberConfig {

    /**
     * The key-encryption key wrapping every per-member data key: a cleartext Tink AEAD keyset JSON
     * (rotation: add a new primary key, keep the old ones, then re-wrap), or {@code base64:} and 32
     * random bytes (one AES-256-GCM key).
     */
    String kek();

    /** HMAC-SHA256 key of the login ID / e-mail lookup hashes: {@code base64:} and at least 32 bytes. */
    String lookupKey();

    Login login();

    Separated separated();

    PrivacyDesk privacyDesk();

    SignUp signUp();

    Disclosure disclosure();

    PasswordHashing passwordHashing();

    EmailChange emailChange();

    Password password();

    /** The password-strength check of sign-up (zxcvbn4j's estimate, README "Password strength"). */
    interface Password {
        /** zxcvbn's score (0 to 4) a new password needs at least: 3 = about 10^8 guesses or more. */
        @WithDefault("3")
        int minScore();
    }

    /**
     * The gate in front of Argon2id (README "Password hashing"): each computation holds 19 MiB, so
     * only {@code concurrency} run at once, at most {@code queue} more wait, each at most
     * {@code max-wait}; any other is answered 503 with Retry-After.
     */
    interface PasswordHashing {
        /** Argon2id computations at once (about one per CPU the service is given). */
        @WithDefault("2")
        int concurrency();

        /** Requests that may wait for a computation; the next one is refused at once. */
        @WithDefault("16")
        int queue();

        /** The longest a request waits for a computation before it is refused. */
        @WithDefault("3s")
        Duration maxWait();

        /** The Retry-After of a refusal. */
        @WithDefault("2s")
        Duration retryAfter();
    }

    /**
     * Throttling of e-mail changes per member (README "E-mail change"): a change to an address that
     * may belong to another member answers 409, so it is counted before the look-up.
     */
    interface EmailChange {
        /** E-mail changes (to an address other than the current one) per member within the window. */
        @WithDefault("10")
        int maxPerMember();

        @WithDefault("1h")
        Duration window();
    }

    /**
     * The check-back of every disclosure release (P10): before any field leaves, the approval is read
     * from the disclosure-service with this service's own token and verified here.
     */
    interface Disclosure {
        /** Base URL of the disclosure-service ({@code GET /v1/disclosures/{id}}, {@code /v1/correction-notices/{id}}). */
        @WithDefault("http://localhost:8084")
        String serviceUrl();

        /** The bearer token of those calls (role service, subject member-service), from a secret in prod. */
        java.util.Optional<String> serviceToken();

        /** Outside prod: sign a short-lived service token with the platform's (dev) signing key instead. */
        @WithDefault("false")
        boolean signServiceToken();

        /**
         * How long after its approval a disclosure may be released. The disclosure-service executes an
         * approval at once and retries a failed delivery within this time (privacy.disclosure.execution.approval-validity).
         */
        @WithDefault("PT15M")
        Duration approvalValidity();
    }

    /**
     * Login throttling (OWASP): per IP a fixed window of failed logins; per login ID an exponential
     * backoff rather than a lock-out, so an attacker is slowed and the owner can still log in.
     */
    interface Login {
        /** Consecutive failed logins of one login ID (from any IP) before the backoff starts. */
        @WithDefault("5")
        int freeFailuresPerLoginId();

        /** The first backoff; it doubles with every further failure. */
        @WithDefault("1s")
        Duration backoffBase();

        /** The longest backoff: after it the right password always logs in. */
        @WithDefault("5m")
        Duration backoffMax();

        /** A login ID's failures are forgotten after this long without an attempt. */
        @WithDefault("24h")
        Duration backoffReset();

        /** Failed logins from one IP within the window before it is refused with 429. */
        @WithDefault("20")
        int maxFailuresPerIp();

        /** The IP window. */
        @WithDefault("15m")
        Duration window();
    }

    /** Sign-up throttling per IP (a fixed window of accepted sign-up attempts). */
    interface SignUp {
        @WithDefault("10")
        int maxPerIp();

        @WithDefault("1h")
        Duration window();
    }

    interface PrivacyDesk {
        /** Time to answer a complaint or data-subject request (P20: 10 days), counted from receipt. */
        @WithDefault("P10D")
        Duration responseDeadline();

        /** How often the {@code privacy_desk_overdue_cases} gauge is recomputed (read by the scheduler). */
        @WithDefault("30s")
        Duration gaugeRefresh();
    }

    interface Separated {
        /** The database role owning schema {@code separated}; the only way the service reaches it. */
        @WithDefault("member_separated")
        String role();
    }
}

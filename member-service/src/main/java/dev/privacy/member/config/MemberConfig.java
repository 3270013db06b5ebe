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

    interface Login {
        /** Failed logins of one login ID within the window before it is refused with 429. */
        @WithDefault("5")
        int maxFailuresPerLoginId();

        /** Failed logins from one IP within the window before it is refused with 429. */
        @WithDefault("20")
        int maxFailuresPerIp();

        @WithDefault("15m")
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

-- Throttling that holds under concurrency (an attempt is counted before the password is hashed) and
-- that slows an attacker without locking the owner out (issue 13). Keys are keyed hashes only.

-- Fixed-window attempt counters per IP: failed logins ("login-ip:") and sign-ups ("sign-up-ip:").
-- A login attempt is counted before hashing and given back when it succeeds.
CREATE TABLE attempt_window (
    subject_hash  VARCHAR(80) PRIMARY KEY,
    attempts      INTEGER     NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL
);

-- Per-login-ID exponential backoff: consecutive failures and the earliest next attempt. No hard
-- lock-out: once next_attempt_at has passed, the right password logs in from any IP.
CREATE TABLE login_backoff (
    subject_hash     VARCHAR(80) PRIMARY KEY,
    failures         INTEGER     NOT NULL,
    last_attempt_at  TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL
);

-- The old fixed lock-out per login ID and IP.
DROP TABLE login_throttle;

-- Notices owed to a member, for an e-mail sender to deliver (it decrypts the address with the
-- member's data key when it sends). A sign-up with a registered e-mail answers like any sign-up
-- and leaves a notice here instead, so the answer does not say whether the address is known.
-- Kinds and times only, never a value; gone with the live member.
CREATE TABLE member_notice (
    id            UUID        PRIMARY KEY,
    member_id     UUID        NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    kind          VARCHAR(40) NOT NULL CHECK (kind IN ('SIGN_UP_WITH_YOUR_EMAIL')),
    created_at    TIMESTAMPTZ NOT NULL,
    delivered_at  TIMESTAMPTZ
);
CREATE INDEX member_notice_undelivered ON member_notice (created_at) WHERE delivered_at IS NULL;
CREATE INDEX member_notice_member ON member_notice (member_id);

-- member-service: members, credentials and their per-member data keys.
-- No personal-data value is stored in plaintext: every value column (*_ct) is Tink AEAD ciphertext
-- under the member's own data key; login ID and e-mail are found by HMAC-SHA256 keyed hashes.

-- One data key per member (a Tink AEAD keyset), wrapped by the key-encryption key (KEK) from a
-- secret. Deleting the row destroys the key: every ciphertext of the member, in any copy, is lost.
CREATE TABLE member_data_key (
    member_id    UUID        PRIMARY KEY,
    wrapped_key  BYTEA       NOT NULL,
    kek_key_id   BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    rewrapped_at TIMESTAMPTZ
);

-- The live member (P11): what normal APIs read. Gone at withdrawal.
CREATE TABLE member (
    id              UUID         PRIMARY KEY,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'ACTIVE')),
    login_id_hash   BYTEA        NOT NULL,
    email_hash      BYTEA        NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    name_ct         BYTEA        NOT NULL,
    login_id_ct     BYTEA        NOT NULL,
    mobile_ct       BYTEA        NOT NULL,
    email_ct        BYTEA        NOT NULL,
    guardian_consent_required BOOLEAN NOT NULL,
    fraud_review    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    activated_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX member_login_id_hash_uq ON member (login_id_hash);
CREATE UNIQUE INDEX member_email_hash_uq ON member (email_hash);

-- Failed logins per login ID and per IP (both keyed hashes, never the values) for throttling.
CREATE TABLE login_throttle (
    subject_hash  VARCHAR(80) PRIMARY KEY,
    failures      INTEGER     NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    locked_until  TIMESTAMPTZ
);

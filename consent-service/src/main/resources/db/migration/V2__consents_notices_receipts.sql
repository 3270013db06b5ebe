-- The ledger ends when the membership ends (MemberWithdrawn); the evidence stays for its retention period.
ALTER TABLE consent_subject ADD COLUMN withdrawn_at TIMESTAMPTZ;

-- Versioned notices of each purpose (policy file, or published by a privacy officer).
CREATE TABLE notice (
    purpose         VARCHAR(64)  NOT NULL,
    version         VARCHAR(32)  NOT NULL,
    effective_date  DATE         NOT NULL,
    text_hash       VARCHAR(64)  NOT NULL,   -- SHA-256 hex of the notice text
    text            TEXT         NOT NULL,
    published_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (purpose, version)
);

-- Current state of each consent: one row per member x purpose (x recipient for third-party provision).
CREATE TABLE consent_record (
    id               UUID         PRIMARY KEY,
    member_id        UUID         NOT NULL,
    purpose          VARCHAR(64)  NOT NULL,
    recipient_id     UUID,
    state            VARCHAR(16)  NOT NULL,
    notice_version   VARCHAR(32)  NOT NULL,
    last_receipt_id  UUID         NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX consent_record_one_per_purpose
    ON consent_record (member_id, purpose, COALESCE(recipient_id, '00000000-0000-0000-0000-000000000000'::uuid));
-- The marketing audience (P05) and re-consent queries walk live consents of one purpose by member ID.
CREATE INDEX consent_record_live_by_purpose ON consent_record (purpose, member_id) WHERE state = 'GRANTED';

-- Every change of a consent, never updated (ISO/IEC TS 27560 / Kantara consent receipt).
CREATE TABLE consent_receipt (
    receipt_id            UUID         PRIMARY KEY,
    consent_id            UUID,
    member_id             UUID         NOT NULL,
    purpose               VARCHAR(64)  NOT NULL,
    recipient_id          UUID,
    state                 VARCHAR(16)  NOT NULL,
    notice_version        VARCHAR(32)  NOT NULL,
    notice_text_hash      VARCHAR(64)  NOT NULL,
    data_categories       VARCHAR(512) NOT NULL,   -- comma-separated DataCategory names
    method                VARCHAR(32)  NOT NULL,
    channel               VARCHAR(16)  NOT NULL,
    actor_id              VARCHAR(255) NOT NULL,
    actor_role            VARCHAR(32)  NOT NULL,
    instruction_reference VARCHAR(255),
    reason                VARCHAR(64),
    controller            VARCHAR(255) NOT NULL,
    issued_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX consent_receipt_by_member ON consent_receipt (member_id, issued_at);

-- Guardian consent of an under-14 member (P04, P21). Contact details only encrypted, under the
-- member's guardian data key (wrapped by the KEK); destroying the key makes every copy unreadable.
CREATE TABLE guardian_data_key (
    member_id    UUID         PRIMARY KEY,
    wrapped_key  BYTEA        NOT NULL,
    kek_key_id   BIGINT       NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE TABLE guardian_consent (
    id                   UUID         PRIMARY KEY,
    member_id            UUID         NOT NULL UNIQUE,
    method               VARCHAR(32)  NOT NULL,
    evidence_reference   VARCHAR(255) NOT NULL,
    guardian_name_ct     BYTEA        NOT NULL,
    guardian_contact_ct  BYTEA        NOT NULL,
    receipt_id           UUID         NOT NULL,
    confirmed_by         VARCHAR(255) NOT NULL,
    confirmed_at         TIMESTAMPTZ  NOT NULL
);

-- Cookie preferences (P16) of a member or of an anonymous device; a device can be linked to a member.
CREATE TABLE cookie_preference (
    id                UUID         PRIMARY KEY,
    member_id         UUID         UNIQUE,
    device_id         UUID         UNIQUE,
    linked_member_id  UUID,
    choice            VARCHAR(16)  NOT NULL,
    targeting         BOOLEAN      NOT NULL,
    statistics        BOOLEAN      NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    CHECK ((member_id IS NULL) <> (device_id IS NULL))
);
CREATE INDEX cookie_preference_linked ON cookie_preference (linked_member_id) WHERE linked_member_id IS NOT NULL;

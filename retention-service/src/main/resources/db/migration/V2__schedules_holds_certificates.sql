-- The rules now live in the policy file (src/main/resources/retention-policy.yaml), loaded at start.
DROP TABLE retention_rule;

-- One retention clock of one member's data category, or (member_id null) one rolling-window
-- expiry of a log category for all members. SCHEDULED -> EXPIRED (RetentionExpired sent) ->
-- DESTROYED (the owner's DataDestroyed certified).
CREATE TABLE retention_schedule (
    id              UUID         PRIMARY KEY,
    member_id       UUID,
    category        VARCHAR(64)  NOT NULL,
    owner_service   VARCHAR(63)  NOT NULL,
    legal_basis     VARCHAR(128) NOT NULL,
    starts_at       TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    created_before  TIMESTAMPTZ,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('SCHEDULED', 'EXPIRED', 'DESTROYED')),
    expired_at      TIMESTAMPTZ,
    overdue_at      TIMESTAMPTZ,
    destroyed_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CHECK (member_id IS NOT NULL OR created_before IS NOT NULL)
);
-- at most one running clock per member and category: a later start extends it
CREATE UNIQUE INDEX retention_schedule_one_open ON retention_schedule (member_id, category) WHERE state = 'SCHEDULED';
CREATE INDEX retention_schedule_due ON retention_schedule (expires_at) WHERE state = 'SCHEDULED';
CREATE INDEX retention_schedule_awaiting ON retention_schedule (expired_at) WHERE state = 'EXPIRED';
CREATE INDEX retention_schedule_member ON retention_schedule (member_id, category);

-- A legal hold suspends expiry of a member's data, of a category, or of a member's category.
CREATE TABLE legal_hold (
    id              UUID         PRIMARY KEY,
    reference       VARCHAR(255) NOT NULL,
    reason          TEXT         NOT NULL,
    member_id       UUID,
    category        VARCHAR(64),
    placed_by       VARCHAR(255) NOT NULL,
    placed_at       TIMESTAMPTZ  NOT NULL,
    released_by     VARCHAR(255),
    released_at     TIMESTAMPTZ,
    CHECK (member_id IS NOT NULL OR category IS NOT NULL)
);
CREATE INDEX legal_hold_active ON legal_hold (member_id, category) WHERE released_at IS NULL;

-- A destruction certificate per DataDestroyed: who destroyed what, how, when, how many; the member
-- only as an HMAC reference; evidence is the canonical JSON the SHA-256 is computed over.
CREATE TABLE destruction_certificate (
    id               UUID         PRIMARY KEY,
    destruction_id   UUID         NOT NULL UNIQUE,
    schedule_id      UUID,
    member_ref       VARCHAR(64),
    category         VARCHAR(64)  NOT NULL,
    destroyed_by     VARCHAR(63)  NOT NULL,
    method           VARCHAR(32)  NOT NULL,
    record_count     BIGINT       NOT NULL,
    created_before   TIMESTAMPTZ,
    destroyed_at     TIMESTAMPTZ  NOT NULL,
    certified_at     TIMESTAMPTZ  NOT NULL,
    evidence         TEXT         NOT NULL,
    evidence_sha256  VARCHAR(64)  NOT NULL
);
CREATE INDEX destruction_certificate_member ON destruction_certificate (member_ref);

-- Where each rolling window of a log category stands: the last createdBefore announced.
CREATE TABLE rolling_window (
    category             VARCHAR(64) PRIMARY KEY,
    last_created_before  TIMESTAMPTZ NOT NULL,
    schedule_id          UUID        NOT NULL
);

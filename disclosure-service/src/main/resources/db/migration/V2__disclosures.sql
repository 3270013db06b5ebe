-- Recipients get a contact, the fields provision to them may carry (the items named in the consent
-- notice, or what a lawful request may ask for), and a notice/delivery endpoint with a shared
-- secret for HMAC signing. The secret is stored AES-GCM-encrypted and never returned by the API.
ALTER TABLE recipient
    ADD COLUMN contact            VARCHAR(255),
    ADD COLUMN allowed_fields     VARCHAR(255) NOT NULL DEFAULT '',
    ADD COLUMN endpoint           VARCHAR(2048),
    ADD COLUMN secret_ciphertext  VARCHAR(512),
    ADD COLUMN created_by         VARCHAR(255);

-- What the consent-service told us: live third-party provision consents (P10, P15).
CREATE TABLE live_consent (
    consent_id    UUID        PRIMARY KEY,
    member_id     UUID        NOT NULL,
    recipient_id  UUID        NOT NULL,
    granted_at    TIMESTAMPTZ,
    withdrawn_at  TIMESTAMPTZ
);
CREATE INDEX live_consent_member_recipient ON live_consent (member_id, recipient_id);

-- What the member-service told us: membership ended (no provision on consent any more).
CREATE TABLE member_withdrawal (
    member_id     UUID        PRIMARY KEY,
    withdrawn_at  TIMESTAMPTZ NOT NULL
);

-- Fields under a pending correction (P13): no disclosure names them until applied or rejected.
CREATE TABLE field_restriction (
    member_id      UUID        NOT NULL,
    correction_id  UUID        NOT NULL,
    field          VARCHAR(32) NOT NULL,
    restricted_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, correction_id, field)
);

CREATE TABLE disclosure_request (
    id                   UUID         PRIMARY KEY,
    member_id            UUID         NOT NULL,
    recipient_id         UUID         NOT NULL REFERENCES recipient (id),
    fields               VARCHAR(255) NOT NULL,
    purpose              VARCHAR(32)  NOT NULL,
    basis                VARCHAR(32)  NOT NULL CHECK (basis IN ('CONSENT', 'LAWFUL_REQUEST')),
    consent_id           UUID,
    authority            VARCHAR(255),
    legal_reference      VARCHAR(255),
    case_number          VARCHAR(128),
    document_reference   VARCHAR(255),
    nondisclosure_until  TIMESTAMPTZ,
    requested_by         VARCHAR(255) NOT NULL,
    status               VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'EXECUTED', 'REJECTED')),
    rejection_reason     VARCHAR(64),
    rejected_by          VARCHAR(255),
    attempts             INT          NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ,
    last_error           VARCHAR(255),
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX disclosure_request_member ON disclosure_request (member_id);
CREATE INDEX disclosure_request_due ON disclosure_request (status, next_attempt_at);

CREATE TABLE disclosure_approval (
    disclosure_id  UUID         NOT NULL REFERENCES disclosure_request (id) ON DELETE CASCADE,
    officer        VARCHAR(255) NOT NULL,
    approved_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (disclosure_id, officer)
);

-- The ledger (P10): one entry per provision actually made, with a hash of exactly what was sent.
CREATE TABLE disclosure_ledger (
    id                   UUID         PRIMARY KEY,
    disclosure_id        UUID         NOT NULL UNIQUE,
    member_id            UUID         NOT NULL,
    recipient_id         UUID         NOT NULL REFERENCES recipient (id),
    fields               VARCHAR(255) NOT NULL,
    basis                VARCHAR(32)  NOT NULL,
    purpose              VARCHAR(32)  NOT NULL,
    authority            VARCHAR(255),
    legal_reference      VARCHAR(255),
    nondisclosure_until  TIMESTAMPTZ,
    payload_sha256       CHAR(64)     NOT NULL,
    disclosed_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX disclosure_ledger_member ON disclosure_ledger (member_id);

-- Correction notices to recipients that received a corrected field (P14), retried until acknowledged.
CREATE TABLE correction_notice (
    id               UUID         PRIMARY KEY,
    member_id        UUID         NOT NULL,
    recipient_id     UUID         NOT NULL REFERENCES recipient (id),
    correction_id    UUID,
    disclosure_id    UUID         NOT NULL,
    purpose          VARCHAR(32)  NOT NULL,
    fields           VARCHAR(255) NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'ACKNOWLEDGED')),
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    deadline         TIMESTAMPTZ  NOT NULL,
    escalated        BOOLEAN      NOT NULL DEFAULT FALSE,
    escalated_at     TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX correction_notice_due ON correction_notice (status, next_attempt_at);
CREATE INDEX correction_notice_member ON correction_notice (member_id);

CREATE TABLE correction_notice_attempt (
    id            BIGSERIAL    PRIMARY KEY,
    notice_id     UUID         NOT NULL REFERENCES correction_notice (id) ON DELETE CASCADE,
    attempt       INT          NOT NULL,
    attempted_at  TIMESTAMPTZ  NOT NULL,
    http_status   INT,
    outcome       VARCHAR(32)  NOT NULL,
    payload_sha256 CHAR(64)
);

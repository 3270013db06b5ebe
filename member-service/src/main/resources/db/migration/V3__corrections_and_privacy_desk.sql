-- Correction requests (P13) and the privacy desk (P12, P20).
-- Free text (a correction note, a case description or resolution note) is personal data: it is
-- stored only as Tink AEAD ciphertext under the data key of its subject (the member; for a case
-- with no identified member, a data key of the case itself), like every other personal value.

-- A privacy-desk case: a complaint or a data-subject request, with its channel and its deadline.
-- member_id has no foreign key: a case outlives the live profile (COMPLAINT_RECORDS, 3 years).
CREATE TABLE privacy_desk_case (
    id                 UUID        PRIMARY KEY,
    member_id          UUID,
    kind               VARCHAR(32) NOT NULL
        CHECK (kind IN ('COMPLAINT', 'ACCESS_REQUEST', 'CORRECTION_REQUEST', 'DELETION_REQUEST', 'OTHER')),
    channel            VARCHAR(16) NOT NULL CHECK (channel IN ('WEB', 'WRITTEN', 'PHONE', 'EMAIL')),
    status             VARCHAR(16) NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED')),
    recorded_by_role   VARCHAR(32) NOT NULL,
    description_ct     BYTEA,
    correction_id      UUID,
    received_at        TIMESTAMPTZ NOT NULL,
    due_at             TIMESTAMPTZ NOT NULL,
    resolved_at        TIMESTAMPTZ,
    outcome            VARCHAR(32)
        CHECK (outcome IS NULL OR outcome IN ('FULFILLED', 'PARTIALLY_FULFILLED', 'REJECTED', 'WITHDRAWN')),
    resolution_note_ct BYTEA,
    CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND outcome IS NOT NULL))
);
CREATE INDEX privacy_desk_case_open_due ON privacy_desk_case (due_at) WHERE status <> 'RESOLVED';
CREATE INDEX privacy_desk_case_member ON privacy_desk_case (member_id);

-- A correction request: while PENDING, its fields are restricted (P13). Belongs to the live profile:
-- it goes with the member row at withdrawal.
CREATE TABLE correction_request (
    id                UUID         PRIMARY KEY,
    member_id         UUID         NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    fields            VARCHAR(200) NOT NULL,
    note_ct           BYTEA,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'REJECTED')),
    requested_by_role VARCHAR(32)  NOT NULL,
    case_id           UUID,
    requested_at      TIMESTAMPTZ  NOT NULL,
    resolved_at       TIMESTAMPTZ,
    reject_reason     VARCHAR(100)
);
CREATE INDEX correction_request_member ON correction_request (member_id);
CREATE INDEX correction_request_pending ON correction_request (member_id) WHERE status = 'PENDING';

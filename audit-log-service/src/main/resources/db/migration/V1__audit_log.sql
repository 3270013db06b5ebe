-- The append-only, hash-chained audit log (P02, P17, P19). Each entry's hash covers the previous
-- entry's hash, so a changed, removed or reordered entry breaks every hash after it.
CREATE TABLE audit_entry (
    sequence         BIGINT       PRIMARY KEY,
    entry_id         UUID         NOT NULL UNIQUE,
    source_topic     VARCHAR(255) NOT NULL,
    source_event_id  UUID         NOT NULL UNIQUE,
    source_type      VARCHAR(255) NOT NULL,
    source_service   VARCHAR(255) NOT NULL,
    member_id        UUID,
    occurred_at      TIMESTAMPTZ,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    data_hash        CHAR(64)     NOT NULL,
    previous_hash    CHAR(64)     NOT NULL,
    hash             CHAR(64)     NOT NULL
);

CREATE INDEX audit_entry_member ON audit_entry (member_id, sequence);

-- Appending is the only write this service's role needs on the log.
REVOKE UPDATE, DELETE ON audit_entry FROM PUBLIC;

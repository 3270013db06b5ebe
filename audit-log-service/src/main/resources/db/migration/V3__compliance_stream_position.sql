-- The compliance stream (audit.compliance) is relayed from the chain itself: entries commit in
-- sequence order (the chain lock is held to commit), so one cursor says what has been published.
-- Entries that exist at this migration were announced through the outbox already (or still are,
-- from rows pending there): the cursor starts after them, so none is announced twice.
CREATE TABLE compliance_stream_position (
    stream         VARCHAR(255) PRIMARY KEY,
    last_sequence  BIGINT       NOT NULL
);

INSERT INTO compliance_stream_position (stream, last_sequence)
SELECT 'audit.compliance', coalesce(max(sequence), -1) FROM audit_entry;

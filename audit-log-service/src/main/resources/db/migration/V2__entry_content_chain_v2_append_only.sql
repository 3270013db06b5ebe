-- Entries carry who accessed which member's which fields for what purpose (P02), and are chained
-- as in RFC 6962: leaf_hash = SHA-256(0x00 || leaf data), hash = SHA-256(0x01 || previous || leaf).
-- Rows written before this migration have no leaf_hash and keep their original (v1) hash.
ALTER TABLE audit_entry
    ADD COLUMN actor_id    VARCHAR(255),
    ADD COLUMN actor_role  VARCHAR(32),
    ADD COLUMN action      VARCHAR(16),
    ADD COLUMN fields      TEXT,
    ADD COLUMN purpose     VARCHAR(64),
    ADD COLUMN category    VARCHAR(64),
    ADD COLUMN leaf_hash   CHAR(64),
    ADD COLUMN purged_at   TIMESTAMPTZ;
-- A purged entry keeps no payload hash (P17): nothing left that could be matched to the payload.
ALTER TABLE audit_entry ALTER COLUMN data_hash DROP NOT NULL;

CREATE INDEX audit_entry_actor ON audit_entry (actor_id, sequence);
CREATE INDEX audit_entry_type ON audit_entry (source_type, sequence);
CREATE INDEX audit_entry_occurred ON audit_entry (occurred_at);

-- Signed checkpoints of the chain head: whoever holds one can detect a later truncation or rewrite.
CREATE TABLE audit_checkpoint (
    sequence   BIGINT      PRIMARY KEY,
    head_hash  CHAR(64)    NOT NULL,
    signed_at  TIMESTAMPTZ NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    signature  TEXT        NOT NULL
);

-- Append-only for every role, the service's own included (REVOKE ... FROM PUBLIC did not bind the
-- owner). The one permitted UPDATE is the retention purge (P17, P19): it runs with the
-- transaction-local setting audit.purge = on and may only blank the content columns, leaving
-- every column the chain and its verification need exactly as they were. DELETE and TRUNCATE are
-- always refused.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('audit.purge', true) = 'on' THEN
        IF NEW.sequence IS DISTINCT FROM OLD.sequence
           OR NEW.entry_id IS DISTINCT FROM OLD.entry_id
           OR NEW.source_topic IS DISTINCT FROM OLD.source_topic
           OR NEW.source_event_id IS DISTINCT FROM OLD.source_event_id
           OR NEW.source_type IS DISTINCT FROM OLD.source_type
           OR NEW.source_service IS DISTINCT FROM OLD.source_service
           OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
           OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at
           OR NEW.previous_hash IS DISTINCT FROM OLD.previous_hash
           OR NEW.hash IS DISTINCT FROM OLD.hash
           OR NEW.leaf_hash IS DISTINCT FROM OLD.leaf_hash
           OR OLD.leaf_hash IS NULL
           OR NEW.actor_role IS DISTINCT FROM OLD.actor_role
           OR NEW.action IS DISTINCT FROM OLD.action
           OR NEW.category IS DISTINCT FROM OLD.category
           OR NEW.actor_id IS NOT NULL
           OR NEW.member_id IS NOT NULL
           OR NEW.fields IS NOT NULL
           OR NEW.purpose IS NOT NULL
           OR NEW.data_hash IS NOT NULL
           OR NEW.purged_at IS NULL THEN
            RAISE EXCEPTION 'audit_entry %: a purge may only blank the content columns', OLD.sequence
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only_rows BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_append_only_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoint is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_checkpoint_append_only_rows BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();
CREATE TRIGGER audit_checkpoint_append_only_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();

-- Platform tables, second step (platform-runtime). Numbered V0_x beside the services' V1..Vn, so
-- Flyway applies them out of order on databases that already have service migrations.

-- The writing transaction of each outbox row. The relay publishes only rows of transactions older
-- than every transaction still running (pg_snapshot_xmin), so a row committed later can never
-- overtake an earlier-positioned one that was still in flight. This replaces the per-key advisory
-- lock, which made transactions that publish for several keys deadlock each other.
ALTER TABLE outbox_event ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();

-- Per topic and key, the sequence number (CloudEvents "sequence" extension, ce_sequence) of the
-- last event the relay had acknowledged by the broker. The relay numbers each key's events in
-- publish order; a row re-sent after a failure keeps its number.
CREATE TABLE outbox_key_sequence (
    topic          VARCHAR(255) NOT NULL,
    aggregate_key  VARCHAR(255) NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    PRIMARY KEY (topic, aggregate_key)
);

-- Per source, topic and key, the highest sequence number this consumer acted on, so a record that
-- arrives ahead of an earlier one (a partial send the relay is about to repeat) waits for it.
CREATE TABLE inbox_key_position (
    source         VARCHAR(255) NOT NULL,
    topic          VARCHAR(255) NOT NULL,
    aggregate_key  VARCHAR(255) NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    gap_seen_at    TIMESTAMPTZ,
    PRIMARY KEY (source, topic, aggregate_key)
);

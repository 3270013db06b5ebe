-- Platform tables shared by every service (platform-runtime). Service migrations start at V1.

-- Transactional outbox in Debezium's layout (id, aggregatetype, aggregateid, type, payload,
-- timestamp) so the in-service relay can be swapped for Debezium's EventRouter. "position" gives
-- the relay its order; "topic" is routed on like any additional EventRouter field.
CREATE TABLE outbox_event (
    position            BIGSERIAL PRIMARY KEY,
    id                  UUID         NOT NULL UNIQUE,
    aggregatetype       VARCHAR(255) NOT NULL,
    aggregateid         VARCHAR(255) NOT NULL,
    type                VARCHAR(255) NOT NULL,
    payload             JSONB        NOT NULL,
    timestamp           TIMESTAMPTZ  NOT NULL,
    topic               VARCHAR(255) NOT NULL,
    tracingspancontext  VARCHAR(512)
);

-- Inbox: IDs of events this service has handled, written in the same transaction as the effect.
CREATE TABLE inbox_event (
    event_id     UUID         PRIMARY KEY,
    type         VARCHAR(255) NOT NULL,
    source       VARCHAR(255) NOT NULL,
    topic        VARCHAR(255) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);

-- Idempotency-Key of creating POSTs: the first response is replayed for a repeated key.
CREATE TABLE idempotency_key (
    idempotency_key  VARCHAR(255) NOT NULL,
    scope            VARCHAR(255) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    status           INTEGER      NOT NULL,
    location         VARCHAR(1024),
    body             TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

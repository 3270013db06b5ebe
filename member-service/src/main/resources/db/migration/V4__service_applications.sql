-- Service applications (P01): the contract record (address, CONTRACT_RECORDS, 5 years) and the
-- payment record (processor token and display hints, PAYMENT_RECORDS, 5 years), each with its date.
-- Address and payment are Tink AEAD ciphertexts (JSON inside) under the member's data key; no card
-- number is ever accepted (the API refuses anything that looks like one).
CREATE TABLE service_application (
    id          UUID        PRIMARY KEY,
    member_id   UUID        NOT NULL,
    address_ct  BYTEA       NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX service_application_member ON service_application (member_id);

CREATE TABLE payment_record (
    id              UUID        PRIMARY KEY,
    application_id  UUID        NOT NULL,
    member_id       UUID        NOT NULL,
    payment_ct      BYTEA       NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX payment_record_member ON payment_record (member_id);

-- Their copies in the separated store (P08) after withdrawal, still under the member's data key.
CREATE TABLE separated.service_application (
    id            UUID        PRIMARY KEY,
    member_id     UUID        NOT NULL,
    address_ct    BYTEA       NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    separated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX separated_service_application_member ON separated.service_application (member_id);

CREATE TABLE separated.payment_record (
    id              UUID        PRIMARY KEY,
    application_id  UUID        NOT NULL,
    member_id       UUID        NOT NULL,
    payment_ct      BYTEA       NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    separated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX separated_payment_record_member ON separated.payment_record (member_id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'member_separated') THEN
        ALTER TABLE separated.service_application OWNER TO member_separated;
        ALTER TABLE separated.payment_record OWNER TO member_separated;
    END IF;
END
$$;

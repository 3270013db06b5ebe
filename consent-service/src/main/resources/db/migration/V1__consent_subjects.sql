-- Members the consent-service knows of: a consent ledger is opened when MemberRegistered arrives.
-- Consents, notices, guardian consents and cookie preferences follow in later migrations.
CREATE TABLE consent_subject (
    member_id          UUID        PRIMARY KEY,
    guardian_required  BOOLEAN     NOT NULL,
    registered_event   UUID        NOT NULL,
    opened_at          TIMESTAMPTZ NOT NULL
);

-- Third parties that may receive personal data (P10). Requests, approvals, the ledger and
-- correction notices follow in later migrations.
CREATE TABLE recipient (
    id            UUID         PRIMARY KEY,
    code          VARCHAR(64)  NOT NULL UNIQUE,
    display_name  VARCHAR(255) NOT NULL,
    kind          VARCHAR(32)  NOT NULL CHECK (kind IN ('CONSENTED_THIRD_PARTY', 'INVESTIGATIVE_AGENCY')),
    created_at    TIMESTAMPTZ  NOT NULL
);

-- The separated store (P08): retained data of withdrawn members, in its own schema, owned by its
-- own database role. The service's normal code path cannot read it: only the separated-store
-- repository switches to that role (SET LOCAL ROLE) for the moves, the fraud-prevention check and
-- destruction. The role is created here when the migrating user may create roles; otherwise a DBA
-- creates it beforehand (see README) and grants it to the application user.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'member_separated') THEN
        BEGIN
            CREATE ROLE member_separated NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'cannot create role member_separated; a DBA must create it';
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'member_separated') THEN
        BEGIN
            EXECUTE format('GRANT member_separated TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
            RAISE NOTICE 'cannot grant member_separated to %', current_user;
        END;
    END IF;
END
$$;

CREATE SCHEMA separated;
REVOKE ALL ON SCHEMA separated FROM PUBLIC;

-- Member information kept 10 years after the contract ended (MEMBER_PROFILE, P07), still encrypted
-- under the member's data key. The lookup hashes serve the fraud-prevention check at sign-up.
CREATE TABLE separated.member_profile (
    member_id       UUID        PRIMARY KEY,
    login_id_hash   BYTEA       NOT NULL,
    email_hash      BYTEA       NOT NULL,
    name_ct         BYTEA       NOT NULL,
    login_id_ct     BYTEA       NOT NULL,
    mobile_ct       BYTEA       NOT NULL,
    email_ct        BYTEA       NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL,
    separated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX separated_member_login_id_hash ON separated.member_profile (login_id_hash);
CREATE INDEX separated_member_email_hash ON separated.member_profile (email_hash);

-- The contract and withdrawal record (CONTRACT_RECORDS, 5 years, P07): dates only.
CREATE TABLE separated.contract_record (
    member_id        UUID        PRIMARY KEY,
    registered_at    TIMESTAMPTZ NOT NULL,
    contract_ended_at TIMESTAMPTZ NOT NULL,
    withdrawn_by_role VARCHAR(32) NOT NULL
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'member_separated') THEN
        ALTER SCHEMA separated OWNER TO member_separated;
        ALTER TABLE separated.member_profile OWNER TO member_separated;
        ALTER TABLE separated.contract_record OWNER TO member_separated;
    END IF;
END
$$;

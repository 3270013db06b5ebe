-- A field under a pending correction when its member withdrew stays restricted in the separated
-- store (P13): the correction can no longer be applied, so the contested value is never released
-- for a lawful disclosure. Field names only, never values.
ALTER TABLE separated.member_profile ADD COLUMN restricted_fields TEXT[] NOT NULL DEFAULT '{}';

-- When the approvals a disclosure needs were complete (the last required approval). The member-service
-- checks an approval back against this service before it releases anything, and refuses one older
-- than its validity (member.disclosure.approval-validity): a release follows its approval at once.
ALTER TABLE disclosure_request ADD COLUMN approved_at TIMESTAMPTZ;

UPDATE disclosure_request d SET approved_at = (SELECT max(a.approved_at) FROM disclosure_approval a WHERE a.disclosure_id = d.id)
WHERE d.status IN ('APPROVED', 'EXECUTED');

-- The overdue count (a gauge, every sweep): few rows, found without reading every schedule that
-- awaits an answer, which during a destruction wave is most of the table.
CREATE INDEX retention_schedule_overdue ON retention_schedule (expired_at) WHERE state = 'EXPIRED' AND overdue_at IS NOT NULL;

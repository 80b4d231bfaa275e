-- 003_stats.sql (SLA reports section): on-time rate per stage on
-- PostgreSQL (lapor_schema.version 3).
--
-- The columns of db/schema/sqlite/003_stats.sql, with the same meaning:
-- per measured stage the deadline in force when the stage ended and the
-- time it ended (NULL: not ended, or ended before this migration), the
-- first reply and the last close (backfilled from the events).  The kase
-- table's row-level security covers them; the column grants follow 001:
-- readable by every group, written by those who act on cases.
ALTER TABLE kase ADD COLUMN verify_due bigint;
ALTER TABLE kase ADD COLUMN verified_at bigint;
ALTER TABLE kase ADD COLUMN respond_due bigint;
ALTER TABLE kase ADD COLUMN responded_at bigint;
ALTER TABLE kase ADD COLUMN settle_due bigint;
ALTER TABLE kase ADD COLUMN settled_at bigint;
ALTER TABLE kase ADD COLUMN replied_at bigint;
ALTER TABLE kase ADD COLUMN closed_at bigint;

UPDATE kase SET replied_at = r.at
	FROM (SELECT case_id, min(at) AS at FROM event WHERE action = 'reply' GROUP BY case_id) AS r
	WHERE r.case_id = kase.id;
UPDATE kase SET closed_at = r.at
	FROM (SELECT case_id, max(at) AS at FROM event WHERE action = 'close' GROUP BY case_id) AS r
	WHERE r.case_id = kase.id;

CREATE INDEX event_feedback ON event(case_id, at) INCLUDE (detail) WHERE action = 'feedback';

GRANT SELECT (verify_due, verified_at, respond_due, responded_at, settle_due, settled_at,
	replied_at, closed_at)
	ON kase TO lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;
GRANT UPDATE (verify_due, verified_at, respond_due, responded_at, settle_due, settled_at,
	replied_at, closed_at)
	ON kase TO lapor_coordinator, lapor_supervisor, lapor_clerk;

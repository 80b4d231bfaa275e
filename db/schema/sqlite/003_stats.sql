-- 003_stats.sql (SLA reports section): on-time rate per stage and the
-- speed of `lapor stats` (PRAGMA user_version 3).
--
-- When an action stops the clock of a measured stage (verification, first
-- response, settlement; the feedback window is the citizen's, not the
-- agency's deadline), core records on the case the deadline in force then
-- (after any extension) and the time the stage ended (lp_store_case_outcome;
-- the time the clock was paused when it ended paused).  A later end of the
-- same stage (settlement after a second reopening) replaces it.  NULL:
-- the stage has not ended, or ended before this migration (the events do
-- not tell the deadline then in force): unknown, left out of the rate.
ALTER TABLE kase ADD COLUMN verify_due INTEGER;
ALTER TABLE kase ADD COLUMN verified_at INTEGER;
ALTER TABLE kase ADD COLUMN respond_due INTEGER;
ALTER TABLE kase ADD COLUMN responded_at INTEGER;
ALTER TABLE kase ADD COLUMN settle_due INTEGER;
ALTER TABLE kase ADD COLUMN settled_at INTEGER;
-- The first reply and the last close, so that the report reads no event
-- (NULL: none); backfilled from the events.
ALTER TABLE kase ADD COLUMN replied_at INTEGER;
ALTER TABLE kase ADD COLUMN closed_at INTEGER;

UPDATE kase SET replied_at = r.at
	FROM (SELECT case_id, min(at) AS at FROM event WHERE action = 'reply' GROUP BY case_id) AS r
	WHERE r.case_id = kase.id;
UPDATE kase SET closed_at = r.at
	FROM (SELECT case_id, max(at) AS at FROM event WHERE action = 'close' GROUP BY case_id) AS r
	WHERE r.case_id = kase.id;

-- The report's cohort scan reads this index only (never the wide rows):
-- it replaces kase_created (created_at, agency), a prefix of it.
DROP INDEX IF EXISTS kase_created;
CREATE INDEX kase_cohort ON kase(created_at, agency, status, assignee, category, kind, privacy,
	escalated_to, due_at, clock_paused_at, clock_stage, verify_due, verified_at, respond_due,
	responded_at, settle_due, settled_at, replied_at, closed_at);
-- Citizens' ratings (feedback events) per case, for the satisfaction average.
CREATE INDEX event_feedback ON event(case_id, at, detail) WHERE action = 'feedback';

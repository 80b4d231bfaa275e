-- 002_search.sql: finding cases on PostgreSQL (lapor_schema.version 2).
--
-- The tables of db/schema/sqlite/002_search.sql.  Full-text search needs
-- no new table here: kase.search (001) is the tsvector of title and
-- body, indexed by GIN; event texts are searched through event_search
-- below.  Also: indexes for the query language's fields, the
-- dashboard's tallies kept by triggers (stat_open, stat_day), and saved
-- queues.  Row-level security as in 001: the tallies are counts without
-- text and readable by every group (core restricts what the dashboard
-- shows); saved queues are readable by every officer (core picks the
-- officer's own and the agency's) and written by their owner, or for an
-- agency-wide queue by a coordinator, supervisor or admin of the agency.

-- Replies, notes and messages: the text search vector of an event.
CREATE INDEX event_search ON event USING gin (to_tsvector('simple'::regconfig,
	left(coalesce(text, ''), 262144))) WHERE action IN ('reply', 'note', 'message');

-- Query fields without an index so far, the dashboard's days, and the
-- duplicate finder (same region or category among open cases).
CREATE INDEX kase_created ON kase(created_at, agency);
CREATE INDEX kase_region ON kase(region, status);
CREATE INDEX kase_category ON kase(category, status);
CREATE INDEX kase_priority ON kase(priority, status) WHERE priority > 0;
CREATE INDEX kase_privacy ON kase(privacy, status) WHERE privacy <> 'public';

-- stat_open: open cases (new, postponed, assigned, in_progress) by
-- agency, assignee, status and UTC day of the deadline (-1: no clock).
CREATE TABLE stat_open (
	agency text COLLATE "C" NOT NULL,
	assignee text COLLATE "C" NOT NULL,
	status text NOT NULL,
	due_day bigint NOT NULL,
	n bigint NOT NULL,
	PRIMARY KEY (agency, assignee, status, due_day)
);
INSERT INTO stat_open(agency, assignee, status, due_day, n)
	SELECT agency, assignee, status, CASE WHEN due_at = 0 THEN -1 ELSE due_at / 86400 END,
		count(*) FROM kase WHERE status IN ('new', 'postponed', 'assigned', 'in_progress')
	GROUP BY 1, 2, 3, 4;

-- stat_day: per agency and local day (the agency's zone): cases
-- received, closed, and answers or closings measured against a running
-- deadline and those on time.
CREATE TABLE stat_day (
	agency text COLLATE "C" NOT NULL,
	day bigint NOT NULL,
	received bigint NOT NULL DEFAULT 0,
	closed bigint NOT NULL DEFAULT 0,
	measured bigint NOT NULL DEFAULT 0,
	on_time bigint NOT NULL DEFAULT 0,
	PRIMARY KEY (agency, day)
);
INSERT INTO stat_day(agency, day, received)
	SELECT k.agency, (k.created_at + a.tz_minutes * 60) / 86400, count(*)
	FROM kase k JOIN agency a ON a.code = k.agency GROUP BY 1, 2;
INSERT INTO stat_day(agency, day, closed)
	SELECT k.agency, (k.updated_at + a.tz_minutes * 60) / 86400, count(*)
	FROM kase k JOIN agency a ON a.code = k.agency WHERE k.status = 'closed'
	GROUP BY 1, 2
	ON CONFLICT (agency, day) DO UPDATE SET closed = stat_day.closed + excluded.closed;

-- The tallies are kept by the owner's rights (SECURITY DEFINER), so an
-- officer's update of a case keeps them right without a grant on them.
CREATE FUNCTION lapor_stat_open_add(a text, who text, st text, due bigint, d integer)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
	INSERT INTO stat_open(agency, assignee, status, due_day, n)
		SELECT a, who, st, CASE WHEN due = 0 THEN -1 ELSE due / 86400 END, d
		WHERE st IN ('new', 'postponed', 'assigned', 'in_progress')
	ON CONFLICT (agency, assignee, status, due_day) DO UPDATE SET n = stat_open.n + d
$f$;
REVOKE ALL ON FUNCTION lapor_stat_open_add(text, text, text, bigint, integer) FROM PUBLIC;

CREATE FUNCTION lapor_stat_day_add(a text, at bigint, rec integer, clo integer, mea integer,
				   ont integer)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
	INSERT INTO stat_day(agency, day, received, closed, measured, on_time)
		SELECT a, (at + tz_minutes * 60) / 86400, rec, clo, mea, ont
		FROM agency WHERE code = a
	ON CONFLICT (agency, day) DO UPDATE SET received = stat_day.received + excluded.received,
		closed = stat_day.closed + excluded.closed,
		measured = stat_day.measured + excluded.measured,
		on_time = stat_day.on_time + excluded.on_time
$f$;
REVOKE ALL ON FUNCTION lapor_stat_day_add(text, bigint, integer, integer, integer, integer)
	FROM PUBLIC;

CREATE FUNCTION lapor_stat_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM lapor_stat_open_add(old.agency, old.assignee, old.status, old.due_at, -1);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM lapor_stat_open_add(new.agency, new.assignee, new.status, new.due_at, 1);
	END IF;
	IF TG_OP = 'INSERT' THEN
		PERFORM lapor_stat_day_add(new.agency, new.created_at, 1, 0, 0, 0);
	ELSIF TG_OP = 'UPDATE' AND new.status IN ('responded', 'closed')
	      AND old.status IS DISTINCT FROM new.status THEN
		-- Answered or closed: on time when before the deadline then
		-- running; a close after the answer is the citizen's clock.
		PERFORM lapor_stat_day_add(new.agency, new.updated_at, 0,
			(new.status = 'closed')::integer, (old.status <> 'responded')::integer,
			(old.status <> 'responded' AND (old.due_at = 0
			 OR new.updated_at <= old.due_at))::integer);
	END IF;
	RETURN NULL;
END
$f$;
CREATE TRIGGER kase_stat_insert AFTER INSERT ON kase
	FOR EACH ROW EXECUTE FUNCTION lapor_stat_change();
CREATE TRIGGER kase_stat_update AFTER UPDATE OF status, agency, assignee, due_at ON kase
	FOR EACH ROW WHEN (old.status IS DISTINCT FROM new.status
		OR old.agency IS DISTINCT FROM new.agency
		OR old.assignee IS DISTINCT FROM new.assignee
		OR old.due_at IS DISTINCT FROM new.due_at)
	EXECUTE FUNCTION lapor_stat_change();
CREATE TRIGGER kase_stat_delete AFTER DELETE ON kase
	FOR EACH ROW EXECUTE FUNCTION lapor_stat_change();

-- Saved queues: named queries, personal (owner = login, agency = '') or
-- agency-wide (owner = '', agency = code), in canonical text.
CREATE TABLE saved_queue (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name text COLLATE "C" NOT NULL,
	owner text COLLATE "C" NOT NULL DEFAULT '',
	agency text COLLATE "C" NOT NULL DEFAULT '',
	query text NOT NULL,
	created_by text COLLATE "C" NOT NULL,
	created_at bigint NOT NULL,
	UNIQUE (owner, agency, name)
);
CREATE INDEX saved_queue_agency ON saved_queue(agency, name) WHERE agency <> '';
CREATE TRIGGER saved_queue_notify AFTER INSERT OR UPDATE OR DELETE ON saved_queue
	FOR EACH STATEMENT EXECUTE FUNCTION lapor_notify_change();

ALTER TABLE saved_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY saved_queue_read ON saved_queue FOR SELECT USING (
	owner = current_user OR (owner = '' AND (agency = (SELECT lapor_my_agency())
		OR (SELECT lapor_my_role()) IN ('admin', 'system'))));
CREATE POLICY saved_queue_write ON saved_queue FOR ALL USING (
	owner = current_user OR (owner = '' AND ((SELECT lapor_my_role()) IN ('admin', 'system')
		OR ((SELECT lapor_my_role()) IN ('coordinator', 'supervisor')
		    AND agency = (SELECT lapor_my_agency())))))
	WITH CHECK (created_by = current_user AND (owner = current_user
		OR (owner = '' AND ((SELECT lapor_my_role()) IN ('admin', 'system')
		    OR ((SELECT lapor_my_role()) IN ('coordinator', 'supervisor')
			AND agency = (SELECT lapor_my_agency()))))));

GRANT SELECT ON stat_open, stat_day
	TO lapor_admin, lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;
GRANT SELECT, INSERT, UPDATE, DELETE ON saved_queue
	TO lapor_admin, lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;

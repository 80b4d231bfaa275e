-- 002_search.sql: finding cases (PRAGMA user_version 2).
--
-- Full-text search (FTS5), kept in step with cases and events by
-- triggers; tokenised by unicode61 with diacritics removed (Indonesian
-- is written in Latin script and needs no stemming), with a prefix index
-- for "jal*".  Reporter fields are never indexed.  Secret cases are
-- indexed, and every search adds the privacy condition in SQL (core
-- passes it), so an officer outside the handling agency never matches
-- their text.  Also: indexes for the query language's fields, the
-- dashboard's tallies kept by triggers, and saved queues.

-- Titles and bodies, keyed by case id (external content: the text stays
-- in kase, snippets read it from there).
CREATE VIRTUAL TABLE case_fts USING fts5(title, body, content='kase', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2', prefix='3');
INSERT INTO case_fts(rowid, title, body) SELECT id, title, body FROM kase;

CREATE TRIGGER kase_fts_insert AFTER INSERT ON kase
BEGIN
	INSERT INTO case_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER kase_fts_update AFTER UPDATE OF title, body ON kase
	WHEN old.title IS NOT new.title OR old.body IS NOT new.body
BEGIN
	INSERT INTO case_fts(case_fts, rowid, title, body) VALUES ('delete', old.id, old.title,
		old.body);
	INSERT INTO case_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER kase_fts_delete AFTER DELETE ON kase
BEGIN
	INSERT INTO case_fts(case_fts, rowid, title, body) VALUES ('delete', old.id, old.title,
		old.body);
END;

-- Replies, internal notes and the citizen's messages, keyed by (case,
-- seq), with their visibility so internal notes can be left out.  Events
-- are never changed or deleted, so inserting is the only trigger.
CREATE VIRTUAL TABLE event_fts USING fts5(text, case_id UNINDEXED, seq UNINDEXED,
	action UNINDEXED, visibility UNINDEXED,
	tokenize='unicode61 remove_diacritics 2', prefix='3');
INSERT INTO event_fts(text, case_id, seq, action, visibility)
	SELECT text, case_id, seq, action, visibility FROM event
	WHERE action IN ('reply', 'note', 'message') AND text IS NOT NULL AND text <> '';

CREATE TRIGGER event_fts_insert AFTER INSERT ON event
	WHEN new.action IN ('reply', 'note', 'message') AND new.text IS NOT NULL
		AND new.text <> ''
BEGIN
	INSERT INTO event_fts(text, case_id, seq, action, visibility)
		VALUES (new.text, new.case_id, new.seq, new.action, new.visibility);
END;

-- Query fields without an index so far, the dashboard's days, and the
-- duplicate finder (same region or category among open cases).
CREATE INDEX kase_created ON kase(created_at, agency);
CREATE INDEX kase_region ON kase(region, status);
CREATE INDEX kase_category ON kase(category, status);
-- Partial: few cases are urgent or private; the store adds the literal
-- terms (priority > 0, privacy <> 'public') to queries they can serve.
CREATE INDEX kase_priority ON kase(priority, status) WHERE priority > 0;
CREATE INDEX kase_privacy ON kase(privacy, status) WHERE privacy <> 'public';

-- Tallies the dashboard reads instead of the cases, kept by triggers.
-- stat_open: open cases (new, postponed, assigned, in_progress) by
-- agency, assignee, status and UTC day of the deadline (-1: no clock).
CREATE TABLE stat_open (
	agency TEXT NOT NULL,
	assignee TEXT NOT NULL,
	status TEXT NOT NULL,
	due_day INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (agency, assignee, status, due_day)
) WITHOUT ROWID;
INSERT INTO stat_open(agency, assignee, status, due_day, n)
	SELECT agency, assignee, status, CASE WHEN due_at = 0 THEN -1 ELSE due_at / 86400 END,
		count(*) FROM kase WHERE status IN ('new', 'postponed', 'assigned', 'in_progress')
	GROUP BY 1, 2, 3, 4;

-- stat_day: per agency and local day (the agency's zone): cases
-- received, closed, and answers or closings measured against a running
-- deadline and those on time.  Closings of an older database count on
-- their last change, unmeasured.
CREATE TABLE stat_day (
	agency TEXT NOT NULL,
	day INTEGER NOT NULL,
	received INTEGER NOT NULL DEFAULT 0,
	closed INTEGER NOT NULL DEFAULT 0,
	measured INTEGER NOT NULL DEFAULT 0,
	on_time INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (agency, day)
) WITHOUT ROWID;
INSERT INTO stat_day(agency, day, received)
	SELECT k.agency, (k.created_at + a.tz_minutes * 60) / 86400, count(*)
	FROM kase k JOIN agency a ON a.code = k.agency GROUP BY 1, 2;
INSERT INTO stat_day(agency, day, closed)
	SELECT k.agency, (k.updated_at + a.tz_minutes * 60) / 86400 AS d, count(*)
	FROM kase k JOIN agency a ON a.code = k.agency WHERE k.status = 'closed'
	GROUP BY 1, 2 HAVING 1
	ON CONFLICT(agency, day) DO UPDATE SET closed = closed + excluded.closed;

CREATE TRIGGER stat_insert AFTER INSERT ON kase
BEGIN
	INSERT INTO stat_open(agency, assignee, status, due_day, n)
		SELECT new.agency, new.assignee, new.status,
			CASE WHEN new.due_at = 0 THEN -1 ELSE new.due_at / 86400 END, 1
		WHERE new.status IN ('new', 'postponed', 'assigned', 'in_progress')
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO stat_day(agency, day, received)
		SELECT new.agency, (new.created_at + tz_minutes * 60) / 86400, 1
		FROM agency WHERE code = new.agency
		ON CONFLICT DO UPDATE SET received = received + 1;
END;

CREATE TRIGGER stat_update AFTER UPDATE OF status, agency, assignee, due_at ON kase
	WHEN old.status IS NOT new.status OR old.agency IS NOT new.agency
		OR old.assignee IS NOT new.assignee OR old.due_at IS NOT new.due_at
BEGIN
	UPDATE stat_open SET n = n - 1
		WHERE old.status IN ('new', 'postponed', 'assigned', 'in_progress')
		AND agency = old.agency AND assignee = old.assignee AND status = old.status
		AND due_day = CASE WHEN old.due_at = 0 THEN -1 ELSE old.due_at / 86400 END;
	INSERT INTO stat_open(agency, assignee, status, due_day, n)
		SELECT new.agency, new.assignee, new.status,
			CASE WHEN new.due_at = 0 THEN -1 ELSE new.due_at / 86400 END, 1
		WHERE new.status IN ('new', 'postponed', 'assigned', 'in_progress')
		ON CONFLICT DO UPDATE SET n = n + 1;
	-- Answered (to responded) or closed: on time when before the deadline
	-- then running; a close after the answer is the citizen's clock.
	INSERT INTO stat_day(agency, day, closed, measured, on_time)
		SELECT new.agency, (new.updated_at + tz_minutes * 60) / 86400,
			new.status = 'closed', old.status <> 'responded',
			old.status <> 'responded' AND (old.due_at = 0 OR new.updated_at <= old.due_at)
		FROM agency WHERE code = new.agency
			AND new.status IN ('responded', 'closed') AND old.status IS NOT new.status
		ON CONFLICT DO UPDATE SET closed = closed + excluded.closed,
			measured = measured + excluded.measured, on_time = on_time + excluded.on_time;
END;

CREATE TRIGGER stat_delete AFTER DELETE ON kase
BEGIN
	UPDATE stat_open SET n = n - 1
		WHERE old.status IN ('new', 'postponed', 'assigned', 'in_progress')
		AND agency = old.agency AND assignee = old.assignee AND status = old.status
		AND due_day = CASE WHEN old.due_at = 0 THEN -1 ELSE old.due_at / 86400 END;
END;

-- Saved queues: named queries, personal (owner = login, agency = '') or
-- agency-wide (owner = '', agency = code).  The query is kept in its
-- canonical text (lapor-query(7)).
CREATE TABLE saved_queue (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	owner TEXT NOT NULL DEFAULT '',
	agency TEXT NOT NULL DEFAULT '',
	query TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	UNIQUE (owner, agency, name)
);
CREATE INDEX saved_queue_agency ON saved_queue(agency, name) WHERE agency <> '';

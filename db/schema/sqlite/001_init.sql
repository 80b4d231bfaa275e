-- 001_init.sql: lapor's first schema (PRAGMA user_version 1).
--
-- Closed lists (status, kind, channel, privacy, role, action, visibility,
-- agency kind, SLA stage) are stored as their stable names from
-- core/model.h, so the file reads well in plain sqlite3.  Times are unix
-- seconds (INTEGER).  Empty codes and logins are '' (not NULL) so that
-- they can be matched through an index.  The migration runs in one
-- transaction; the shipped data is inserted after this script.

CREATE TABLE agency (
	code TEXT PRIMARY KEY,
	parent TEXT NOT NULL DEFAULT '',          -- '' for the root
	path TEXT NOT NULL UNIQUE,                -- '/KEMENPANRB/31/31.71/'
	name TEXT NOT NULL,
	kind TEXT NOT NULL,                       -- central, ministry, ..., unit
	tz_minutes INTEGER NOT NULL DEFAULT 420   -- 420 WIB, 480 WITA, 540 WIT
);

CREATE TABLE officer (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	agency TEXT NOT NULL REFERENCES agency(code),
	role TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX officer_agency ON officer(agency, login);

-- Cases (laporan).  "kase" because CASE is an SQL keyword.
CREATE TABLE kase (
	id INTEGER PRIMARY KEY,
	tracking_id TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	channel TEXT NOT NULL,
	status TEXT NOT NULL,
	privacy TEXT NOT NULL,
	category TEXT NOT NULL DEFAULT '',
	region TEXT NOT NULL DEFAULT '',
	agency TEXT NOT NULL REFERENCES agency(code),
	assignee TEXT NOT NULL DEFAULT '',        -- '' when unassigned
	priority INTEGER NOT NULL DEFAULT 0,
	submitted_at INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0,
	due_at INTEGER NOT NULL DEFAULT 0,        -- 0 when no clock runs
	escalation INTEGER NOT NULL DEFAULT 0,
	escalated_to TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	merged_into INTEGER NOT NULL DEFAULT 0,
	field_check INTEGER NOT NULL DEFAULT 0,
	extended_days INTEGER NOT NULL DEFAULT 0,
	clock_stage TEXT,                         -- SLA stage name; NULL when none runs
	clock_paused_at INTEGER NOT NULL DEFAULT 0,
	event_count INTEGER NOT NULL DEFAULT 0,
	last_hash BLOB,                           -- NULL until the first event
	reporter_name TEXT,
	reporter_phone TEXT,
	reporter_email TEXT,
	title TEXT,
	body TEXT,
	-- Sort key of the due order: cases without a clock sort last.
	due_key INTEGER GENERATED ALWAYS AS
		(CASE WHEN due_at = 0 THEN 9223372036854775807 ELSE due_at END) VIRTUAL
);

-- Every queue reads one page through one of these (keyset pagination).  A
-- non-unique index ends with the rowid (the case id), so (agency, status)
-- lists an agency's queue in id order.  Lists over several statuses merge
-- one ordered scan per status.  An officer's cases and an escalation queue
-- are small: read in due order, sorted in memory for the others.  A list
-- under a small subtree (a city and its units) reads the agency indexes
-- of each of its agencies (INDEXED BY) and sorts; under a large one it
-- scans the status indexes in order.
CREATE INDEX kase_agency_status ON kase(agency, status);
CREATE INDEX kase_agency_status_due ON kase(agency, status, due_key);
CREATE INDEX kase_agency_status_updated ON kase(agency, status, updated_at);
-- Partial: the store adds the literal term (assignee <> '') to queries on
-- an officer's cases, and (escalated_to <> '') to escalation queues.
CREATE INDEX kase_assignee_status ON kase(assignee, status, due_key) WHERE assignee <> '';
CREATE INDEX kase_escalated ON kase(escalated_to, status, due_key) WHERE escalated_to <> '';
CREATE INDEX kase_status ON kase(status);
CREATE INDEX kase_status_due ON kase(status, due_key);
CREATE INDEX kase_status_updated ON kase(status, updated_at);

-- The audit trail: one row per action, hash-chained per case, never
-- updated or deleted.
CREATE TABLE event (
	case_id INTEGER NOT NULL REFERENCES kase(id),
	seq INTEGER NOT NULL,
	at INTEGER NOT NULL,
	officer TEXT NOT NULL,
	actor TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	status_from TEXT NOT NULL,
	status_to TEXT NOT NULL,
	agency_from TEXT NOT NULL DEFAULT '',
	agency_to TEXT NOT NULL DEFAULT '',
	visibility TEXT NOT NULL,
	text TEXT,
	detail TEXT,
	prev_hash BLOB NOT NULL,
	hash BLOB NOT NULL,
	PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
	SELECT RAISE(ABORT, 'the event log is append-only: events cannot be changed');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
	SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted');
END;

-- What an officer is writing on a case (reply or note), kept across crashes.
CREATE TABLE draft (
	case_id INTEGER NOT NULL REFERENCES kase(id),
	login TEXT NOT NULL,
	kind TEXT NOT NULL,                       -- 'reply' or 'note'
	text TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (case_id, login)
) WITHOUT ROWID;

-- Days off in the working-day calendar.
CREATE TABLE holiday (
	date TEXT PRIMARY KEY,                    -- 'YYYY-MM-DD'
	name TEXT NOT NULL,
	kind TEXT NOT NULL                        -- 'national' or 'joint_leave'
) WITHOUT ROWID;

-- How long each SLA stage may take.
CREATE TABLE sla_policy (
	kind TEXT NOT NULL,                       -- case kind
	stage TEXT NOT NULL,                      -- SLA stage
	field_check INTEGER NOT NULL,             -- 1: cases that need a field check
	days INTEGER NOT NULL,
	working_days INTEGER NOT NULL,            -- 1: working days, 0: calendar days
	PRIMARY KEY (kind, stage, field_check)
) WITHOUT ROWID;

-- Settings kept in the database.
CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

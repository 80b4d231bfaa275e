-- 005_pg_speed.sql: full-text matches of an agency subtree through its
-- indexes, and ranked matches cut to a page inside the server
-- (lapor_schema.version 5).
--
-- An officer of a subtree finds only cases handled by (or escalated to)
-- an agency of it, but 004's functions said so only in lapor_may_find,
-- which no index can read: they read every match in the nation (114,629
-- for "sampah" at 1,000,000 cases) to keep a supervisor's 17,260.
-- lapor_case_matches and lapor_event_matches (replaced here, same
-- arguments and results; lapor no longer calls lapor_case_match_count:
-- lapor_case_rank says when there are too many to rank) and lapor_case_rank
-- now also says "agency or escalated_to in the finder's subtree", which
-- lapor_may_find implies for every officer but admins (clerks' own agency
-- is in their subtree): PostgreSQL ANDs the full-text index with the
-- agency indexes (kase_agency below: 7 MB at 1,000,000 cases, where
-- kase_agency_status_updated's 63 MB took twice as long to read for a
-- subtree's 148,329 cases).  lapor_may_find still decides.
--
-- With at most a few thousand matching cases lapor ranks them all by
-- cover density (db/pg/pg_search.c).  Ranked through case_visible and
-- event_visible, every match's title, body and texts were read row by
-- row through the security-barrier views (the row rule's sub-plans per
-- row), and only then cut to the page: 100 to 550 ms for a supervisor
-- at 1,000,000 cases.  lapor_case_rank ranks on the base tables with the
-- owner's rights and returns only the page's ids, their rank and where
-- their best match was; it finds exactly what lapor_case_matches and
-- lapor_event_matches (004) find, under the same rule (lapor_may_find,
-- to the officer who logged in), and lapor still reads the page's rows
-- through the officer's own views, so nothing the views hide is shown.
-- Nothing but ids and ranks leaves the function: the ranks of texts
-- the officer may not read are never computed (lapor_may_find refuses
-- their cases first).

CREATE INDEX kase_agency ON kase(agency);

-- The best lim cases for the words (to_tsquery 'simple' syntax), best
-- first: a case's title and body (title weighs 4, body 1), or one of its
-- replies and messages (notes too with notes) at half a body, each case
-- at its best match (hit_where 0: title or body, 1: the event hit_seq).
-- hit_rank is negated (lower is better) as pg_search.c's ranking.  When
-- more than cap cases match (as lapor_case_match_count(words, cap + 1)
-- would say: lapor then ranks by recency, in tiers), one row of NULLs
-- instead: the matches are read once, not counted first and then again.
CREATE FUNCTION lapor_case_rank(words text, notes boolean, lim integer, cap integer)
RETURNS TABLE (hit_case bigint, hit_rank double precision, hit_where integer, hit_seq bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	f record;
	ids bigint[];
BEGIN
	SELECT * INTO f FROM lapor_finder();
	IF NOT f.f_all AND f.f_role IS NULL THEN
		RETURN;
	END IF;
	ids := ARRAY(
		SELECT k.id FROM kase k
		WHERE k.search @@ q
			AND (f.f_all OR k.agency = ANY (f.f_subtree)
			     OR k.escalated_to = ANY (f.f_subtree))
			AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
					   k.agency, k.escalated_to, k.status, k.privacy)
		LIMIT cap + 1);
	IF cardinality(ids) > cap THEN
		RETURN QUERY SELECT NULL::bigint, NULL::double precision, NULL::integer,
			NULL::bigint;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT b.cid, b.r, b.w, b.fr FROM (
		SELECT DISTINCT ON (u.cid) u.cid, u.r, u.w, u.fr FROM (
			SELECT k.id AS cid,
				-ts_rank_cd('{0.25, 0.25, 0.25, 1.0}'::real[],
					setweight(to_tsvector('simple'::regconfig,
							      coalesce(k.title, '')), 'A')
					|| to_tsvector('simple'::regconfig,
						       left(coalesce(k.body, ''), 262144)), q) AS r,
				0 AS w, 0::bigint AS fr
			FROM kase k
			WHERE k.id = ANY (ids)
			UNION ALL
			SELECT e.case_id,
				-0.5 * ts_rank_cd('{0.25, 0.25, 0.25, 1.0}'::real[],
					to_tsvector('simple'::regconfig,
						    left(coalesce(e.text, ''), 262144)), q),
				1, e.seq
			FROM event e JOIN kase k ON k.id = e.case_id
			WHERE to_tsvector('simple'::regconfig, left(coalesce(e.text, ''), 262144)) @@ q
				AND e.action IN ('reply', 'note', 'message')
				AND (notes OR e.visibility <> 'internal')
				AND (f.f_all OR k.agency = ANY (f.f_subtree)
				     OR k.escalated_to = ANY (f.f_subtree))
				AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
						   k.agency, k.escalated_to, k.status, k.privacy)
		) u ORDER BY u.cid, u.r, u.w, u.fr) b
	ORDER BY b.r, b.cid
	LIMIT lim;
END
$f$;

REVOKE ALL ON FUNCTION lapor_case_rank(text, boolean, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lapor_case_rank(text, boolean, integer, integer)
	TO lapor_admin, lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;

-- 004's functions, with the subtree condition.
CREATE OR REPLACE FUNCTION lapor_case_matches(words text, title_only boolean, lim integer)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	f record;
	floor_id bigint := 0;
	found_ids bigint[];
BEGIN
	SELECT * INTO f FROM lapor_finder();
	IF NOT f.f_all AND f.f_role IS NULL THEN
		RETURN;
	END IF;
	IF lim IS NOT NULL THEN
		SELECT coalesce(max(k.id), 0) - 20000 INTO floor_id FROM kase k;
	END IF;
	LOOP
		found_ids := ARRAY(
			SELECT k.id FROM kase k
			WHERE k.id > floor_id AND k.search @@ q
				AND (NOT title_only
				     OR to_tsvector('simple'::regconfig, coalesce(k.title, '')) @@ q)
				AND (f.f_all OR k.agency = ANY (f.f_subtree)
				     OR k.escalated_to = ANY (f.f_subtree))
				AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
						   k.agency, k.escalated_to, k.status, k.privacy)
			ORDER BY k.id DESC LIMIT lim);
		EXIT WHEN floor_id <= 0 OR cardinality(found_ids) >= lim;
		floor_id := 0;
	END LOOP;
	RETURN QUERY SELECT unnest(found_ids);
END
$f$;

CREATE OR REPLACE FUNCTION lapor_event_matches(words text, notes boolean, lim integer)
RETURNS TABLE (hit_case bigint, hit_seq bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	f record;
BEGIN
	SELECT * INTO f FROM lapor_finder();
	RETURN QUERY
	SELECT e.case_id, e.seq FROM event e JOIN kase k ON k.id = e.case_id
	WHERE to_tsvector('simple'::regconfig, left(coalesce(e.text, ''), 262144)) @@ q
		AND e.action IN ('reply', 'note', 'message')
		AND (notes OR e.visibility <> 'internal')
		AND (f.f_all OR k.agency = ANY (f.f_subtree) OR k.escalated_to = ANY (f.f_subtree))
		AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
				   k.agency, k.escalated_to, k.status, k.privacy)
	ORDER BY e.at DESC, e.case_id DESC, e.seq DESC
	LIMIT lim;
END
$f$;

-- ---- change notification after the commit ----
--
-- A NOTIFY inside a transaction takes, at its commit, a lock on the
-- notification queue that it holds until the commit is on disk: every
-- transaction that notifies waits for the one before it to reach the disk,
-- and commits are no longer written together.  16 officers acting at once
-- (tests/bench/pg_concurrency.sh, durable cluster) did 921 actions/s with
-- the statement triggers notifying and 1,170 without.  A lapor write
-- transaction sets lapor.notify to 'after_commit' (SET LOCAL) and lapor
-- sends one NOTIFY lapor_changes itself after it commits (db/pg/pg_open.c),
-- in a transaction of its own that writes nothing to disk; its changes to
-- cases and events no longer notify from the triggers.  The other tables'
-- triggers (rare changes), lapor's writes outside a transaction and any
-- other writer (psql) notify as before.
CREATE OR REPLACE FUNCTION lapor_notify_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
	IF TG_TABLE_NAME NOT IN ('kase', 'event')
		OR current_setting('lapor.notify', true) IS DISTINCT FROM 'after_commit' THEN
		PERFORM pg_notify('lapor_changes', TG_TABLE_NAME);
	END IF;
	RETURN NULL;
END
$f$;

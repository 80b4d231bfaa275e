-- 011_pg_title_index.sql: the newest title matches of a search read from
-- an index of titles and case numbers (lapor_schema.version 11).
--
-- A search with more matches than lapor ranks (5,000) is answered in
-- tiers, newest first: the cases whose title matches, then those whose
-- title or body does, then replies and notes.  lapor_case_matches found
-- the first tier in kase_scope_search (006), which indexes titles and
-- bodies together, within a window of the newest case numbers: it read
-- the posting lists of the words in every title and body (for "pungutan
-- liar" as an admin, 38,450 cases: 38 ms of the scan alone), and tested
-- the title and the window on each case found.
--
-- kase_scope_title indexes a case's agencies (as kase_scope_search, so a
-- subtree's matches are ANDed inside the index), its title's words alone
-- (ts_filter(search, '{a}'): the stored vector weighs the title's words
-- A, 006) and its number (btree_gin's int8 operator class), so that the
-- window of newest numbers is a condition of the index too.  Without the
-- number, PostgreSQL, estimating 67 cases with "lampu", "jalan" and
-- "mati" in the title where there are 25,704, read every one of them to
-- keep the 50 newest (52 ms); with it the same took 3 ms.
--
-- Measured at 1,000,000 cases, old and new in turn, a whole search in a
-- session already open (tests/bench/pg_search.sh), in ms: a clerk's
-- "lampu jalan mati", best 200, 84-111 before and 52-54 after; an
-- admin's "pungutan liar", best 50, 92-94 and 58-59; searches with
-- fewer matches than the cap (one statement) unchanged.  The index is
-- 86 MB (kase_scope_search: 68 MB) and took 6 s to build; 16 officers
-- adding notes at once committed a median 1,015 actions/s with it and
-- 1,137 without (tests/bench/pg_concurrency.sh, 12 runs each).
--
-- btree_gin ships with PostgreSQL (contrib) and is a trusted extension:
-- the database's owner, who runs lapor's migrations, may create it.
-- Where the owner lacks CREATE on the database, a superuser runs
-- "CREATE EXTENSION btree_gin" in it first.
--
-- The rule, the window, the tiers and the results are unchanged.  The
-- window's condition is dropped when it reads every case (floor 0), as a
-- range over every number would be read from the index in full.
-- ANALYZE gathers the statistics of the index's expression, without
-- which the planner estimates title matches blindly.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE INDEX kase_scope_title ON kase
	USING gin ((ARRAY[agency, escalated_to]), ts_filter(search, '{a}'), id);

CREATE OR REPLACE FUNCTION lapor_case_matches(words text, title_only boolean, lim integer)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
SET plan_cache_mode = force_custom_plan AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	f record;
	top_id bigint := 0;
	span bigint := 20000;
	floor_id bigint := 0;
	found_ids bigint[];
BEGIN
	SELECT * INTO f FROM lapor_finder();
	IF NOT f.f_all AND f.f_role IS NULL THEN
		RETURN;
	END IF;
	IF lim IS NOT NULL THEN
		SELECT coalesce(max(k.id), 0) INTO top_id FROM kase k;
		floor_id := top_id - span;
	END IF;
	LOOP
		IF f.f_all THEN
			found_ids := ARRAY(
				SELECT k.id FROM kase k
				WHERE (floor_id <= 0 OR k.id > floor_id)
					AND CASE WHEN title_only THEN ts_filter(k.search, '{a}') @@ q
						 ELSE k.search @@ q END
				ORDER BY k.id DESC LIMIT lim);
		ELSE
			found_ids := ARRAY(
				SELECT c.id FROM (
					SELECT k.id, k.search, k.agency, k.escalated_to, k.status,
						k.privacy
					FROM kase k
					WHERE (floor_id <= 0 OR k.id > floor_id)
						AND CASE WHEN title_only THEN ts_filter(k.search, '{a}') @@ q
							 ELSE k.search @@ q END
						AND ARRAY[k.agency, k.escalated_to] && f.f_subtree
					OFFSET 0) c
				WHERE lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
							   c.agency, c.escalated_to, c.status, c.privacy)
				ORDER BY c.id DESC LIMIT lim);
		END IF;
		EXIT WHEN floor_id <= 0 OR cardinality(found_ids) >= lim;
		-- Too few among the newest: a span twice as wide as the rate found
		-- asks for, or every case when none was found.
		IF cardinality(found_ids) = 0 THEN
			floor_id := 0;
		ELSE
			span := span * 2 * lim / cardinality(found_ids);
			floor_id := greatest(top_id - span, 0);
		END IF;
	END LOOP;
	RETURN QUERY SELECT unnest(found_ids);
END
$f$;

ANALYZE kase;

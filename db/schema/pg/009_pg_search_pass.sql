-- 009_pg_search_pass.sql: a search's matches ranked as they are found,
-- and the newest matches found by the text index alone
-- (lapor_schema.version 9).
--
-- Measured with auto_explain at 1,000,000 cases, as a supervisor
-- (bambang.susilo at 35.78, 148,329 cases in his subtree):
--
-- 1. lapor_case_rank (008) read the officer's matches once to learn
--    whether there were too many to rank, and then again, each by its id
--    through kase_pkey, to rank them: "jalan rusak", 3,833 matches, took
--    24 ms to find them and 30 ms to read them again (15,276 buffers).
--    Each match is now ranked in the pass that finds it (ts_rank_cd on
--    the row already read): about 4 ms more than finding them alone.
--    When there are more than `cap`, the ranks of those read are spent
--    for nothing; that costs the same 4 ms.
--
-- 2. lapor_case_matches (006), the newest matches of a search with too
--    many to rank and of `ls` with a text term, tested the rule
--    (lapor_may_find) in the query that reads kase_scope_search: for the
--    subtree's values PostgreSQL built a bitmap of every case of the
--    subtree's agencies (kase_agency: 148,329 cases, 44 ms) to AND with
--    the text index's, as lapor_case_rank did before 008.  The same
--    OFFSET 0 keeps the rule out of the index scan here: the rule and the
--    title-only test are applied to the index's matches afterwards.
--
-- 3. lapor_case_matches looked for a page among the newest 20,000 cases,
--    and when it found too few there, among all: "pungutan liar" in
--    titles, 108 of the 200 the console asks for among the newest, then
--    every one of 5,753 matches read again (31 ms).  It now widens the
--    span by the rate it found (twice over), and reads all only when it
--    found none.
--
-- The results are the same: the same matches, the same rule, the same
-- ranks (ts_rank_cd's real, widened to double precision as before).

CREATE OR REPLACE FUNCTION lapor_case_rank(words text, notes boolean, lim integer, cap integer)
RETURNS TABLE (hit_case bigint, hit_rank double precision, hit_where integer, hit_seq bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	f record;
	ids bigint[];
	ranks real[];
BEGIN
	SELECT * INTO f FROM lapor_finder();
	IF NOT f.f_all AND f.f_role IS NULL THEN
		RETURN;
	END IF;
	IF f.f_all THEN
		SELECT array_agg(m.id), array_agg(m.r) INTO ids, ranks FROM (
			SELECT k.id, -ts_rank_cd('{0.25, 0.25, 0.25, 1.0}'::real[], k.search, q) AS r
			FROM kase k WHERE k.search @@ q LIMIT cap + 1) m;
	ELSE
		SELECT array_agg(m.id), array_agg(m.r) INTO ids, ranks FROM (
			SELECT c.id, -ts_rank_cd('{0.25, 0.25, 0.25, 1.0}'::real[], c.search, q) AS r
			FROM (
				SELECT k.id, k.search, k.agency, k.escalated_to, k.status, k.privacy
				FROM kase k
				WHERE k.search @@ q
					AND ARRAY[k.agency, k.escalated_to] && f.f_subtree
				OFFSET 0) c
			WHERE lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
					     c.agency, c.escalated_to, c.status, c.privacy)
			LIMIT cap + 1) m;
	END IF;
	IF coalesce(cardinality(ids), 0) > cap THEN
		RETURN QUERY SELECT NULL::bigint, NULL::double precision, NULL::integer,
			NULL::bigint;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT b.cid, b.r, b.w, b.fr FROM (
		SELECT DISTINCT ON (u.cid) u.cid, u.r, u.w, u.fr FROM (
			SELECT m.cid, m.r, 0 AS w, 0::bigint AS fr
			FROM unnest(ids, ranks) AS m(cid, r)
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
				AND (f.f_all OR ARRAY[k.agency, k.escalated_to] && f.f_subtree)
				AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
						   k.agency, k.escalated_to, k.status, k.privacy)
		) u ORDER BY u.cid, u.r, u.w, u.fr) b
	ORDER BY b.r, b.cid
	LIMIT lim;
END
$f$;

CREATE OR REPLACE FUNCTION lapor_case_matches(words text, title_only boolean, lim integer)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
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
				WHERE k.id > floor_id AND k.search @@ q
					AND (NOT title_only
					     OR ts_filter(k.search, '{a}') @@ q)
				ORDER BY k.id DESC LIMIT lim);
		ELSE
			found_ids := ARRAY(
				SELECT c.id FROM (
					SELECT k.id, k.search, k.agency, k.escalated_to, k.status,
						k.privacy
					FROM kase k
					WHERE k.id > floor_id AND k.search @@ q
						AND ARRAY[k.agency, k.escalated_to] && f.f_subtree
					OFFSET 0) c
				WHERE (NOT title_only OR ts_filter(c.search, '{a}') @@ q)
					AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
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

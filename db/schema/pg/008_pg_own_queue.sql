-- 008_pg_own_queue.sql: an officer's own queue read in order: the row
-- rule on kase as one policy per group, and an index of each officer's
-- cases by deadline; and a search's matches found by the text index alone
-- (lapor_schema.version 8).
--
-- PostgreSQL applies to a statement only the policies of the groups its
-- role is a member of.  With the whole rule in one policy, every officer's
-- statements carried all three branches, OR-ed: PostgreSQL cannot estimate
-- such a condition, took it for about one row in a hundred, and planned a
-- clerk's own queue (30,775 open cases in the demo) as a bitmap scan and a
-- sort of all of them: 200 ms for its first page.  Now a clerk's
-- statements carry the clerk's branch only, a supervisor's the subtree
-- branch only, and an admin's none that touches a column.
--
-- Each policy still checks the officer's role in the officer table (a
-- login granted another group by hand gains nothing from it), written
-- (SELECT lapor_my_role() ...): a condition on no column, which
-- PostgreSQL tests once per statement, before reading any row, and leaves
-- out of its row estimates.  The branches are unchanged from 001 and
-- case_visible keeps the whole rule (a view has no per-group form).

DROP POLICY kase_read ON kase;
DROP POLICY kase_change ON kase;

CREATE POLICY kase_read_all ON kase FOR SELECT TO lapor_admin
	USING ((SELECT lapor_my_role() IN ('admin', 'system')));
CREATE POLICY kase_read_agency ON kase FOR SELECT TO lapor_clerk
	USING ((SELECT lapor_my_role() = 'clerk') AND agency = (SELECT lapor_my_agency())
	       AND status NOT IN ('new', 'postponed'));
CREATE POLICY kase_read_subtree ON kase FOR SELECT
	TO lapor_coordinator, lapor_supervisor, lapor_auditor
	USING ((SELECT lapor_my_role() IN ('coordinator', 'supervisor', 'auditor'))
	       AND (agency IN (SELECT lapor_my_subtree())
		    OR escalated_to IN (SELECT lapor_my_subtree())));

CREATE POLICY kase_change_all ON kase FOR UPDATE TO lapor_admin
	USING ((SELECT lapor_my_role() IN ('admin', 'system')))
	WITH CHECK (lapor_may_write());
CREATE POLICY kase_change_agency ON kase FOR UPDATE TO lapor_clerk
	USING ((SELECT lapor_my_role() = 'clerk') AND agency = (SELECT lapor_my_agency())
	       AND status NOT IN ('new', 'postponed'))
	WITH CHECK (lapor_may_write());
CREATE POLICY kase_change_subtree ON kase FOR UPDATE TO lapor_coordinator, lapor_supervisor
	USING ((SELECT lapor_my_role() IN ('coordinator', 'supervisor'))
	       AND (agency IN (SELECT lapor_my_subtree())
		    OR escalated_to IN (SELECT lapor_my_subtree())))
	WITH CHECK (lapor_may_write());

-- "My cases" (open cases of one officer, by deadline) is read per status
-- in this index's order and merged (db/pg/pg_case_list.c), instead of
-- sorting all of them: 15,346 open cases of one clerk in the demo.
CREATE INDEX kase_assignee_status_due ON kase(assignee, status, due_key, id)
	WHERE assignee <> '';

-- lapor_case_rank (006): the matches of an officer who is not an admin
-- are found by kase_scope_search alone, and only then tested against the
-- rule (lapor_may_find).  With the rule in the same query PostgreSQL
-- planned, for the subtree's values, a bitmap of every case of the
-- subtree's agencies (kase_agency, kase_escalated: 148,329 cases for a
-- supervisor) to AND with the text index's: a search's first run in a
-- session took 88 to 125 ms, now 40 to 71 (the same results).  OFFSET 0
-- keeps the rule out of the index scan.
CREATE OR REPLACE FUNCTION lapor_case_rank(words text, notes boolean, lim integer, cap integer)
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
	IF f.f_all THEN
		ids := ARRAY(SELECT k.id FROM kase k WHERE k.search @@ q LIMIT cap + 1);
	ELSE
		ids := ARRAY(
			SELECT c.id FROM (
				SELECT k.id, k.agency, k.escalated_to, k.status, k.privacy
				FROM kase k
				WHERE k.search @@ q
					AND ARRAY[k.agency, k.escalated_to] && f.f_subtree
				OFFSET 0) c
			WHERE lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
					     c.agency, c.escalated_to, c.status, c.privacy)
			LIMIT cap + 1);
	END IF;
	IF cardinality(ids) > cap THEN
		RETURN QUERY SELECT NULL::bigint, NULL::double precision, NULL::integer,
			NULL::bigint;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT b.cid, b.r, b.w, b.fr FROM (
		SELECT DISTINCT ON (u.cid) u.cid, u.r, u.w, u.fr FROM (
			SELECT k.id AS cid,
				-ts_rank_cd('{0.25, 0.25, 0.25, 1.0}'::real[], k.search, q) AS r,
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
				AND (f.f_all OR ARRAY[k.agency, k.escalated_to] && f.f_subtree)
				AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
						   k.agency, k.escalated_to, k.status, k.privacy)
		) u ORDER BY u.cid, u.r, u.w, u.fr) b
	ORDER BY b.r, b.cid
	LIMIT lim;
END
$f$;

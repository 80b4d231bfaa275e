-- 006_pg_scope.sql: a weighted search vector and one GIN index over a
-- case's agencies and its words, so that a subtree's full-text matches
-- are found in the index alone and ranked without parsing their text
-- again (lapor_schema.version 6).
--
-- Two costs of a supervisor's search at 1,000,000 cases (bambang.susilo
-- at 35.78, 148,329 cases; "lampu jalan mati": 25,704 matches in the
-- nation, 3,859 in the subtree), measured with auto_explain:
--
-- 1. Finding the subtree's matches.  005 asked for "the words, and
--    agency or escalated_to in the subtree", hoping PostgreSQL would AND
--    the full-text index with the agency indexes.  It does not: it
--    estimates several words as if they were independent (237 cases
--    expected, 25,704 found: complaints about street lights use all
--    three), so it read every match's row to test its agency: 23,074 heap
--    pages, 150 ms.  kase_scope_search indexes, in one GIN index, the
--    array {agency, escalated_to} (array_ops, "&&" with the subtree) and
--    the search vector (tsvector_ops); GIN ANDs them inside the index and
--    only the subtree's matches are read: 3,793 pages, 19 ms.  GIN uses
--    any subset of its columns, so it also serves a search with no subtree
--    (admins) and replaces kase_search (001).
--
-- 2. Ranking them.  lapor_case_rank parsed every match's title and body
--    again to weigh the title 4 to 1 (setweight ... 'A'): 90 ms for the
--    3,859.  search now stores that weighted vector (the title's words
--    weigh A, the body's D; the body's positions follow the title's as
--    before), so ranking reads it: 38 ms.  Matching is unchanged (lapor's
--    queries carry no weights); the title alone is ts_filter(search,
--    '{a}').  A generated column's expression cannot be altered: the
--    column is dropped and added again, which rewrites kase once, and the
--    masking views that read it (001) are dropped and created again as
--    they were, with their grants.
--
-- The functions are 005's with the subtree condition written as that
-- array, in a branch of its own: in one statement, "f_all OR <array> &&
-- subtree" would keep a generic plan (plpgsql's, after five runs) from
-- using the index.  What they find is unchanged: {agency, escalated_to}
-- && subtree is "agency = ANY (subtree) OR escalated_to = ANY (subtree)".

DROP VIEW event_visible;
DROP VIEW case_visible;
DROP INDEX kase_search;
ALTER TABLE kase DROP COLUMN search;
-- Full-text search over title (weight A) and body (the first 256 KiB: a
-- tsvector is limited to 1 MiB).  'simple': no stemming, as FTS5 on SQLite.
ALTER TABLE kase ADD COLUMN search tsvector GENERATED ALWAYS AS
	(setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
	 || to_tsvector('simple'::regconfig, left(coalesce(body, ''), 262144))) STORED;
CREATE INDEX kase_scope_search ON kase
	USING gin ((ARRAY[agency, escalated_to]), search);

-- 001's masking views, as they were.
CREATE VIEW case_visible WITH (security_barrier) AS
SELECT k.id, k.tracking_id, k.kind, k.channel, k.status, k.privacy, k.category, k.region,
	k.agency, k.assignee, k.priority, k.submitted_at, k.created_at, k.updated_at, k.due_at,
	k.escalation, k.escalated_to, k.version, k.merged_into, k.field_check, k.extended_days,
	k.clock_stage, k.clock_paused_at, k.event_count, k.last_hash,
	CASE WHEN m.reporter THEN k.reporter_name END AS reporter_name,
	CASE WHEN m.reporter THEN k.reporter_phone END AS reporter_phone,
	CASE WHEN m.reporter THEN k.reporter_email END AS reporter_email,
	CASE WHEN m.content THEN k.title END AS title,
	CASE WHEN m.content THEN k.body END AS body,
	k.due_key,
	CASE WHEN m.content THEN k.search END AS search
FROM kase k
CROSS JOIN LATERAL (SELECT
	coalesce((SELECT lapor_my_role()) IN ('admin', 'system') OR k.privacy = 'public'
		 OR (k.privacy = 'secret' AND k.agency = (SELECT lapor_my_agency())), false)
		AS reporter,
	coalesce((SELECT lapor_my_role()) IN ('admin', 'system') OR k.privacy <> 'secret'
		 OR k.agency = (SELECT lapor_my_agency()), false)
		AS content) m
WHERE (SELECT lapor_my_role()) IN ('admin', 'system')
	OR ((SELECT lapor_my_role()) = 'clerk' AND k.agency = (SELECT lapor_my_agency())
	    AND k.status NOT IN ('new', 'postponed'))
	OR ((SELECT lapor_my_role()) IN ('coordinator', 'supervisor', 'auditor')
	    AND (k.agency IN (SELECT lapor_my_subtree())
		 OR k.escalated_to IN (SELECT lapor_my_subtree())));

-- Events of the cases the officer sees; texts of secret cases only in
-- the handling agency.
CREATE VIEW event_visible WITH (security_barrier) AS
SELECT e.case_id, e.seq, e.at, e.officer, e.actor, e.action, e.status_from, e.status_to,
	e.agency_from, e.agency_to, e.visibility,
	CASE WHEN k.privacy <> 'secret' OR (SELECT lapor_my_role()) IN ('admin', 'system')
		  OR k.agency = (SELECT lapor_my_agency()) THEN e.text END AS text,
	e.detail, e.prev_hash, e.hash
FROM event e JOIN case_visible k ON k.id = e.case_id;

GRANT SELECT ON case_visible, event_visible
	TO lapor_admin, lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;

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
			SELECT k.id FROM kase k
			WHERE k.search @@ q
				AND ARRAY[k.agency, k.escalated_to] && f.f_subtree
				AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
						   k.agency, k.escalated_to, k.status, k.privacy)
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
		IF f.f_all THEN
			found_ids := ARRAY(
				SELECT k.id FROM kase k
				WHERE k.id > floor_id AND k.search @@ q
					AND (NOT title_only
					     OR ts_filter(k.search, '{a}') @@ q)
				ORDER BY k.id DESC LIMIT lim);
		ELSE
			found_ids := ARRAY(
				SELECT k.id FROM kase k
				WHERE k.id > floor_id AND k.search @@ q
					AND ARRAY[k.agency, k.escalated_to] && f.f_subtree
					AND (NOT title_only
					     OR ts_filter(k.search, '{a}') @@ q)
					AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
							   k.agency, k.escalated_to, k.status, k.privacy)
				ORDER BY k.id DESC LIMIT lim);
		END IF;
		EXIT WHEN floor_id <= 0 OR cardinality(found_ids) >= lim;
		floor_id := 0;
	END LOOP;
	RETURN QUERY SELECT unnest(found_ids);
END
$f$;

-- 004_search_fn.sql: full-text matches through the GIN indexes for every
-- officer (lapor_schema.version 4).
--
-- Under row-level security (kase) and the security-barrier views
-- (case_visible, event_visible) the full-text operator @@, which is not
-- leakproof, may only run after the row rule: PostgreSQL then reads every
-- row the officer may see instead of the GIN index (a two-word search
-- took 0.3 to 8 s at 1,000,000 cases).  These functions run with the
-- owner's rights, use the indexes, and apply the same rules as 001's
-- case_visible and event_visible to the officer who logged in
-- (session_user: lapor never changes role with SET ROLE; a role that does
-- gets at most its login's rights).  They return only ids, which the
-- callers join to case_visible and event_visible again, so the row rule
-- is applied twice and the texts stay masked as before.  Keep
-- lapor_may_find identical to 001's rules.

-- Who is searching: the officer who logged in, as the rules need them.
-- everything: an admin or system officer, or a role of the owner's
-- (which reads kase without row-level security anyway); role NULL: no
-- active officer, who finds nothing.
CREATE FUNCTION lapor_finder(OUT f_all boolean, OUT f_role text, OUT f_agency text,
			     OUT f_subtree text[])
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	me officer%ROWTYPE;
	p text;
BEGIN
	f_all := pg_has_role(session_user, current_user, 'MEMBER');
	f_subtree := '{}';
	IF f_all THEN
		RETURN;
	END IF;
	SELECT * INTO me FROM officer o WHERE o.login = session_user AND o.active;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	f_all := me.role IN ('admin', 'system');
	f_role := me.role;
	f_agency := me.agency;
	SELECT a.path INTO p FROM agency a WHERE a.code = me.agency;
	f_subtree := ARRAY(SELECT a.code FROM agency a
			   WHERE a.path >= p AND a.path < p || chr(1114111));
END
$f$;

-- The rule, once: may the finder find a case with these columns (its row
-- as case_visible shows it, and its text as that view's content rule
-- does)?  A plain SQL expression, so PostgreSQL inlines it.
CREATE FUNCTION lapor_may_find(f_all boolean, f_role text, f_agency text, f_subtree text[],
			       k_agency text, k_escalated_to text, k_status text,
			       k_privacy text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $f$
	SELECT f_all
		OR (f_role = 'clerk' AND k_agency = f_agency
		    AND k_status NOT IN ('new', 'postponed'))
		OR (f_role IN ('coordinator', 'supervisor', 'auditor')
		    AND (k_agency = ANY (f_subtree) OR k_escalated_to = ANY (f_subtree))
		    AND (k_privacy <> 'secret' OR k_agency = f_agency))
$f$;

-- Cases whose title and body (title only, with title_only) match the
-- words (to_tsquery 'simple' syntax), newest first, at most lim (NULL:
-- all) of them.  Secret cases match only where their text may be read.
-- With a limit it first looks at the newest 20,000 ids (an id range the
-- planner ANDs with the GIN index; it misjudges AND queries and would
-- otherwise sort every match), which gives exactly the newest lim matches
-- when it holds that many; else at every match.
CREATE FUNCTION lapor_case_matches(words text, title_only boolean, lim integer)
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
				AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
						   k.agency, k.escalated_to, k.status, k.privacy)
			ORDER BY k.id DESC LIMIT lim);
		EXIT WHEN floor_id <= 0 OR cardinality(found_ids) >= lim;
		floor_id := 0;
	END LOOP;
	RETURN QUERY SELECT unnest(found_ids);
END
$f$;

-- How many cases lapor_case_matches(words, false, NULL) would give, up
-- to cap (in no order, so the scan stops at cap).
CREATE FUNCTION lapor_case_match_count(words text, cap integer)
RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	f record;
	n bigint;
BEGIN
	SELECT * INTO f FROM lapor_finder();
	SELECT count(*) INTO n FROM (
		SELECT 1 FROM kase k
		WHERE k.search @@ q
			AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
					   k.agency, k.escalated_to, k.status, k.privacy)
		LIMIT cap) c;
	RETURN n;
END
$f$;

-- Replies, notes and messages whose text matches the words, newest
-- first, at most lim (NULL: all); internal notes only with notes (every
-- officer who sees a case reads its notes in event_visible: core decides
-- whether a search shows them).
CREATE FUNCTION lapor_event_matches(words text, notes boolean, lim integer)
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
		AND lapor_may_find(f.f_all, f.f_role, f.f_agency, f.f_subtree,
				   k.agency, k.escalated_to, k.status, k.privacy)
	ORDER BY e.at DESC, e.case_id DESC, e.seq DESC
	LIMIT lim;
END
$f$;

REVOKE ALL ON FUNCTION lapor_finder() FROM PUBLIC;
REVOKE ALL ON FUNCTION lapor_case_matches(text, boolean, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION lapor_case_match_count(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION lapor_event_matches(text, boolean, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lapor_case_matches(text, boolean, integer),
	lapor_case_match_count(text, integer),
	lapor_event_matches(text, boolean, integer)
	TO lapor_admin, lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;

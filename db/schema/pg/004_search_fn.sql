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
-- is applied twice and the texts stay masked as before.  Keep the rules
-- identical to 001's.

-- Cases whose title and body (title only, with title_only) match the
-- words (to_tsquery 'simple' syntax), newest first, at most lim (NULL:
-- all) of them.  Secret cases match only where their text may be read.
-- The rule as a condition on kase k, for the officer me (everything: an
-- admin, or the owner's own roles) with agency path p.
CREATE FUNCTION lapor_case_matches(words text, title_only boolean, lim integer)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	everything boolean := pg_has_role(session_user, current_user, 'MEMBER');
	me officer%ROWTYPE;
	p text := '';
	newest bigint[];
	floor_id bigint;
BEGIN
	IF NOT everything THEN
		SELECT * INTO me FROM officer o WHERE o.login = session_user AND o.active;
		IF NOT FOUND THEN
			RETURN;
		END IF;
		everything := me.role IN ('admin', 'system');
		SELECT a.path INTO p FROM agency a WHERE a.code = me.agency;
	END IF;
	IF lim IS NOT NULL THEN
		-- The newest matches are usually among the newest cases: look
		-- at the newest 20,000 ids first (an id range the planner can
		-- AND with the GIN index), which gives exactly the newest lim
		-- matches when it holds that many; else at every match.
		SELECT max(k.id) - 20000 INTO floor_id FROM kase k;
		newest := ARRAY(
			SELECT k.id FROM kase k
			WHERE k.id > floor_id AND k.search @@ q
				AND (NOT title_only
				     OR to_tsvector('simple'::regconfig, coalesce(k.title, '')) @@ q)
				AND (everything
				     OR (me.role = 'clerk' AND k.agency = me.agency
					 AND k.status NOT IN ('new', 'postponed'))
				     OR (me.role IN ('coordinator', 'supervisor', 'auditor')
					 AND (k.agency IN (SELECT a.code FROM agency a
							   WHERE a.path >= p
								AND a.path < p || chr(1114111))
					      OR k.escalated_to IN (SELECT a.code FROM agency a
								    WHERE a.path >= p
									AND a.path < p || chr(1114111)))))
				AND (everything OR k.privacy <> 'secret' OR k.agency = me.agency)
			ORDER BY k.id DESC LIMIT lim);
		IF cardinality(newest) >= lim THEN
			RETURN QUERY SELECT unnest(newest);
			RETURN;
		END IF;
	END IF;
	RETURN QUERY
	SELECT k.id FROM kase k
	WHERE k.search @@ q
		AND (NOT title_only
		     OR to_tsvector('simple'::regconfig, coalesce(k.title, '')) @@ q)
		AND (everything
		     OR (me.role = 'clerk' AND k.agency = me.agency
			 AND k.status NOT IN ('new', 'postponed'))
		     OR (me.role IN ('coordinator', 'supervisor', 'auditor')
			 AND (k.agency IN (SELECT a.code FROM agency a
					   WHERE a.path >= p AND a.path < p || chr(1114111))
			      OR k.escalated_to IN (SELECT a.code FROM agency a
						    WHERE a.path >= p AND a.path < p || chr(1114111)))))
		AND (everything OR k.privacy <> 'secret' OR k.agency = me.agency)
	ORDER BY k.id DESC
	LIMIT lim;
END
$f$;

-- How many cases lapor_case_matches(words, false, NULL) would give, up
-- to cap (in no order, so the scan stops at cap).
CREATE FUNCTION lapor_case_match_count(words text, cap integer)
RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE
	q tsquery := to_tsquery('simple'::regconfig, words);
	everything boolean := pg_has_role(session_user, current_user, 'MEMBER');
	me officer%ROWTYPE;
	p text := '';
	n bigint;
BEGIN
	IF NOT everything THEN
		SELECT * INTO me FROM officer o WHERE o.login = session_user AND o.active;
		IF NOT FOUND THEN
			RETURN 0;
		END IF;
		everything := me.role IN ('admin', 'system');
		SELECT a.path INTO p FROM agency a WHERE a.code = me.agency;
	END IF;
	SELECT count(*) INTO n FROM (
		SELECT 1 FROM kase k
		WHERE k.search @@ q
			AND (everything
			     OR (me.role = 'clerk' AND k.agency = me.agency
				 AND k.status NOT IN ('new', 'postponed'))
			     OR (me.role IN ('coordinator', 'supervisor', 'auditor')
				 AND (k.agency IN (SELECT a.code FROM agency a
						   WHERE a.path >= p AND a.path < p || chr(1114111))
				      OR k.escalated_to IN (SELECT a.code FROM agency a
							    WHERE a.path >= p
								AND a.path < p || chr(1114111)))))
			AND (everything OR k.privacy <> 'secret' OR k.agency = me.agency)
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
	everything boolean := pg_has_role(session_user, current_user, 'MEMBER');
	me officer%ROWTYPE;
	p text := '';
BEGIN
	IF NOT everything THEN
		SELECT * INTO me FROM officer o WHERE o.login = session_user AND o.active;
		IF NOT FOUND THEN
			RETURN;
		END IF;
		everything := me.role IN ('admin', 'system');
		SELECT a.path INTO p FROM agency a WHERE a.code = me.agency;
	END IF;
	RETURN QUERY
	SELECT e.case_id, e.seq FROM event e JOIN kase k ON k.id = e.case_id
	WHERE to_tsvector('simple'::regconfig, left(coalesce(e.text, ''), 262144)) @@ q
		AND e.action IN ('reply', 'note', 'message')
		AND (notes OR e.visibility <> 'internal')
		AND (everything
		     OR (me.role = 'clerk' AND k.agency = me.agency
			 AND k.status NOT IN ('new', 'postponed'))
		     OR (me.role IN ('coordinator', 'supervisor', 'auditor')
			 AND (k.agency IN (SELECT a.code FROM agency a
					   WHERE a.path >= p AND a.path < p || chr(1114111))
			      OR k.escalated_to IN (SELECT a.code FROM agency a
						    WHERE a.path >= p AND a.path < p || chr(1114111)))))
		AND (everything OR k.privacy <> 'secret' OR k.agency = me.agency)
	ORDER BY e.at DESC, e.case_id DESC, e.seq DESC
	LIMIT lim;
END
$f$;

REVOKE ALL ON FUNCTION lapor_case_matches(text, boolean, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION lapor_case_match_count(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION lapor_event_matches(text, boolean, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lapor_case_matches(text, boolean, integer),
	lapor_case_match_count(text, integer),
	lapor_event_matches(text, boolean, integer)
	TO lapor_admin, lapor_coordinator, lapor_supervisor, lapor_clerk, lapor_auditor;

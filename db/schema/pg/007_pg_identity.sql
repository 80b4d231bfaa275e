-- 007_pg_identity.sql: who is acting, read from lapor's own tables only,
-- and once per statement at the price of a cached plan
-- (lapor_schema.version 7).
--
-- A search path lists the session's temporary schema first unless it
-- names it, and every role may create temporary tables: a clerk who
-- connected with psql and ran
--     CREATE TEMP TABLE officer AS SELECT * FROM officer;
--     UPDATE pg_temp.officer SET role = 'admin';
-- read all 1,000,000 cases of the demo through case_visible and kase (it
-- sees 185,441), secret texts and reporters too: lapor_me() found its
-- own "officer" table, although it was pinned to "$user", public (SET
-- search_path FROM CURRENT), and lapor_my_path() and lapor_my_subtree(),
-- not pinned at all, its own "agency".  The functions that run with the
-- owner's rights were pinned the same way and trusted the same tables.
--
-- Every lapor function that reads a table now runs on the search path
-- "<lapor's schema>, pg_temp" (pg_temp last: never before lapor's
-- tables).  lapor runs every migration on that path (db/pg/pg_migrate.c),
-- so SET search_path FROM CURRENT pins it, here and in any migration to
-- come; the loop at the end pins the functions of 001 to 006 again.
--
-- The rules call lapor_my_role() and lapor_my_agency() (and the subtree)
-- in every statement on kase and event, as InitPlans: as SQL functions
-- over lapor_me() they were parsed and planned again at each statement
-- (66 microseconds each, measured with pgbench -M prepared as a clerk); 16 officers
-- acting at once spent a fifth of the server's time there (perf).  In
-- PL/pgSQL their plans are kept for the session: 21 microseconds.  What they return
-- is unchanged.

CREATE OR REPLACE FUNCTION lapor_me() RETURNS officer
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $f$
DECLARE
	me officer;
BEGIN
	SELECT * INTO me FROM officer o WHERE o.login = current_user AND o.active;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	RETURN me;
END
$f$;

CREATE OR REPLACE FUNCTION lapor_my_role() RETURNS text
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $f$
BEGIN
	RETURN (SELECT o.role FROM officer o WHERE o.login = current_user AND o.active);
END
$f$;

CREATE OR REPLACE FUNCTION lapor_my_agency() RETURNS text
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $f$
BEGIN
	RETURN (SELECT o.agency FROM officer o WHERE o.login = current_user AND o.active);
END
$f$;

CREATE OR REPLACE FUNCTION lapor_my_path() RETURNS text
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $f$
BEGIN
	RETURN (SELECT a.path FROM officer o JOIN agency a ON a.code = o.agency
		WHERE o.login = current_user AND o.active);
END
$f$;

-- Codes of the agencies in the acting officer's subtree.
CREATE OR REPLACE FUNCTION lapor_my_subtree() RETURNS SETOF text
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $f$
DECLARE
	p text := lapor_my_path();
BEGIN
	RETURN QUERY SELECT a.code FROM agency a WHERE a.path >= p AND a.path < p || chr(1114111);
END
$f$;

CREATE OR REPLACE FUNCTION lapor_may_write() RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $f$
BEGIN
	RETURN coalesce(lapor_my_role() IN ('admin', 'system', 'coordinator', 'supervisor', 'clerk'),
			false);
END
$f$;

-- Every other function of lapor's that sets a search path: on the one
-- this migration runs on.
DO $do$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = current_schema() AND p.proname LIKE 'lapor\_%'
			AND EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%')
	LOOP
		EXECUTE format('ALTER FUNCTION %s SET search_path FROM CURRENT', f);
	END LOOP;
END
$do$;

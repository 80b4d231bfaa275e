-- 010_pg_search_plans.sql: the search functions plan their queries for
-- the values of each call (lapor_schema.version 10).
--
-- PL/pgSQL keeps the plan of each query in a function for the session;
-- from the sixth call on, PostgreSQL may use one generic plan for any
-- values.  lapor_case_matches's best plan depends on its window of
-- newest cases (a bitmap AND with kase_pkey for a narrow window, none for
-- all cases) and on the subtree: in a console session, or a pooled
-- session (PgBouncer), its generic plan took 34 to 48 ms where the
-- first five calls took 22 (a supervisor's "sampah" in titles, 50 newest,
-- 1,000,000 cases), and 41 against 26 to 32 for "pungutan liar" (200).
-- Planning each call costs about a millisecond.
ALTER FUNCTION lapor_case_matches(text, boolean, integer)
	SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION lapor_case_rank(text, boolean, integer, integer)
	SET plan_cache_mode = force_custom_plan;

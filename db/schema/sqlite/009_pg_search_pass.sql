-- 009_pg_search_pass.sql (PRAGMA user_version 9): nothing changes on SQLite.
-- Version 9 rewrites PostgreSQL's search functions lapor_case_rank and
-- lapor_case_matches (db/schema/pg/009_pg_search_pass.sql); SQLite's
-- search (db/sqlite/sq_search.c) has no such functions.  The two backends
-- keep one version number.
SELECT 1;

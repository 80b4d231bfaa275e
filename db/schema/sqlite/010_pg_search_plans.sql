-- 010_pg_search_plans.sql (PRAGMA user_version 10): nothing changes on
-- SQLite.  Version 10 makes PostgreSQL's search functions plan their
-- queries for each call's values (db/schema/pg/010_pg_search_plans.sql).
-- The two backends keep one version number.
SELECT 1;

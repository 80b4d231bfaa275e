-- 005_pg_speed.sql (PRAGMA user_version 5): nothing changes on SQLite.
-- Version 5 gives PostgreSQL a ranking function that applies the finder's
-- rule on the base tables and an (agency) index for subtree searches
-- (db/schema/pg/005_pg_speed.sql); SQLite's search already reads FTS5
-- with core's rules.  The two backends keep one version number.
SELECT 1;

-- 006_pg_scope.sql (PRAGMA user_version 6): nothing changes on SQLite.
-- Version 6 gives PostgreSQL one GIN index over a case's agencies and
-- words, for searches within an agency subtree
-- (db/schema/pg/006_pg_scope.sql); SQLite's search reads FTS5 with core's
-- rules.  The two backends keep one version number.
SELECT 1;

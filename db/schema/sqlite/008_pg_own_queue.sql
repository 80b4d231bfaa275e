-- 008_pg_own_queue.sql (PRAGMA user_version 8): nothing changes on SQLite.
-- Version 8 splits PostgreSQL's row rule on kase into one policy per group
-- and adds an index of each officer's cases by deadline there
-- (db/schema/pg/008_pg_own_queue.sql); a SQLite database has no database
-- roles, and has had that index since 001 (kase_assignee_status).  The two
-- backends keep one version number.
SELECT 1;

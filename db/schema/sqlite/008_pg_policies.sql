-- 008_pg_policies.sql (PRAGMA user_version 8): nothing changes on SQLite.
-- Version 8 splits PostgreSQL's row rule on kase into one policy per group
-- (db/schema/pg/008_pg_policies.sql); a SQLite database has no database
-- roles.  The two backends keep one version number.
SELECT 1;

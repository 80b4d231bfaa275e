-- 007_pg_identity.sql (PRAGMA user_version 7): nothing changes on SQLite.
-- Version 7 reads the acting officer on PostgreSQL from lapor's own tables
-- only, with plans kept for the session (db/schema/pg/007_pg_identity.sql);
-- a SQLite database has no database roles.  The two backends keep one
-- version number.
SELECT 1;

-- 011_pg_title_index.sql (PRAGMA user_version 11): nothing changes on
-- SQLite, whose FTS5 table already indexes the title as a column of its
-- own.  Version 11 gives PostgreSQL's search a GIN index of titles
-- (db/schema/pg/011_pg_title_index.sql).  The two backends keep one
-- version number.
SELECT 1;

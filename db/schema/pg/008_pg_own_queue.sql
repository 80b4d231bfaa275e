-- 008_pg_own_queue.sql: an officer's own queue read in order: the row
-- rule on kase as one policy per group, and an index of each officer's
-- cases by deadline (lapor_schema.version 8).
--
-- PostgreSQL applies to a statement only the policies of the groups its
-- role is a member of.  With the whole rule in one policy, every officer's
-- statements carried all three branches, OR-ed: PostgreSQL cannot estimate
-- such a condition, took it for about one row in a hundred, and planned a
-- clerk's own queue (30,775 open cases in the demo) as a bitmap scan and a
-- sort of all of them: 200 ms for its first page.  Now a clerk's
-- statements carry the clerk's branch only, a supervisor's the subtree
-- branch only, and an admin's none that touches a column.
--
-- Each policy still checks the officer's role in the officer table (a
-- login granted another group by hand gains nothing from it), written
-- (SELECT lapor_my_role() ...): a condition on no column, which
-- PostgreSQL tests once per statement, before reading any row, and leaves
-- out of its row estimates.  The branches are unchanged from 001 and
-- case_visible keeps the whole rule (a view has no per-group form).

DROP POLICY kase_read ON kase;
DROP POLICY kase_change ON kase;

CREATE POLICY kase_read_all ON kase FOR SELECT TO lapor_admin
	USING ((SELECT lapor_my_role() IN ('admin', 'system')));
CREATE POLICY kase_read_agency ON kase FOR SELECT TO lapor_clerk
	USING ((SELECT lapor_my_role() = 'clerk') AND agency = (SELECT lapor_my_agency())
	       AND status NOT IN ('new', 'postponed'));
CREATE POLICY kase_read_subtree ON kase FOR SELECT
	TO lapor_coordinator, lapor_supervisor, lapor_auditor
	USING ((SELECT lapor_my_role() IN ('coordinator', 'supervisor', 'auditor'))
	       AND (agency IN (SELECT lapor_my_subtree())
		    OR escalated_to IN (SELECT lapor_my_subtree())));

CREATE POLICY kase_change_all ON kase FOR UPDATE TO lapor_admin
	USING ((SELECT lapor_my_role() IN ('admin', 'system')))
	WITH CHECK (lapor_may_write());
CREATE POLICY kase_change_agency ON kase FOR UPDATE TO lapor_clerk
	USING ((SELECT lapor_my_role() = 'clerk') AND agency = (SELECT lapor_my_agency())
	       AND status NOT IN ('new', 'postponed'))
	WITH CHECK (lapor_may_write());
CREATE POLICY kase_change_subtree ON kase FOR UPDATE TO lapor_coordinator, lapor_supervisor
	USING ((SELECT lapor_my_role() IN ('coordinator', 'supervisor'))
	       AND (agency IN (SELECT lapor_my_subtree())
		    OR escalated_to IN (SELECT lapor_my_subtree())))
	WITH CHECK (lapor_may_write());

-- "My cases" (open cases of one officer, by deadline) is read per status
-- in this index's order and merged (db/pg/pg_case_list.c), instead of
-- sorting all of them: 15,346 open cases of one clerk in the demo.
CREATE INDEX kase_assignee_status_due ON kase(assignee, status, due_key, id)
	WHERE assignee <> '';

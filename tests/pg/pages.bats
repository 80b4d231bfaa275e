#!/usr/bin/env bats
# pages.bats: how a queue's page is read on PostgreSQL.  A page over a
# few agencies and statuses (a supervisor's "Overdue": 3 agencies, 5
# statuses) is read pair by pair, each pair's index in order; the
# statement names the case table once, joined to the pairs, so that
# planning it does not grow with the pairs (a UNION ALL of one scan per
# pair named the table, its row-level security policy and its indexes 15
# times, and took 5 to 20 ms to plan at 1,000,000 cases, more than the
# page took to read).

load pg_helper

setup() {
	pg_setup
	"$LAPOR" --db "$PGURI" demo --cases 130 --seed 3 >/dev/null
	SUP=$(psql -qXAt "$PGURI" -c "SELECT login FROM officer WHERE role = 'supervisor'
		AND agency = '35.78'")
	[ -n "$SUP" ]
	# 35.78 and the two agencies under it.
	[ "$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM agency WHERE path LIKE
		(SELECT path FROM agency WHERE code = '35.78') || '%'")" -eq 3 ]
}

teardown() {
	pg_teardown
}

# The traced statement of the page (lines of $1 holding the case
# columns), its values written in, on stdout.
page_statement() {
	grep -F 'SELECT k.id, k.tracking_id' "$1" | "${PYTHON:-python3}" "$BATS_TEST_DIRNAME/trace_sql.py"
}

# page_plan LOGIN LS-ARGS...: runs `lapor ls LS-ARGS` as LOGIN with the
# statements traced, checks that the page was one statement giving the
# rows lapor printed (at least one), and writes its plan as the officer
# (index scans preferred, as on a large table) to $BATS_TEST_TMPDIR/plan,
# also printed (bats shows it when the test fails).
page_plan() {
	local t="$BATS_TEST_TMPDIR" uri
	uri=$(pg_as "$1")
	shift
	LAPOR_TRACE_SQL=1 "$LAPOR" --db "$uri" ls "$@" 2>"$t/trace" >"$t/out"
	page_statement "$t/trace" >"$t/page.sql"
	[ "$(grep -c . "$t/page.sql")" -eq 1 ]
	[ "$(tail -n +2 "$t/out" | grep -c .)" -ge 1 ]
	psql -qXAt "$uri" -f "$t/page.sql" | cut -d'|' -f1 >"$t/ids"
	[ "$(tail -n +2 "$t/out" | awk '{ print $1 }')" = "$(cat "$t/ids")" ]
	{ echo "SET enable_seqscan = off; EXPLAIN"; cat "$t/page.sql"; } | psql -qXAt "$uri" >"$t/plan"
	cat "$t/plan"
}

@test "a page of 3 agencies and 5 statuses scans the case table twice, not once per pair" {
	local t="$BATS_TEST_TMPDIR"
	page_plan "$SUP" --limit 5 --status new,postponed,assigned,in_progress,responded
	[ "$(tail -n +2 "$t/out" | grep -c .)" -eq 5 ]
	# One scan of kase for the 15 pairs, one for the page's rows by number.
	grep -E ' on kase( |$)' "$t/plan" >"$t/scans" || true
	[ "$(grep -c . "$t/scans")" -eq 2 ]
	grep -q 'Nested Loop' "$t/plan"
	grep -q 'Function Scan on unnest' "$t/plan"
}

@test "an officer's own cases over several statuses are read from the assignee index" {
	local who
	who=$(psql -qXAt "$PGURI" -c "SELECT assignee FROM kase WHERE assignee <> ''
		GROUP BY assignee ORDER BY count(*) DESC, assignee LIMIT 1")
	[ -n "$who" ]
	page_plan "$who" --assignee me --limit 5 --status new,postponed,assigned,in_progress,responded
	# The index holds assigned cases only (WHERE assignee <> ''): the
	# statement must say so on the column for the planner to use it.
	grep -q 'Index Scan using kase_assignee_status[_a-z]* on kase' "$BATS_TEST_TMPDIR/plan"
}

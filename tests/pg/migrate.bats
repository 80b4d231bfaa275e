#!/usr/bin/env bats
# migrate.bats: lapor migrate copies a SQLite demo database into
# PostgreSQL; cases read the same on both, chains verify, and a target
# with cases is refused without --force.

load pg_helper

setup() {
	pg_setup
	SQ="$BATS_TEST_TMPDIR/demo.db"
	"$LAPOR" --db "$SQ" demo --cases 120 --seed 7 >/dev/null
}

teardown() {
	pg_teardown
}

@test "migrate copies every case with its events and verifies the chains" {
	run "$LAPOR" migrate --from "$SQ" --to "$PGURI" --json
	[ "$status" -eq 0 ]
	echo "$output"
	cases=$(echo "$output" | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(d["cases"], d["verified_cases"], d["events"] == d["verified_events"], d["events"] > 120, d["officers"] > 5)')
	[ "$cases" = "120 120 True True True" ]
	# The same cases read the same (as the demo's admin, on each backend).
	admin=$("$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["login"])' \
		< <("$LAPOR" --db "$SQ" --json officer ls | "$PYTHON" -c \
		'import json,sys; print(json.dumps([o for o in json.load(sys.stdin) if o["role"] == "admin"][0]))'))
	for id in 1 2 17 60 119 120; do
		a=$("$LAPOR" --db "$SQ" --as "$admin" show "$id" --json)
		b=$("$LAPOR" --db "$(pg_as "$admin")" show "$id" --json)
		[ -n "$a" ]
		[ "$a" = "$b" ]
	done
	# audit verify as an officer on the server, too.
	run "$LAPOR" --db "$(pg_as "$admin")" audit verify
	[ "$status" -eq 0 ]
	[[ "$output" == *"120 cases"* ]]
	# New cases continue after the copied numbers (the sequence moved).
	n=$(psql -qXAt "$PGURI" -c "SELECT nextval(pg_get_serial_sequence('kase', 'id'))")
	[ "$n" -gt 120 ]
}

@test "migrate refuses a target with cases unless --force, and clashes anyway" {
	run "$LAPOR" migrate --from "$SQ" --to "$PGURI"
	[ "$status" -eq 0 ]
	run "$LAPOR" migrate --from "$SQ" --to "$PGURI"
	[ "$status" -eq 1 ]
	[[ "$output" == *"already has 120 cases"* ]]
	[[ "$output" == *"--force"* ]]
	run "$LAPOR" migrate --from "$SQ" --to "$PGURI" --force
	[ "$status" -eq 65 ]
	[[ "$output" == *"already there"* ]]
	# Nothing of the failed copy stayed.
	n=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM kase")
	[ "$n" -eq 120 ]
}

@test "migrate needs both ends" {
	run "$LAPOR" migrate --from "$SQ"
	[ "$status" -eq 64 ]
	run "$LAPOR" migrate --from "$BATS_TEST_TMPDIR/missing.db" --to "$PGURI"
	[ "$status" -ne 0 ]
}

@test "migrate copies the report columns: stats read the same on both" {
	run "$LAPOR" migrate --from "$SQ" --to "$PGURI"
	[ "$status" -eq 0 ]
	cols="id, verify_due, verified_at, respond_due, responded_at, settle_due, settled_at, replied_at, closed_at"
	# The demo sets them (on-time rates of lapor stats need them).
	n=$(sqlite3 "$SQ" "SELECT count(*) FROM kase WHERE verified_at IS NOT NULL AND closed_at IS NOT NULL")
	[ "$n" -gt 5 ]
	a=$(sqlite3 -separator '|' "$SQ" "SELECT $cols FROM kase ORDER BY id")
	b=$(psql -qXAt "$PGURI" -c "SELECT $cols FROM kase ORDER BY id")
	[ "$a" = "$b" ]
	admin=$("$LAPOR" --db "$SQ" --json officer ls | "$PYTHON" -c \
		'import json,sys; print([o for o in json.load(sys.stdin) if o["role"] == "admin"][0]["login"])')
	for by in agency category; do
		s=$("$LAPOR" --db "$SQ" --as "$admin" stats --from 2020-01-01 --to 2026-12-31 --by "$by" --json)
		p=$("$LAPOR" --db "$(pg_as "$admin")" stats --from 2020-01-01 --to 2026-12-31 --by "$by" --json)
		[[ "$s" == *on_time* ]] || [[ "$s" == *ontime* ]]
		[ "$s" = "$p" ]
	done
}

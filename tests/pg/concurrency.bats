#!/usr/bin/env bats
# concurrency.bats: 16 processes add notes to the same 100 cases on one
# PostgreSQL database, each note with --if-version from a fresh show.
# No update may be lost: every success is in the event log exactly once,
# each case's events are numbered 1..n with its version and event count
# in step, the chains verify; every refusal was a reported conflict
# (exit 1, "changed since") or busy (exit 75).

load pg_helper

setup() {
	pg_setup
	"$LAPOR" --db "$PGURI" demo --cases 130 --seed 3 >/dev/null
	ADMIN=$(psql -qXAt "$PGURI" -c \
		"SELECT login FROM officer WHERE role = 'admin' ORDER BY login LIMIT 1")
	psql -qXAt "$PGURI" -c "SELECT id FROM kase WHERE status <> 'archived' ORDER BY id
		LIMIT 100" >"$BATS_TEST_TMPDIR/ids"
}

teardown() {
	pg_teardown
}

# One worker: every case of the list in its own order, one note each.
worker() {
	local w=$1 out="$BATS_TEST_TMPDIR/w$1" db
	db=$(pg_as "$ADMIN")
	: >"$out"
	for id in $(shuf --random-source=<(yes "$w") "$BATS_TEST_TMPDIR/ids"); do
		v=$("$LAPOR" --db "$db" show "$id" --json 2>/dev/null |
			python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])') ||
			{ echo "show-failed $id" >>"$out"; continue; }
		msg="w$w-c$id-v$v"
		rc=0 # (bats runs with errexit: keep the status)
		err=$("$LAPOR" --db "$db" note "$id" -m "$msg" --if-version "$v" 2>&1 >/dev/null) ||
			rc=$?
		if [ $rc -eq 0 ]; then
			echo "ok $id $msg" >>"$out"
		elif [ $rc -eq 1 ] && [[ "$err" == *"changed since"* ]]; then
			echo "conflict $id" >>"$out"
		elif [ $rc -eq 75 ]; then
			echo "busy $id" >>"$out"
		else
			echo "bad $id rc=$rc $err" >>"$out"
		fi
	done
}

@test "16 officers' sessions on the same 100 cases lose no update" {
	[ "$(wc -l <"$BATS_TEST_TMPDIR/ids")" -eq 100 ]
	before=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM event")
	for w in $(seq 1 16); do
		worker "$w" &
	done
	wait
	cat "$BATS_TEST_TMPDIR"/w* >"$BATS_TEST_TMPDIR/all"
	# Every attempt is accounted for, and none failed otherwise.
	[ "$(wc -l <"$BATS_TEST_TMPDIR/all")" -eq 1600 ]
	run grep -c -E '^(bad|show-failed) ' "$BATS_TEST_TMPDIR/all"
	[ "$output" -eq 0 ] || { grep -E '^(bad|show-failed) ' "$BATS_TEST_TMPDIR/all" | head; false; }
	ok=$(grep -c '^ok ' "$BATS_TEST_TMPDIR/all")
	conflicts=$(grep -c '^conflict ' "$BATS_TEST_TMPDIR/all" || true)
	echo "# ok=$ok conflicts=$conflicts" >&3
	[ "$ok" -ge 100 ]        # each case took at least its first note
	[ "$conflicts" -gt 0 ]   # and they did race
	# Each success is in the log exactly once, as a note.
	grep '^ok ' "$BATS_TEST_TMPDIR/all" | awk '{print $3}' | sort >"$BATS_TEST_TMPDIR/want"
	psql -qXAt "$PGURI" -c "SELECT text FROM event WHERE action = 'note' AND text LIKE 'w%-c%-v%'
		ORDER BY text COLLATE \"C\"" >"$BATS_TEST_TMPDIR/got"
	LC_ALL=C sort -o "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/want"
	diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	after=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM event")
	[ "$after" -eq $((before + ok)) ]
	# Each success wrote the version it read plus one: no two on one version.
	dups=$(grep '^ok ' "$BATS_TEST_TMPDIR/all" | awk '{print $2, $3}' |
		sed 's/ w[0-9]*-c[0-9]*-v/ /' | sort | uniq -d | wc -l)
	[ "$dups" -eq 0 ]
	# Events numbered 1..n, and the case rows in step with the log.
	run psql -qXAt "$PGURI" -c "SELECT k.id FROM kase k LEFT JOIN event e ON e.case_id = k.id
		GROUP BY k.id, k.event_count HAVING count(e.seq) <> k.event_count
		OR coalesce(max(e.seq), 0) <> count(e.seq)"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$LAPOR" --db "$(pg_as "$ADMIN")" audit verify
	[ "$status" -eq 0 ]
}

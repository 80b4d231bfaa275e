#!/usr/bin/env bats
# concurrency.bats: 16 officers' processes act on the same 100 cases of
# one PostgreSQL database at once: notes, replies and assignments, each
# with --if-version from what the process last read.  Each worker reads
# all cases (export), then runs its actions over one connection with
# `lapor batch`, in two rounds, and a few more as separate `lapor`
# processes (show, then the action).  No update may be lost: every
# success is in the event log exactly once, as the action it was, on the
# version it read; each case's events are numbered 1..n with its version
# and event count in step; the chains verify; every refusal was a
# reported conflict (exit 1, "changed since") or busy (exit 75, after
# lapor batch's retries).

load pg_helper

ROUNDS=2

setup() {
	pg_setup
	"$LAPOR" --db "$PGURI" demo --cases 130 --seed 3 >/dev/null
	ADMIN=$(psql -qXAt "$PGURI" -c \
		"SELECT login FROM officer WHERE role = 'admin' ORDER BY login LIMIT 1")
	# id|two clerks or supervisors of its agency (for assign), or nothing
	psql -qXAt "$PGURI" -c "SELECT k.id, coalesce((SELECT string_agg(login, ' ') FROM
		(SELECT login FROM officer o WHERE o.agency = k.agency AND o.active
		 AND o.role IN ('clerk', 'supervisor') ORDER BY login LIMIT 2) x), '')
		FROM kase k WHERE status <> 'archived' ORDER BY id LIMIT 100" >"$BATS_TEST_TMPDIR/ids"
	psql -qXAt "$PGURI" -c "SELECT id, version, event_count FROM kase" >"$BATS_TEST_TMPDIR/start"
}

teardown() {
	pg_teardown
}

# The action worker $1 takes in round $2 on case $3 (version $4, status
# $5, assignee $6, clerks $7): prints "ACTION ARGS..." for a batch line.
choose() {
	local w=$1 r=$2 id=$3 v=$4 st=$5 who=$6 clerks=$7 pick
	pick=$(((w + r + id) % 3))
	if [ "$st" = assigned ] || [ "$st" = in_progress ]; then
		if [ $pick -eq 1 ] && [ "${clerks#* }" != "$clerks" ]; then
			local to=${clerks%% *}
			[ "$to" != "$who" ] || to=${clerks#* }
			echo "assign $id --to $to --if-version $v"
			return
		fi
		if [ $pick -eq 2 ]; then
			echo "reply $id -m w$w-r$r-c$id-v$v --if-version $v"
			return
		fi
	fi
	echo "note $id -m w$w-r$r-c$id-v$v --if-version $v"
}

# One worker: $ROUNDS batches over every case in its own order, then a
# few single processes.  Appends "ok|conflict|bad ID VERSION ACTION" lines.
worker() {
	local w=$1 out="$BATS_TEST_TMPDIR/w$1" db r
	db=$(pg_as "$ADMIN")
	: >"$out"
	for r in $(seq 1 $ROUNDS); do
		local dir="$BATS_TEST_TMPDIR/w$w-r$r"
		mkdir "$dir"
		"$LAPOR" --db "$db" export |
			jq -r '"\(.id) \(.version) \(.status) \(.assignee // "-")"' >"$dir/state"
		shuf --random-source=<(yes "$w$r") "$BATS_TEST_TMPDIR/ids" |
			awk -F'|' 'NR == FNR { split($0, f, " "); s[f[1]] = $0; next }
				{ print s[$1] "|" $2 }' "$dir/state" - |
			while IFS='|' read -r state clerks; do
				read -r id v st who <<<"$state"
				choose "$w" "$r" "$id" "$v" "$st" "$who" "$clerks"
			done >"$dir/in"
		"$LAPOR" --db "$db" batch --keep-going "$dir/in" >"$dir/out" 2>"$dir/err" || true
		# result lines "N ok|conflict|error STATUS" -> one line per input
		grep -E '^[0-9]+ (ok|conflict|error) [0-9]+$' "$dir/out" >"$dir/res" || true
		paste -d' ' "$dir/res" "$dir/in" | awk '{ r = "bad" } $2 == "ok" { r = "ok" }
			$2 == "conflict" && ($3 == 1 || $3 == 75) { r = "conflict" }
			{ print r, $5, $NF, $4 }' \
			>>"$out"
		# each conflict was reported as one
		local c m
		c=$(grep -c ' conflict 1$' "$dir/res" || true)
		m=$(grep -c 'changed since you read it' "$dir/err" || true)
		[ "$c" -eq "$m" ] || echo "bad-report $w $r conflicts=$c reported=$m" >>"$out"
	done
	# The same race through separate processes: show, then act.
	for id in $(cut -d'|' -f1 "$BATS_TEST_TMPDIR/ids" | shuf --random-source=<(yes "$w") |
		head -n 3); do
		local v rc=0 err
		v=$("$LAPOR" --db "$db" show "$id" --json | jq -r .version) ||
			{ echo "bad $id show" >>"$out"; continue; }
		err=$("$LAPOR" --db "$db" note "$id" -m "w$w-r0-c$id-v$v" --if-version "$v" 2>&1 \
			>/dev/null) || rc=$?
		if [ $rc -eq 0 ]; then
			echo "ok $id $v note" >>"$out"
		elif { [ $rc -eq 1 ] && [[ "$err" == *"changed since"* ]]; } || [ $rc -eq 75 ]; then
			echo "conflict $id $v note" >>"$out"
		else
			echo "bad $id rc=$rc $err" >>"$out"
		fi
	done
}

@test "16 officers' processes on the same 100 cases lose no update" {
	[ "$(wc -l <"$BATS_TEST_TMPDIR/ids")" -eq 100 ]
	before=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM event")
	t0=$SECONDS
	for w in $(seq 1 16); do
		worker "$w" &
	done
	wait
	echo "# the 16 workers took $((SECONDS - t0)) s" >&3
	cat "$BATS_TEST_TMPDIR"/w[0-9] "$BATS_TEST_TMPDIR"/w[0-9][0-9] >"$BATS_TEST_TMPDIR/all"
	# Every attempt is accounted for, and none failed otherwise.
	[ "$(wc -l <"$BATS_TEST_TMPDIR/all")" -eq $((16 * (100 * ROUNDS + 3))) ]
	run grep -c -E '^bad' "$BATS_TEST_TMPDIR/all"
	[ "$output" -eq 0 ] || { grep -E '^bad' "$BATS_TEST_TMPDIR/all" | head; false; }
	ok=$(grep -c '^ok ' "$BATS_TEST_TMPDIR/all")
	conflicts=$(grep -c '^conflict ' "$BATS_TEST_TMPDIR/all" || true)
	for a in note reply assign; do
		echo "# $a: ok=$(grep -c "^ok .* $a\$" "$BATS_TEST_TMPDIR/all" || true)" >&3
	done
	echo "# ok=$ok conflicts=$conflicts" >&3
	[ "$ok" -ge 100 ]        # each case took at least one action
	[ "$conflicts" -gt 0 ]   # and they did race
	grep -q '^ok .* reply$' "$BATS_TEST_TMPDIR/all"
	grep -q '^ok .* assign$' "$BATS_TEST_TMPDIR/all"
	# Each success is in the log exactly once, as the action it was:
	# (case, action) counts of the new events equal those of the successes.
	grep '^ok ' "$BATS_TEST_TMPDIR/all" | awk '{ print $2, $4 }' | LC_ALL=C sort |
		uniq -c >"$BATS_TEST_TMPDIR/want"
	psql -qXAt -F' ' "$PGURI" -c "SELECT e.case_id, e.action FROM event e
		JOIN (VALUES $(awk -F'|' '{ printf "%s(%s, %s)", (NR > 1 ? ", " : ""), $1, $3 }' \
			"$BATS_TEST_TMPDIR/start")) s(id, n) ON s.id = e.case_id
		WHERE e.seq > s.n" | LC_ALL=C sort | uniq -c >"$BATS_TEST_TMPDIR/got"
	diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	after=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM event")
	[ "$after" -eq $((before + ok)) ]
	# The texts of notes and replies, exactly.
	grep -E '^ok .* (note|reply)$' "$BATS_TEST_TMPDIR/all" | awk '{ print $2, $3 }' |
		LC_ALL=C sort >"$BATS_TEST_TMPDIR/want-v"
	psql -qXAt -F' ' "$PGURI" -c "SELECT substring(text from '-c([0-9]+)-'),
		substring(text from '-v([0-9]+)$') FROM event WHERE action IN ('note', 'reply')
		AND text ~ '^w[0-9]+-r[0-9]+-c[0-9]+-v[0-9]+$'" | LC_ALL=C sort >"$BATS_TEST_TMPDIR/got-v"
	diff "$BATS_TEST_TMPDIR/want-v" "$BATS_TEST_TMPDIR/got-v"
	# Each success wrote on the version it read: no two on one version,
	# and each case's version moved by its number of successes.
	dups=$(grep '^ok ' "$BATS_TEST_TMPDIR/all" | awk '{ print $2, $3 }' | sort | uniq -d | wc -l)
	[ "$dups" -eq 0 ]
	grep '^ok ' "$BATS_TEST_TMPDIR/all" | awk '{ n[$2]++ } END { for (i in n) print i, n[i] }' |
		sort -n >"$BATS_TEST_TMPDIR/moved-want"
	psql -qXAt -F' ' "$PGURI" -c "SELECT k.id, k.version - s.v FROM kase k
		JOIN (VALUES $(awk -F'|' '{ printf "%s(%s, %s)", (NR > 1 ? ", " : ""), $1, $2 }' \
			"$BATS_TEST_TMPDIR/start")) s(id, v) ON s.id = k.id
		WHERE k.version <> s.v ORDER BY k.id" >"$BATS_TEST_TMPDIR/moved-got"
	diff "$BATS_TEST_TMPDIR/moved-want" "$BATS_TEST_TMPDIR/moved-got"
	# Events numbered 1..n, and the case rows in step with the log.
	run psql -qXAt "$PGURI" -c "SELECT k.id FROM kase k LEFT JOIN event e ON e.case_id = k.id
		GROUP BY k.id, k.event_count HAVING count(e.seq) <> k.event_count
		OR coalesce(max(e.seq), 0) <> count(e.seq)"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$LAPOR" --db "$(pg_as "$ADMIN")" audit verify
	[ "$status" -eq 0 ]
}

@test "a connection dropped in the middle of an action: nothing saved, the batch runs it again" {
	id=$(head -n 1 "$BATS_TEST_TMPDIR/ids" | cut -d'|' -f1)
	v0=$(psql -qXAt "$PGURI" -c "SELECT version FROM kase WHERE id = $id")
	# Another session holds the case's row, so the action waits inside
	# its transaction; its server process is ended there, then the row
	# is let go.
	coproc HOLD { psql -qXAt "$PGURI" 2>&1; }
	echo "BEGIN; SELECT id FROM kase WHERE id = $id FOR UPDATE; SELECT 'held';" >&"${HOLD[1]}"
	read -r -t 10 line <&"${HOLD[0]}"
	read -r -t 10 line <&"${HOLD[0]}"
	[ "$line" = held ]
	printf 'note %s -m dropped-once\n' "$id" >"$BATS_TEST_TMPDIR/in"
	"$LAPOR" --db "$(pg_as "$ADMIN")" batch "$BATS_TEST_TMPDIR/in" \
		>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	lapor_pid=$!
	for _ in $(seq 1 100); do
		pid=$(psql -qXAt "$PGURI" -c "SELECT pid FROM pg_stat_activity WHERE usename = '$ADMIN'
			AND wait_event_type = 'Lock'")
		[ -z "$pid" ] || break
		sleep 0.05
	done
	[ -n "$pid" ]
	psql -qXAt "$PGURI" -c "SELECT pg_terminate_backend($pid)" >/dev/null
	echo "COMMIT;" >&"${HOLD[1]}"
	wait "$lapor_pid" || true
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
	grep -qx '1 ok 0' "$BATS_TEST_TMPDIR/out"
	# Saved once: one more version, one event with the text.
	v1=$(psql -qXAt "$PGURI" -c "SELECT version FROM kase WHERE id = $id")
	[ "$v1" -eq $((v0 + 1)) ]
	n=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM event WHERE case_id = $id AND text = 'dropped-once'")
	[ "$n" -eq 1 ]
	exec {HOLD[1]}>&-
	wait "$HOLD_PID" 2>/dev/null || true
}

@test "two opposite merges take turns: one merges, the other is refused, no deadlock" {
	local a b db fifo hold p1 p2 s1=0 s2=0
	read -r a b < <(psql -qXAt "$PGURI" -c "SELECT string_agg(id::text, ' ') FROM
		(SELECT id FROM kase WHERE status IN ('new', 'assigned', 'in_progress')
		 ORDER BY id LIMIT 2) x")
	db=$(pg_as "$ADMIN")
	# Another session holds case a, so both merges start before either
	# can go on: merge a into b waits for a; merge b into a must not take
	# b first (it would then wait for a while the first waits for b).
	fifo="$BATS_TEST_TMPDIR/hold"
	mkfifo "$fifo"
	psql -qX "$PGURI" <"$fifo" >/dev/null 2>&1 &
	hold=$!
	exec 7>"$fifo"
	echo "BEGIN; SELECT 1 FROM kase WHERE id = $a FOR UPDATE;" >&7
	sleep 0.5
	"$LAPOR" --db "$db" merge "$a" --into "$b" >"$BATS_TEST_TMPDIR/m1" 2>&1 &
	p1=$!
	"$LAPOR" --db "$db" merge "$b" --into "$a" >"$BATS_TEST_TMPDIR/m2" 2>&1 &
	p2=$!
	sleep 1
	echo "COMMIT;" >&7
	exec 7>&-
	wait "$p1" || s1=$?
	wait "$p2" || s2=$?
	wait "$hold" || true
	echo "exits: $s1 $s2"
	cat "$BATS_TEST_TMPDIR/m1" "$BATS_TEST_TMPDIR/m2"
	[ "$s1" -ne 75 ] && [ "$s2" -ne 75 ]
	[ $((s1 + s2)) -eq 1 ]
	# Exactly one of the two is merged, into the other.
	n=$(psql -qXAt "$PGURI" -c "SELECT count(*) FROM kase WHERE id IN ($a, $b) AND merged_into <> 0")
	[ "$n" -eq 1 ]
}

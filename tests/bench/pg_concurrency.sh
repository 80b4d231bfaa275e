#!/bin/bash
# pg_concurrency.sh: officer actions per second with 16 concurrent
# officer processes on the same 100 cases, on PostgreSQL and on SQLite.
# Prints figures, asserts nothing (but says when an update was lost).
#
#   LAPOR=build/tui/lapor LAPOR_TEST_PG_URI=postgresql://... \
#       tests/bench/pg_concurrency.sh [CASES [ACTIONS [RUNS [STALE]]]]
#
# Each backend gets a fresh demo database of CASES cases (default 1000);
# 100 of its open cases are the targets.  A run starts 16 `lapor batch`
# processes at once (one session and connection each), every one with
# ACTIONS lines (default 300) of notes on random targets (every STALE-th
# line, default 3, with --if-version from a read before the run, so they
# race and are mostly refused; STALE 0: none, every line commits);
# actions/s is all lines / wall time of the run, committed/s the lines
# that committed; the median of RUNS runs
# (default 5) is printed.  Lost updates: successes that are not in the
# event log or did not move the case's version, counted after each run
# (must be 0).  Without LAPOR_TEST_PG_URI only SQLite is measured.
set -u
LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
CASES=${1:-1000}
ACTIONS=${2:-300}
RUNS=${3:-5}
STALE=${4:-3}
PROCS=16
command -v jq >/dev/null || { echo "jq is needed"; exit 1; }
WORK=$(mktemp -d /tmp/lapor-bench-conc.XXXXXX)
PGDB=""
cleanup() {
	[ -z "$PGDB" ] || psql -qX "$LAPOR_TEST_PG_URI" \
		-c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" >/dev/null 2>&1
	[ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
export LAPOR_NOW=2026-11-28T09:00:00+07:00

now_ns() { date +%s%N; }

# state DB: "id version event_count status" of every case.
state() {
	"$LAPOR" --db "$1" export | jq -r '"\(.id) \(.version) \(.event_count) \(.status)"'
}

# inputs DB RUN: writes $WORK/in.N for the 16 processes.
inputs() {
	local db=$1 run=$2
	state "$db" >"$WORK/before"
	awk '$4 == "assigned" || $4 == "in_progress" || $4 == "new" || $4 == "responded"' \
		"$WORK/before" | head -n 100 >"$WORK/targets"
	for p in $(seq 1 $PROCS); do
		awk -v p="$p" -v n="$ACTIONS" -v run="$run" -v stale="$STALE" \
			'BEGIN { srand(p * 1000 + run) }
			{ id[NR] = $1; v[NR] = $2 }
			END { for (i = 1; i <= n; i++) {
				k = int(rand() * NR) + 1
				t = "r" run "-p" p "-" i
				if (stale > 0 && i % stale == 0)
					print "note " id[k] " -m " t " --if-version " v[k]
				else
					print "note " id[k] " -m " t
			} }' "$WORK/targets" >"$WORK/in.$p"
	done
}

# lost DB: successes of the last run minus what the database shows.
lost() {
	local db=$1 ok
	ok=$(cat "$WORK"/out.* | grep -c ' ok 0$')
	state "$db" >"$WORK/after"
	awk -v ok="$ok" 'NR == FNR { v[$1] = $2; e[$1] = $3; next }
		{ dv += $2 - v[$1]; de += $3 - e[$1] }
		END { lv = ok - dv; le = ok - de; print (lv > le ? lv : le) }' \
		"$WORK/before" "$WORK/after"
}

bench() {
	local name=$1 db=$2 rates=() commits=() lost_total=0 conflicts=0 errors=0
	"$LAPOR" --db "$db" demo --cases "$CASES" --seed 3 >/dev/null || return 1
	db=${3:-$db}
	for run in $(seq 1 "$RUNS"); do
		inputs "$db" "$run"
		local t0 t1
		t0=$(now_ns)
		for p in $(seq 1 $PROCS); do
			"$LAPOR" --db "$db" batch --keep-going "$WORK/in.$p" >"$WORK/out.$p" \
				2>"$WORK/err.$p" &
		done
		wait
		t1=$(now_ns)
		local lines ok
		lines=$(cat "$WORK"/out.* | grep -c -E '^[0-9]+ (ok|conflict|error) ')
		ok=$(cat "$WORK"/out.* | grep -c -E '^[0-9]+ ok ')
		rates+=("$(awk -v n="$lines" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')")
		commits+=("$(awk -v n="$ok" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')")
		conflicts=$((conflicts + $(cat "$WORK"/out.* | grep -c ' conflict ')))
		errors=$((errors + $(cat "$WORK"/out.* | grep -c ' error ')))
		lost_total=$((lost_total + $(lost "$db")))
	done
	local median committed
	median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	committed=$(printf '%s\n' "${commits[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '%-11s %6s actions/s median of %d runs (%s), %s of them committed/s (%s); %d x %d actions per run, %d conflicts, %d errors, %d lost updates\n' \
		"$name" "$median" "$RUNS" "${rates[*]}" "$committed" "${commits[*]}" "$PROCS" \
		"$ACTIONS" "$conflicts" "$errors" "$lost_total"
}

echo "16 officer processes (lapor batch), 100 target cases of a $CASES-case database"
if [ -n "${LAPOR_TEST_PG_URI:-}" ]; then
	PGDB="lapor_bench_conc_$$"
	psql -qX "$LAPOR_TEST_PG_URI" -c "CREATE DATABASE \"$PGDB\"" >/dev/null || exit 1
	base=${LAPOR_TEST_PG_URI%/*}
	"$LAPOR" --db "$base/$PGDB" init >/dev/null || exit 1
	admin=$(psql -qXAt "$base/$PGDB" -c \
		"SELECT login FROM officer WHERE role = 'admin' ORDER BY login LIMIT 1")
	# as the demo's admin, who is a database role of its own
	bench postgresql "$base/$PGDB" "postgresql://$admin@${base#postgresql://*@}/$PGDB"
else
	echo "postgresql: skipped (LAPOR_TEST_PG_URI is not set)"
fi
bench sqlite "$WORK/bench.db"

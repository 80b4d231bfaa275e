#!/bin/bash
# tests/bench/sweep.sh: whole-process time of `lapor sweep` on a large
# database where a given number of open cases are overdue.  Prints
# figures (median of RUNS, wall and CPU); asserts nothing.
#
# usage: tests/bench/sweep.sh DB [OVERDUE] [RUNS]
#   DB       e.g. a 1,000,000-case `lapor demo` database; never changed:
#            each run works on a fresh copy (upgraded with `lapor init`)
#   OVERDUE  how many open cases with a running clock are overdue
#            (default 10000: 1% of a million); the sweep's clock
#            ($LAPOR_NOW) is set just after the due time of the
#            OVERDUE-th earliest such case
#   RUNS     runs, median reported (default 5)
# env: LAPOR (default build/tui/lapor), TMPDIR (where the copies go)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns

src=${1:?usage: sweep.sh DB [OVERDUE] [RUNS]}
overdue=${2:-10000}
runs=${3:-5}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
export LC_ALL=C.UTF-8
unset LAPOR_DB LAPOR_NOW LAPOR_TRACE_SQL

work=$(mktemp -d "${TMPDIR:-/tmp}/lapor-sweep.XXXXXX")
trap 'rm -rf "$work"' EXIT
ref="$work/ref.db"
sqlite3 "$src" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
cp --reflink=auto "$src" "$ref"
"$lapor" --db "$ref" init >/dev/null
sqlite3 "$ref" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

open="'new','assigned','in_progress','responded'"
now=$(sqlite3 "$ref" "SELECT due_at + 1 FROM kase WHERE status IN ($open)
	AND due_at > 0 AND clock_paused_at = 0 ORDER BY due_at LIMIT 1 OFFSET $((overdue - 1))")
total=$(sqlite3 "$ref" "SELECT count(*) FROM kase")
echo "database: $total cases, $(stat -c %s "$ref") bytes; sweep clock $(date -u -d "@$now" +%FT%TZ)"
echo "$overdue open cases overdue at that time; $runs runs, each on a fresh copy"

: >"$work/times"
for ((i = 0; i < runs; i++)); do
	rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
	cp --reflink=auto "$ref" "$work/run.db"
	sync # the copy's write-back is not the sweep's
	cat "$work/run.db" >/dev/null # warm the page cache like a cron run would find it
	/usr/bin/time -f '%e %U %S' -o "$work/t" env LAPOR_NOW="$now" \
		"$lapor" --db "$work/run.db" sweep >"$work/out" 2>&1
	read -r e u s <"$work/t"
	echo "$e $u $s" | awk '{ print $1, $2 + $3 }' >>"$work/times"
	[ "$i" -eq 0 ] && tail -n 1 "$work/out"
	if [ "$i" -eq 0 ]; then
		# The second sweep at the same time changes nothing.
		/usr/bin/time -f '%e' -o "$work/t2" env LAPOR_NOW="$now" \
			"$lapor" --db "$work/run.db" sweep >"$work/out2" 2>&1
		echo "second sweep: $(tail -n 1 "$work/out2") in $(cat "$work/t2") s"
	fi
done
printf 'lapor sweep: median %s s wall, %s s CPU (user+sys)\n' \
	"$(cut -d' ' -f1 "$work/times" | median)" "$(cut -d' ' -f2 "$work/times" | median)"

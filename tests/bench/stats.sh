#!/bin/bash
# tests/bench/stats.sh: whole-process timings of `lapor stats` on a large
# database (the whole nation, all time and one year; grouped by agency,
# officer and category; --json).  Beside each figure, the SQL it ran
# (captured with $LAPOR_TRACE_SQL: the cohort scan and the ratings) run
# directly by sqlite3 on the same file, its rows written to /dev/null.
# Medians of RUNS runs, in wall time and (on a shared machine, the steadier
# figure) lapor's CPU time, user + system; prints figures, asserts nothing.
#
# usage: tests/bench/stats.sh [DB] [RUNS]
#   DB      a database of schema 2 or later (default: the 1,000,000-case
#           $BENCH_DIR/find-1000000.db of find.sh, else its
#           demo-1000000.db); never modified: a copy (cp --reflink=auto)
#           is upgraded (lapor init) and removed
#   RUNS    runs per measurement, median reported (default 7)
# env: LAPOR (default build/tui/lapor), TMPDIR (where the copy goes)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns, time_runs

dir=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lapor-bench}
src=${1:-$dir/find-1000000.db}
[ -f "$src" ] || src="$dir/demo-1000000.db"
runs=${2:-7}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
export LC_ALL=C.UTF-8
unset LAPOR_DB LAPOR_NOW LAPOR_TRACE_SQL

work=$(mktemp -d "${TMPDIR:-/tmp}/lapor-stats.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/stats.db"
sqlite3 "$src" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
cp --reflink=auto "$src" "$db"

# cpu_runs CMD...: median user + system CPU milliseconds of RUNS runs
cpu_runs() {
	local i
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f '%U %S' -o "$work/cpu" "$@" >/dev/null 2>&1 || true
		awk '{ print ($1 + $2) * 1000 }' "$work/cpu"
	done | median | awk '{ printf "%.0f", $1 }'
}

t0=$(now_ns)
"$lapor" --db "$db" init >/dev/null
t1=$(now_ns)
echo "schema upgrade of the copy (lapor init): $(((t1 - t0) / 1000000)) ms"
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cases=$(sqlite3 "$db" 'SELECT count(*) FROM kase')
# The year before the last case received.
last=$(sqlite3 "$db" "SELECT date(max(created_at), 'unixepoch') FROM kase")
first=$(sqlite3 "$db" "SELECT date('$last', '-1 year')")
echo "database: $(stat -c %s "$db") bytes, $cases cases; $runs runs each, median ms"

sql="$work/trace.sql"
# measure LABEL ARGS...: lapor ARGS, then the SQL it ran, in sqlite3.
measure() {
	local label=$1
	shift
	{
		echo ".output /dev/null"
		LAPOR_TRACE_SQL=1 "$lapor" --db "$db" "$@" 2>&1 >/dev/null || true
	} >"$sql"
	printf '%-44s %8s %8s %10s\n' "$label" "$(time_runs "$lapor" --db "$db" "$@")" \
		"$(cpu_runs "$lapor" --db "$db" "$@")" "$(time_runs sqlite3 "$db" ".read $sql")"
}

printf '%-44s %8s %8s %10s\n' "" "lapor" "cpu" "sqlite3"
printf '%-44s %8s %8s %10s\n' "process floor (policy ls / SELECT 1)" \
	"$(time_runs "$lapor" --db "$db" policy ls)" "$(cpu_runs "$lapor" --db "$db" policy ls)" \
	"$(time_runs sqlite3 "$db" 'SELECT 1')"
measure "stats (whole nation, all time)" stats
measure "stats --from $first --to $last" stats --from "$first" --to "$last"
measure "stats --by agency" stats --by agency
measure "stats --by officer" stats --by officer
measure "stats --by category" stats --by category
measure "stats --json" stats --json
measure "stats --agency 31 (a province)" stats --agency 31

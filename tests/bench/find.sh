#!/bin/bash
# tests/bench/find.sh: whole-process timings of finding cases on a large
# database: the first page of single-field queries (lapor ls QUERY), a
# two-word full-text search (top 50), the dashboard of the whole nation
# and the live counts of ten saved queues.  Beside each figure, the same
# SQL (captured with $LAPOR_TRACE_SQL) run directly by sqlite3 on the
# same file.  Medians of RUNS runs (wall), and the mean CPU time of each
# (perf stat's task-clock, when perf is installed); prints figures,
# asserts nothing.
#
# usage: tests/bench/find.sh [CASES] [RUNS]
#   CASES   size of the demo database (default 1000000; try 10000 first)
#   RUNS    runs per measurement, median reported (default 7)
# env: LAPOR (default build/tui/lapor), BENCH_DIR (databases kept and
#      reused, shared with workflow.sh; default ${XDG_CACHE_HOME:-~/.cache}/lapor-bench)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns, time_runs

cases=${1:-1000000}
runs=${2:-7}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
dir=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lapor-bench}
base="$dir/demo-$cases.db"
db="$dir/find-$cases.db"
mkdir -p "$dir"
export LC_ALL=C.UTF-8
unset LAPOR_DB LAPOR_NOW LAPOR_TRACE_SQL


# cpu_runs CMD...: mean CPU time (task-clock) in milliseconds of RUNS runs,
# from perf stat when it is there ("-" otherwise): the machine may be
# shared, and wall times then wait for the CPU.
cpu_runs() {
	if ! command -v perf >/dev/null 2>&1; then
		echo "-"
		return
	fi
	perf stat -x, -e task-clock -r "$runs" "$@" 2>&1 >/dev/null |
		awk -F, '/task-clock/ { printf "%.1f", $1; f = 1 } END { if (!f) printf "-" }'
}

if [ ! -f "$base" ]; then
	echo "building a $cases-case demo database in $base (once; reused later)"
	"$lapor" --db "$base" demo --cases "$cases" --seed 1 >/dev/null
fi
if [ ! -f "$db" ] || [ "$base" -nt "$db" ]; then
	echo "copying $base to $db and upgrading its schema (full-text index)"
	sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$base" "$db"
	t0=$(now_ns)
	"$lapor" --db "$db" init >/dev/null
	t1=$(now_ns)
	echo "schema upgrade: $(((t1 - t0) / 1000000)) ms"
fi
# Ten saved queues of the (admin) officer running the benchmark.
queues=("status:new" "overdue" "due<2d" "assignee:budi.santoso status:assigned,in_progress"
	"escalated" "agency:31.71 status:assigned" "under:32 overdue"
	"category:jalan-rusak status:new,assigned" "privacy:secret status:in_progress"
	"priority:2 status:assigned")
for i in "${!queues[@]}"; do
	# shellcheck disable=SC2086
	"$lapor" --db "$db" queue save "bench$i" ${queues[$i]} >/dev/null
done
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
echo "database: $(stat -c %s "$db") bytes, $cases cases; $runs runs each, median ms"

sql="$dir/find-trace.sql"
# measure LABEL ARGS...: lapor ARGS, then the SQL it ran, in sqlite3.
measure() {
	local label=$1
	shift
	# the statements only: a message ("lapor: nothing found") is no SQL
	{ LAPOR_TRACE_SQL=1 "$lapor" --db "$db" "$@" 2>&1 >/dev/null || true; } |
		grep -v '^lapor: ' >"$sql" || true
	printf '%-44s %8s %10s %8s %8s\n' "$label" "$(time_runs "$lapor" --db "$db" "$@")" \
		"$(time_runs sqlite3 "$db" ".read $sql")" "$(cpu_runs "$lapor" --db "$db" "$@")" \
		"$(cpu_runs sqlite3 "$db" ".read $sql")"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s %10s %8s %8s\n' "" "lapor" "sqlite3" "cpu" "cpu"
printf '%-44s %8s %10s %8s %8s\n' "process floor (ls --limit 1 / SELECT 1)" \
	"$(time_runs "$lapor" --db "$db" ls --limit 1)" "$(time_runs sqlite3 "$db" 'SELECT 1')" \
	"$(cpu_runs "$lapor" --db "$db" ls --limit 1)" "$(cpu_runs sqlite3 "$db" 'SELECT 1')"
for q in "status:new" "agency:31.71" "under:32" "region:31.71.*" "category:jalan-rusak" \
	"assignee:budi.santoso" "kind:aspiration" "channel:sms" "privacy:secret" "priority:2" \
	"overdue" "escalated" "due<2d" "age>30d" "updated<1h" "tracking:SMS-*" "id>999000" \
	"jalan" "banjir"; do
	measure "ls $q (first page, 50)" ls "$q"
done
measure "search jalan rusak --limit 50" search jalan rusak --limit 50
measure "search banjir rob --limit 50" search banjir rob --limit 50
measure "search pungutan liar --limit 50" search pungutan liar --limit 50
measure "dashboard --json (whole nation)" dashboard --json
measure "queue ls (10 saved queues, live counts)" queue ls
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$sql"

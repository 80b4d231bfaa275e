#!/bin/bash
# tests/bench/workflow.sh: whole-process timings of lapor on a large
# database.  Prints figures; asserts nothing about speed.
#
# usage: tests/bench/workflow.sh [CASES] [IMPORT] [RUNS]
#   CASES   size of the demo database (default 1000000; try 10000 first)
#   IMPORT  new reports per import run (default 100000)
#   RUNS    runs per measurement, median reported (default 5)
# env: LAPOR (default build/tui/lapor), BENCH_DIR (where databases are
#      kept and reused, default ${XDG_CACHE_HOME:-~/.cache}/lapor-bench)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns

cases=${1:-1000000}
import_n=${2:-100000}
runs=${3:-5}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
dir=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lapor-bench}
base="$dir/demo-$cases.db"
work="$dir/work-$cases.db"
mkdir -p "$dir"
export LC_ALL=C.UTF-8
unset LAPOR_DB LAPOR_NOW

# time_runs N CMD...: prints the median wall time in milliseconds
time_runs() {
	local n=$1 i t0 t1
	shift
	for ((i = 0; i < n; i++)); do
		t0=$(now_ns)
		"$@" >/dev/null
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | median | awk '{ printf "%.2f", $1 / 1000 }'
}

if [ ! -f "$base" ]; then
	echo "building a $cases-case demo database in $base (once; reused later)"
	t0=$(now_ns)
	"$lapor" --db "$base" demo --cases "$cases" --seed 1
	t1=$(now_ns)
	ms=$(((t1 - t0) / 1000000))
	echo "demo: $cases cases in $ms ms ($((cases * 1000 / (ms + 1))) cases/s)"
fi
sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
rm -f "$work" "$work-wal" "$work-shm"
cp "$base" "$work"
"$lapor" --db "$work" init >/dev/null # upgrade an older schema

bytes=$(stat -c %s "$base")
echo "database: $bytes bytes, $((bytes / cases)) bytes per case"

# Reports for the import runs (tests/bench/gen_reports.py: Indonesian text,
# about 500 bytes a body, regions of db/data/regencies.csv): fresh
# tracking ids per run.
gen=$(dirname "$(realpath "$0")")/gen_reports.py
gen_reports() {
	python3 "$gen" "$2" --seed "$1" --prefix "BENCH$$"
}

echo "import: $import_n new reports per run, $runs runs, each on a fresh copy of the database"
rates=()
for ((r = 1; r <= runs; r++)); do
	f="$dir/import-$r.jsonl"
	gen_reports "$r" "$import_n" >"$f"
	rm -f "$work" "$work-wal" "$work-shm"
	cp "$base" "$work"
	"$lapor" --db "$work" init >/dev/null # upgrade an older schema
	sync
	t0=$(now_ns)
	"$lapor" --db "$work" import "$f" >/dev/null
	t1=$(now_ns)
	rates+=($((import_n * 1000000000 / (t1 - t0 + 1))))
	rm -f "$f"
done
echo "import: median $(printf '%s\n' "${rates[@]}" | median) cases/s," \
	"min $(printf '%s\n' "${rates[@]}" | sort -n | head -1)," \
	"max $(printf '%s\n' "${rates[@]}" | sort -n | tail -1)" \
	"(runs: ${rates[*]})"

agency=31.71
id=$((cases / 2))
echo "ls --agency $agency --status assigned --limit 50: median" \
	"$(time_runs $((runs + 2)) "$lapor" --db "$work" ls --agency $agency --status assigned \
		--limit 50) ms"
echo "ls --json (first 50 of every case): median" \
	"$(time_runs $((runs + 2)) "$lapor" --db "$work" ls --json) ms"
echo "show $id: median $(time_runs $((runs + 2)) "$lapor" --db "$work" show "$id") ms"
echo "show $id --json: median $(time_runs $((runs + 2)) "$lapor" --db "$work" show "$id" --json) ms"
rm -f "$work" "$work-wal" "$work-shm"

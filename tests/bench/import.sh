#!/bin/bash
# tests/bench/import.sh: cases per second of `lapor import` on top of a
# given database, as a whole process (wall time), and the process's CPU
# time (user + sys, less sensitive to a shared machine's other load).
# Prints figures; asserts nothing.
#
# usage: tests/bench/import.sh BASE_DB [IMPORT] [RUNS]
#   BASE_DB  the database to import into (never changed: each run works
#            on a fresh copy, upgraded first with `lapor init`), e.g. a
#            1,000,000-case `lapor demo` database
#   IMPORT   new reports per run (default 100000)
#   RUNS     runs, median reported (default 5)
# env: LAPOR (default build/tui/lapor), WORK_DIR (where the copies and
#      report files go; default a new directory under /tmp, removed at
#      the end), IMPORT_MESSAGES=N (also N citizen messages per run, on
#      cases of the same file, interleaved; default 0)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns

base=${1:?usage: import.sh BASE_DB [IMPORT] [RUNS]}
import_n=${2:-100000}
runs=${3:-5}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
gen=$(dirname "$(realpath "$0")")/gen_reports.py
own_dir=
if [ -z "${WORK_DIR:-}" ]; then
	WORK_DIR=$(mktemp -d /tmp/lapor-import-bench.XXXXXX)
	own_dir=$WORK_DIR
fi
mkdir -p "$WORK_DIR"
ref="$WORK_DIR/ref.db"
work="$WORK_DIR/work.db"
cleanup() {
	rm -f "$ref" "$ref-wal" "$ref-shm" "$work" "$work-wal" "$work-shm" "$WORK_DIR"/run-*.jsonl \
		"$WORK_DIR/time"
	[ -z "$own_dir" ] || rmdir "$own_dir" 2>/dev/null || true
}
trap cleanup EXIT
export LC_ALL=C.UTF-8
unset LAPOR_DB LAPOR_NOW

cp --reflink=auto "$base" "$ref"
"$lapor" --db "$ref" init >/dev/null
sqlite3 "$ref" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cases=$(sqlite3 "$ref" 'SELECT count(*) FROM kase')
echo "import: $import_n new reports per run, $runs runs, on a copy of $base ($cases cases," \
	"schema $(sqlite3 "$ref" 'PRAGMA user_version'))"

msgs=${IMPORT_MESSAGES:-0}
rates=()
cpus=()
for ((r = 1; r <= runs; r++)); do
	f="$WORK_DIR/run-$r.jsonl"
	python3 "$gen" "$import_n" --seed "$r" --prefix "IMP$$" >"$f"
	if [ "$msgs" -gt 0 ]; then
		# Messages on cases of the same file, each after its report.
		python3 - "$f" "$msgs" <<'EOF'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path, encoding="utf-8").read().splitlines()
step = max(1, len(lines) // n)
out = []
for i, line in enumerate(lines):
    out.append(line)
    if i % step == 0 and n > 0:
        r = json.loads(line)
        out.append(json.dumps({"type": "message", "tracking_id": r["tracking_id"],
                               "submitted_at": r["submitted_at"],
                               "body": "Tambahan keterangan dari pelapor."}))
        n -= 1
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
	fi
	rm -f "$work" "$work-wal" "$work-shm"
	cp --reflink=auto "$ref" "$work"
	sync
	t0=$(now_ns)
	/usr/bin/time -f '%U %S' -o "$WORK_DIR/time" "$lapor" --db "$work" import "$f" >/dev/null
	t1=$(now_ns)
	rates+=($((import_n * 1000000000 / (t1 - t0 + 1))))
	read -r user sys <"$WORK_DIR/time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	cpus+=("$cpu")
	echo "  run $r: ${rates[-1]} cases/s ($(((t1 - t0) / 1000000)) ms; cpu ${cpu} s:" \
		"user $user, sys $sys; load $(cut -d' ' -f1 /proc/loadavg))"
	rm -f "$f"
done
echo "import: median $(printf '%s\n' "${rates[@]}" | median) cases/s," \
	"min $(printf '%s\n' "${rates[@]}" | sort -n | head -1)," \
	"max $(printf '%s\n' "${rates[@]}" | sort -n | tail -1);" \
	"median cpu (user+sys) $(printf '%s\n' "${cpus[@]}" | median) s" \
	"($(printf '%s\n' "${cpus[@]}" | median | awk -v n="$import_n" '{ printf "%d", n / $1 }')" \
	"cases per cpu second)"

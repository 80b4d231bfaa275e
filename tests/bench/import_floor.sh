#!/bin/bash
# tests/bench/import_floor.sh: how fast `lapor import` is beside the
# fastest SQLite can write the same rows.  Prints figures (medians of
# RUNS runs, each on a fresh copy of the database); asserts nothing.
#
# usage: tests/bench/import_floor.sh DB [REPORTS] [RUNS]
#   DB       a lapor SQLite database, e.g. `lapor demo --cases 1000000
#            --seed 1`; never changed (copies are upgraded with lapor init)
#   REPORTS  new reports per import (default 100000; gen_reports.py)
#   RUNS     runs per figure, median reported (default 3)
# env: LAPOR (default build/tui/lapor), TMPDIR (where the copies go)
#
# Three figures, cases per second:
#   lapor import      the whole command: JSON parsed and checked, each
#                     case placed, clocked, hash-chained, then written
#   SQL replay        the rows that import wrote, copied by sqlite3 from
#                     another file in one transaction: INSERT ... SELECT
#                     into kase and event, the full-text index filled
#                     as import fills it, COMMIT (no parsing, no checks)
#   SQL, no indexes   the same replay after dropping every secondary
#                     index of kase (what the queues, the query language
#                     and the reports read): the floor of this table
#                     layout with its full-text index
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns

src=${1:?usage: import_floor.sh DB [REPORTS] [RUNS]}
n=${2:-100000}
runs=${3:-3}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
gen=$(dirname "$(realpath "$0")")/gen_reports.py
export LC_ALL=C.UTF-8
unset LAPOR_DB LAPOR_NOW

work=$(mktemp -d "${TMPDIR:-/tmp}/lapor-floor.XXXXXX")
trap 'rm -rf "$work"' EXIT
base="$work/base.db"
sqlite3 "$src" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
cp --reflink=auto "$src" "$base"
"$lapor" --db "$base" init >/dev/null
sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
first=$(sqlite3 "$base" 'SELECT coalesce(max(id), 0) + 1 FROM kase')
python3 "$gen" "$n" --seed 7 --prefix "FLOOR$$" >"$work/in.jsonl"

# fresh: a copy of base at $work/run.db, written back to disk.
fresh() {
	rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
	cp --reflink=auto "$base" "$work/run.db"
	sync
}

# The import, timed; its rows are kept in stage.db for the replays.
: >"$work/lapor"
for ((i = 0; i < runs; i++)); do
	fresh
	t0=$(now_ns)
	"$lapor" --db "$work/run.db" import "$work/in.jsonl" >/dev/null
	t1=$(now_ns)
	echo $((n * 1000000000 / (t1 - t0))) >>"$work/lapor"
done
sqlite3 "$work/run.db" "ATTACH '$work/stage.db' AS s;
	CREATE TABLE s.k AS SELECT * FROM kase WHERE id >= $first ORDER BY id;
	CREATE TABLE s.e AS SELECT * FROM event WHERE case_id >= $first ORDER BY case_id, seq;"

cols=$(sqlite3 "$base" "SELECT group_concat(name, ', ') FROM pragma_table_xinfo('kase')
	WHERE hidden = 0")
replay="PRAGMA cache_size=-524288;
ATTACH '$work/stage.db' AS s;
BEGIN IMMEDIATE;
DROP TRIGGER kase_fts_insert;
DROP TRIGGER stat_insert;
INSERT INTO kase($cols) SELECT $cols FROM s.k ORDER BY id;
INSERT INTO event SELECT * FROM s.e ORDER BY case_id, seq;
INSERT INTO case_fts(case_fts, rank) VALUES ('automerge', 0);
INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO case_fts(rowid, title, body) SELECT id, title, body FROM kase WHERE id >= $first
	ORDER BY id;
COMMIT;"

# replay FILE [PREP]: SQL replays timed into FILE, PREP run before timing.
replay() {
	local out=$1 prep=${2:-}
	: >"$out"
	for ((i = 0; i < runs; i++)); do
		fresh
		if [ -n "$prep" ]; then
			sqlite3 "$work/run.db" "$prep"
			sqlite3 "$work/run.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
			sync
		fi
		t0=$(now_ns)
		sqlite3 "$work/run.db" "$replay"
		t1=$(now_ns)
		echo $((n * 1000000000 / (t1 - t0))) >>"$out"
	done
}
replay "$work/sql"
drop=$(sqlite3 "$base" "SELECT group_concat('DROP INDEX ' || name, '; ') FROM sqlite_schema
	WHERE type = 'index' AND tbl_name = 'kase' AND sql IS NOT NULL")
replay "$work/bare" "$drop;"

l=$(median <"$work/lapor")
s=$(median <"$work/sql")
b=$(median <"$work/bare")
echo "$n reports into $(sqlite3 "$base" 'SELECT count(*) FROM kase') cases; $runs runs, medians:"
echo "lapor import:    $l cases/s (runs: $(tr '\n' ' ' <"$work/lapor"))"
echo "SQL replay:      $s cases/s (runs: $(tr '\n' ' ' <"$work/sql"))"
echo "SQL, no indexes: $b cases/s (runs: $(tr '\n' ' ' <"$work/bare"))"
awk -v l="$l" -v s="$s" -v b="$b" 'BEGIN {
	printf "lapor import / SQL replay: %.2f; SQL replay / no indexes: %.2f\n", l / s, s / b }'

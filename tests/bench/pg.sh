#!/bin/bash
# tests/bench/pg.sh: whole-process timings of finding cases on PostgreSQL
# beside SQLite, on the same 1,000,000 cases: the first page of queues
# (lapor ls QUERY), full-text searches (top 50), the dashboard and stats.
# Medians of RUNS runs (after a warm-up); prints figures, asserts nothing.
# The concurrency and queue-contention figures are pg_concurrency.sh's.
#
# usage: tests/bench/pg.sh [SQLITE_DB] [RUNS]
#   SQLITE_DB  a schema-2+ SQLite database to copy (default
#              /work/bench-search/cache/find-1000000.db; find.sh makes one)
#   RUNS       runs per measurement, median reported (default 7)
# env: LAPOR (default build/tui/lapor); LAPOR_TEST_PG_URI: a superuser URI
#      of a server (`eval "$(tests/pg/start-cluster.sh)"`); BENCH_PG_DB: the
#      database to (re)use on it (default lapor_bench; loaded once, reused
#      when it already holds as many cases as SQLITE_DB).
#
# Loading: `lapor migrate` copies case by case with verification (about
# 600 cases/s: half an hour for a million), so the script loads the rows
# directly: `lapor init` makes the schema, the secondary indexes are
# dropped, each table is streamed from sqlite3 (CSV) into COPY, the
# indexes rebuilt and the dashboard's tallies recomputed as 002_search.sql
# does.  It prints how long each step took.
set -euo pipefail

src=${1:-/work/bench-search/cache/find-1000000.db}
runs=${2:-7}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
: "${LAPOR_TEST_PG_URI:?set it: eval \"\$(tests/pg/start-cluster.sh)\"}"
pgdb=${BENCH_PG_DB:-lapor_bench}
export LC_ALL=C.UTF-8 PGOPTIONS='-c client_min_messages=warning'
unset LAPOR_DB LAPOR_NOW LAPOR_TRACE_SQL

# The server's URI with the database replaced.
uri=$(python3 -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
	"$LAPOR_TEST_PG_URI" "$pgdb")
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$LAPOR_TEST_PG_URI" "$@"; }
psql_db() { psql -X -q -v ON_ERROR_STOP=1 "$uri" "$@"; }

now_ns() { date +%s%N; }
median() {
	sort -n | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
time_runs() {
	local i t0 t1
	"$@" >/dev/null 2>&1 || true
	for ((i = 0; i < runs; i++)); do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | median | awk '{ printf "%.1f", $1 / 1000 }'
}
step() { # step LABEL CMD...: runs CMD and prints its time
	local t0 t1 label=$1
	shift
	t0=$(now_ns)
	"$@"
	t1=$(now_ns)
	printf 'load: %-40s %8.1f s\n' "$label" "$(echo "($t1 - $t0) / 1000000000" | bc -l)"
}

# Streams SQLite table $1 (the PG table's own columns, in its order) into COPY.
copy_table() {
	local table=$1 cols sel
	cols=$(psql_db -At -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)
		FROM information_schema.columns WHERE table_name = '$table'
		AND is_generated = 'NEVER' AND column_name IN (SELECT name FROM
		(VALUES $(sqlite3 "$src" "SELECT group_concat('(''' || name || ''')')
			FROM pragma_table_info('$table')")) AS s(name))")
	# bytea columns travel as '\x' hex; the rest as they are.
	sel=$(echo "$cols" | tr ',' '\n' | while read -r c; do
		case $c in
		last_hash | prev_hash | hash)
			echo "CASE WHEN $c IS NULL THEN NULL ELSE '\\x' || lower(hex($c)) END" ;;
		*) echo "$c" ;;
		esac
	done | paste -sd, -)
	sqlite3 -csv -nullvalue '\N' "$src" "SELECT $sel FROM $table" |
		psql_db -c "SET session_replication_role = replica" \
			-c "\\copy $table($cols) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
}

load() {
	psql_admin -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" -c "CREATE DATABASE $pgdb"
	step "lapor init (schema)" "$lapor" --db "$uri" init >/dev/null
	psql_db -At -c "SELECT indexdef || ';' FROM pg_indexes WHERE tablename IN ('kase', 'event')
		AND indexname NOT IN (SELECT conname FROM pg_constraint)" >"$work/indexes.sql"
	psql_db -c "DO \$\$ DECLARE i text; BEGIN FOR i IN SELECT indexname FROM pg_indexes
		WHERE tablename IN ('kase', 'event') AND indexname NOT IN
		(SELECT conname FROM pg_constraint) LOOP EXECUTE format('DROP INDEX %I', i);
		END LOOP; END \$\$"
	psql_db -c "SET session_replication_role = replica" -c "TRUNCATE saved_queue, stat_open, stat_day, officer, sla_policy,
		holiday, agency CASCADE"
	for t in agency officer holiday sla_policy; do
		step "copy $t" copy_table "$t"
	done
	step "copy kase" copy_table kase
	step "copy event" copy_table event
	step "indexes" psql_db -c "SET maintenance_work_mem = '512MB'" -f "$work/indexes.sql"
	# A schema-2 source has no report columns: fill them as 003_stats.sql does.
	step "report columns (003)" psql_db -c "SET session_replication_role = replica" -c "
		UPDATE kase SET replied_at = r.at FROM (SELECT case_id, min(at) AS at FROM event
			WHERE action = 'reply' GROUP BY case_id) AS r
		WHERE r.case_id = kase.id AND kase.replied_at IS NULL;
		UPDATE kase SET closed_at = r.at FROM (SELECT case_id, max(at) AS at FROM event
			WHERE action = 'close' GROUP BY case_id) AS r
		WHERE r.case_id = kase.id AND kase.closed_at IS NULL;"
	step "tallies, statistics" psql_db -c "
		SELECT setval(pg_get_serial_sequence('kase', 'id'), (SELECT max(id) FROM kase));
		SELECT setval(pg_get_serial_sequence('officer', 'id'), (SELECT max(id) FROM officer));
		INSERT INTO stat_open(agency, assignee, status, due_day, n)
		SELECT agency, assignee, status, CASE WHEN due_at = 0 THEN -1
			ELSE due_at / 86400 END, count(*) FROM kase
		WHERE status IN ('new', 'postponed', 'assigned', 'in_progress') GROUP BY 1, 2, 3, 4;
		INSERT INTO stat_day(agency, day, received)
		SELECT k.agency, (k.created_at + a.tz_minutes * 60) / 86400, count(*)
		FROM kase k JOIN agency a ON a.code = k.agency GROUP BY 1, 2;
		INSERT INTO stat_day(agency, day, closed)
		SELECT k.agency, (k.updated_at + a.tz_minutes * 60) / 86400, count(*)
		FROM kase k JOIN agency a ON a.code = k.agency WHERE k.status = 'closed'
		GROUP BY 1, 2 ON CONFLICT (agency, day)
		DO UPDATE SET closed = stat_day.closed + excluded.closed;" -c "VACUUM ANALYZE"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
want=$(sqlite3 "$src" "SELECT count(*) FROM kase")
have=$(psql_db -At -c "SELECT count(*) FROM kase" 2>/dev/null || echo 0)
if [ "$have" != "$want" ]; then
	echo "loading $want cases from $src into $pgdb"
	t0=$(now_ns)
	load
	t1=$(now_ns)
	echo "load: total $(((t1 - t0) / 1000000000)) s"
fi
# The officer running the benchmark: an admin on both.
user=$(psql_db -At -c "SELECT current_user")
psql_db -c "INSERT INTO officer(login, name, agency, role, active)
	VALUES ('$user', 'Bench', 'KEMENPANRB', 'admin', true)
	ON CONFLICT (login) DO UPDATE SET role = 'admin', active = true"
sq="$work/bench.db"
cp --reflink=auto "$src" "$sq"
[ -f "$src-wal" ] && cp --reflink=auto "$src-wal" "$sq-wal"
"$lapor" --db "$sq" init >/dev/null 2>&1 || true

echo "$want cases; $runs runs each, median ms of whole lapor processes"
printf '%-46s %10s %10s\n' "" "postgresql" "sqlite"
row() { # row LABEL ARGS...
	local label=$1
	shift
	printf '%-46s %10s %10s\n' "$label" "$(time_runs "$lapor" --db "$uri" "$@")" \
		"$(time_runs "$lapor" --db "$sq" "$@")"
}
row "process floor: ls --limit 1" ls --limit 1
for q in "status:new" "agency:31.71 status:assigned" "assignee:budi.santoso status:assigned" \
	"under:32 overdue" "overdue" "due<2d" "escalated" "category:jalan-rusak status:new" \
	"privacy:secret status:in_progress" "region:31.71.*" "age>30d" "tracking:SMS-*"; do
	row "queue first page: ls $q" ls --limit 50 "$q"
done
row "ls jalan (text term, first page)" ls --limit 50 jalan
for s in "jalan rusak" "banjir rob" "pungutan liar" "sampah" "lampu jalan mati"; do
	row "search $s --limit 50" search --limit 50 $s
done
row "dashboard --json (whole nation)" dashboard --json
row "stats --by agency (default window)" stats --by agency

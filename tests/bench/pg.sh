#!/bin/bash
# tests/bench/pg.sh: whole-process timings of finding cases on PostgreSQL
# beside SQLite, on the same 1,000,000 cases: the first page of queues
# (lapor ls QUERY), full-text searches (top 50), the dashboard and stats.
# Medians of RUNS runs (after a warm-up); prints figures, asserts nothing.
# Queue pages are also measured inside one process (lapor batch), where
# the connection is already open.
# The concurrency and queue-contention figures are pg_concurrency.sh's.
#
# usage: tests/bench/pg.sh SQLITE_DB [RUNS]
#   SQLITE_DB  a lapor SQLite database (schema current) to load and to
#              compare with, e.g. a copy of `lapor demo --cases 1000000
#              --seed 1`; it is opened (not changed) and copied once more
#              for the SQLite column
#   RUNS       runs per measurement, median reported (default 7)
# env: LAPOR (default build/tui/lapor); LAPOR_TEST_PG_URI: a superuser URI
#      of a server (`eval "$(tests/pg/start-cluster.sh)"`, or a server with
#      durable settings); BENCH_PG_DB: the database to (re)use on it
#      (default lapor_bench; loaded once, reused when it already holds as
#      many cases as SQLITE_DB); BENCH_OFFICER: the officer (a login of
#      the database) to measure as (default the demo's first admin), e.g.
#      bambang.susilo, a supervisor at 35.78.
#
# Loading: `lapor migrate --from SQLITE_DB --to URI` (cases, events and
# report columns streamed with COPY, then verified), then VACUUM ANALYZE;
# it prints how long each took.  Every figure is measured as the demo's
# first admin officer (or BENCH_OFFICER), on both backends.
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns, time_runs

src=${1:?usage: tests/bench/pg.sh SQLITE_DB [RUNS]}
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

step() { # step LABEL CMD...: runs CMD and prints its time
	local t0 t1 label=$1
	shift
	t0=$(now_ns)
	"$@"
	t1=$(now_ns)
	printf 'load: %-40s %8.1f s\n' "$label" "$(echo "($t1 - $t0) / 1000000000" | bc -l)"
}

load() {
	psql_admin -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" -c "CREATE DATABASE $pgdb"
	step "lapor migrate (copy and verify)" /usr/bin/time -f 'migrate: %e s wall, %U s user, %S s sys' \
		"$lapor" migrate --from "$src" --to "$uri"
	step "vacuum analyze" psql_db -c "VACUUM ANALYZE"
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
# The officer of every measurement: the demo's first admin, who is a
# database role of its own on the server (migrate provisioned it).
admin=${BENCH_OFFICER:-$(psql_db -At -c "SELECT login FROM officer WHERE role = 'admin' AND active ORDER BY login LIMIT 1")}
asuri=$(python3 -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); host = p.netloc.rsplit("@", 1)[-1]
print(u.urlunsplit(p._replace(netloc=sys.argv[2] + "@" + host)))' "$uri" "$admin")
sq="$work/bench.db"
cp --reflink=auto "$src" "$sq"
[ -f "$src-wal" ] && cp --reflink=auto "$src-wal" "$sq-wal"
"$lapor" --db "$sq" init >/dev/null 2>&1 || true

echo "$want cases; $runs runs each, median ms of whole lapor processes; as $admin; $(uptime)"
printf '%-46s %10s %10s\n' "" "postgresql" "sqlite"
row() { # row LABEL ARGS...
	local label=$1
	shift
	printf '%-46s %10s %10s\n' "$label" "$(time_runs "$lapor" --db "$asuri" "$@")" \
		"$(time_runs "$lapor" --db "$sq" --as "$admin" "$@")"
}
row "process floor: ls --limit 1" ls --limit 1
row "ls --agency 31.71 --status assigned --limit 50" ls --agency 31.71 --status assigned
for q in "status:new" "agency:31.71 status:assigned" "assignee:budi.santoso status:assigned" \
	"under:32 overdue" "overdue" "due<2d" "escalated" "category:jalan-rusak status:new" \
	"privacy:secret status:in_progress" "region:31.71.*" "age>30d" "tracking:SMS-*"; do
	row "queue first page: ls $q" ls --limit 50 "$q"
done
# In one session: `lapor batch` of 21 identical lines minus a batch of
# one, per line (the connection, the officer and the first planning are
# the one-line batch's).
per_line() { # per_line DB ARGS...: ms per line
	local db=$1 one=$2 many=$3
	shift 3
	awk -v a="$(time_runs "$lapor" --db "$db" "$@" batch "$one")" \
		-v b="$(time_runs "$lapor" --db "$db" "$@" batch "$many")" \
		'BEGIN { printf "%.2f", (b - a) / 20 }'
}
session_row() { # session_row QUERY: the first page of ls QUERY
	printf 'ls --limit 50 %q\n' "$1" >"$work/one"
	for ((i = 0; i < 21; i++)); do cat "$work/one"; done >"$work/many"
	printf '%-46s %10s %10s\n' "in one session, per ls: $1" \
		"$(per_line "$asuri" "$work/one" "$work/many")" \
		"$(per_line "$sq" "$work/one" "$work/many" --as "$admin")"
}
for q in "status:new" "agency:31.71 status:assigned" "overdue" "due<2d"; do
	session_row "$q"
done
row "ls jalan (text term, first page)" ls --limit 50 jalan
for s in "jalan rusak" "banjir rob" "pungutan liar" "sampah" "lampu jalan mati"; do
	row "search $s --limit 50" search --limit 50 $s
done
row "dashboard --json (whole nation)" dashboard --json
row "stats --by agency (default window)" stats --by agency

#!/bin/bash
# tests/bench/pg_search.sh: how long `lapor search WORDS --limit N` takes
# in a session that is already open (the server's time plus the round
# trips, without starting a process or a connection), as the officer the
# URI logs in as.  Prints figures, asserts nothing.
#
#   LAPOR=build/tui/lapor tests/bench/pg_search.sh URI [RUNS] [LIMIT]
#
# For each phrase (pg.sh's five), lapor runs the search once with
# $LAPOR_TRACE_SQL, which writes each statement to stderr with its values.
# The search's statements (those with a tsquery) are then sent by psql,
# RUNS times (default 7) in one session, with those values written in.
# Each run's time is the sum of its statements' (psql's \timing: sent to
# answer read); prints the median of the runs, after one run to warm the
# session, with the number of statements (2 or more: the phrase had too
# many matches to rank, and the newest came in tiers).  LIMIT defaults
# to 50.
set -u
LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
URI=${1:?usage: tests/bench/pg_search.sh URI [RUNS] [LIMIT]}
RUNS=${2:-7}
LIMIT=${3:-50}
here=$(dirname "$(realpath "$0")")
. "$here/lib.sh" # median
work=$(mktemp -d /tmp/lapor-pgsearch.XXXXXX)
trap 'rm -rf "$work"' EXIT
unset LAPOR_DB LAPOR_NOW

phrases=("jalan rusak" "banjir rob" "pungutan liar" "sampah" "lampu jalan mati")
printf '%-18s %10s %6s\n' phrase "median ms" stmts
for p in "${phrases[@]}"; do
	LAPOR_TRACE_SQL=1 "$LAPOR" --db "$URI" search "$p" --limit "$LIMIT" \
		2>"$work/trace" >/dev/null || { echo "FAILED: lapor search $p" >&2; exit 1; }
	grep -F 'to_tsquery' "$work/trace" | "${PYTHON:-python3}" "$here/../pg/trace_sql.py" \
		>"$work/stmts.sql" || { echo "FAILED: a value not traced" >&2; exit 1; }
	n=$(wc -l <"$work/stmts.sql")
	{
		echo '\o /dev/null'
		echo '\timing on'
		for r in $(seq 0 "$RUNS"); do
			echo "\\echo run $r"
			cat "$work/stmts.sql"
		done
	} >"$work/runs.sql"
	psql -X -q -v ON_ERROR_STOP=1 "$URI" -f "$work/runs.sql" >"$work/out" 2>&1 ||
		{ cat "$work/out" >&2; exit 1; }
	awk '/^run / { r = $2 } /^Time: / && r > 0 { t[r] += $2 }
		END { for (i in t) print t[i] }' "$work/out" >"$work/times"
	printf '%-18s %10s %6s\n' "$p" "$(median <"$work/times")" "$n"
done

#!/bin/bash
# tests/bench/pg_process.sh: whole `lapor` processes against one or more
# databases, run in turn: `ls --limit 1` (the floor: start, connect, the
# officer, one page) and pg.sh's five searches at --limit 50.  Medians of
# RUNS runs after a warm-up, in ms; prints figures, asserts nothing.
#
#   LAPOR=build/tui/lapor tests/bench/pg_process.sh RUNS URI [URI...]
#
# Give the same officer's database two ways to compare them, e.g. directly
# and through PgBouncer in session pooling mode (README, "Short-lived
# processes"):
#
#   tests/bench/pg_process.sh 7 postgresql://bambang.susilo@HOST:5432/lapor_bench \
#       postgresql://bambang.susilo@HOST:6432/lapor_bench
#
# Each command is timed on every URI before the next command, so a
# machine that slows down slows every column alike.
set -u
. "$(dirname "$(realpath "$0")")/lib.sh" # time_runs
runs=${1:?usage: tests/bench/pg_process.sh RUNS URI [URI...]}
shift
[ $# -ge 1 ] || { echo "usage: tests/bench/pg_process.sh RUNS URI [URI...]" >&2; exit 2; }
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
unset LAPOR_DB LAPOR_TRACE_SQL


printf '%-36s' "median ms of $runs (whole processes)"
for i in $(seq $#); do printf ' %10s' "db $i"; done
echo
cmds=("ls --limit 1" "search jalan rusak --limit 50" "search banjir rob --limit 50"
	"search pungutan liar --limit 50" "search sampah --limit 50"
	"search lampu jalan mati --limit 50")
for c in "${cmds[@]}"; do
	printf '%-36s' "$c"
	for uri in "$@"; do
		# shellcheck disable=SC2086
		printf ' %10s' "$(time_runs "$lapor" --db "$uri" $c)"
	done
	echo
done
i=0
for uri in "$@"; do
	i=$((i + 1))
	echo "db $i: $uri"
done

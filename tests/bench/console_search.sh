#!/bin/bash
# tests/bench/console_search.sh: how long a full-text search takes in the
# console (its best 200 hits read, the officer's rules applied), on any
# database: a file or a PostgreSQL URI, as the officer it logs in as.
# Prints figures, asserts nothing.
#
#   LAPOR=build/tui/lapor tests/bench/console_search.sh DB [ROUNDS]
#
# For each phrase (pg.sh's five), ROUNDS times (default 3): starts the
# console in tmux at 200x50 with LAPOR_TRACE_FILE, waits for the queue
# counts, searches the phrase (f, the words, Enter) as the session's first
# search, leaves the results (q) and searches it again.  Prints each
# phrase's median of both as the console traced them ("search N ms": the
# hits read, before drawing).  The first search of a session is the one
# that pays for a new connection's cold caches on PostgreSQL.
set -u
LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
DB=${1:?usage: tests/bench/console_search.sh DB [ROUNDS]}
ROUNDS=${2:-3}
. "$(dirname "$(realpath "$0")")/lib.sh" # median, console_tmux, wait_trace
console_tmux s

phrases=("jalan rusak" "banjir rob" "pungutan liar" "sampah" "lampu jalan mati")
for r in $(seq "$ROUNDS"); do
	for p in "${!phrases[@]}"; do
		trace=$work/trace-$r-$p
		: >"$trace"
		tm new-session -d -x 200 -y 50 \
			"env LANG=C.UTF-8 LAPOR_TRACE_FILE=$trace $LAPOR --db '$DB'; sleep 5"
		wait_trace "$trace" ' counts$' || exit 1
		for n in 1 2; do
			tm send-keys f; sleep 0.3
			tm send-keys C-u # the prompt holds the last search
			tm send-keys -l "${phrases[$p]}"; tm send-keys Enter
			wait_trace "$trace" ' search ' "$n" || exit 1
			tm send-keys q; sleep 0.3
		done
		awk -v p="$p" '$2 == "search" { sub("ms", "", $3); print p, ++n, $3 }' \
			"$trace" >>"$work/times"
		tm kill-server >/dev/null 2>&1
		sleep 0.2
	done
done
printf 'search in the console (best 200), median of %d, ms\n' "$ROUNDS"
printf '  %-20s %12s %12s\n' phrase "first" "again"
for p in "${!phrases[@]}"; do
	first=$(awk -v p="$p" '$1 == p && $2 == 1 { print $3 }' "$work/times" | median)
	again=$(awk -v p="$p" '$1 == p && $2 == 2 { print $3 }' "$work/times" | median)
	printf '  %-20s %12.1f %12.1f\n' "${phrases[$p]}" "$first" "$again"
done

#!/bin/bash
# tests/bench/console_queues.sh: how long the console takes to show the
# first page of each built-in queue, from the key to the drawn screen, on
# any database (a file or a PostgreSQL URI, as the officer it logs in
# as, or as LOGIN on a file).  Prints figures, asserts nothing.
#
#   LAPOR=build/tui/lapor tests/bench/console_queues.sh DB [ROUNDS [LOGIN]]
#
# Starts the console in tmux at 200x50 with LAPOR_TRACE_FILE, waits for
# the queue counts, then ROUNDS times (default 3) walks the queue list
# (Tab, j, Enter) from the first queue to the last, and prints each
# queue's median Enter time as the console traced it (reading the page
# and drawing the screen).  Also: the first frame and the counts.
set -u
LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
DB=${1:?usage: tests/bench/console_queues.sh DB [ROUNDS [LOGIN]]}
ROUNDS=${2:-3}
LOGIN=${3:-}
. "$(dirname "$(realpath "$0")")/lib.sh" # median, console_tmux, wait_trace
console_tmux q
trace=$work/trace
: >"$trace"
tm new-session -d -x 200 -y 50 "env LANG=C.UTF-8 LAPOR_TRACE_FILE=$trace $LAPOR --db '$DB'${LOGIN:+ --as '$LOGIN'}; sleep 5"
wait_trace "$trace" ' counts' || exit 1
# The queues the officer sees: the sidebar's lines up to the first blank.
n=$(tm capture-pane -p | awk -F'│' 'NR > 2 { q = $1; gsub(/^[ >]+|[ 0-9]+$/, "", q); if (q == "") exit; n++ } END { print n + 0 }')
for r in $(seq "$ROUNDS"); do
	tm send-keys Tab; sleep 0.3
	tm send-keys g; sleep 0.3
	tm send-keys Enter; sleep 1
	name=$(tm capture-pane -p | head -1 | awk -F'|' '{ print $2 }' | sed 's/^ *//; s/ ([0-9]*) *$//')
	echo "1	$name" >>"$work/names"
	for q in $(seq 2 "$n"); do
		tm send-keys Tab; sleep 0.3
		tm send-keys j; sleep 0.3
		tm send-keys Enter; sleep 1
		name=$(tm capture-pane -p | head -1 | awk -F'|' '{ print $2 }' | sed 's/^ *//; s/ ([0-9]*) *$//')
		echo "$q	$name" >>"$work/names"
	done
done
tm send-keys q; sleep 0.3
# The Enter keys in order: each round's first is queue 1.
awk '$2 == "key" && $4 == "enter" { sub("ms", "", $5); print $5 }' "$trace" >"$work/enter"
echo "first frame: $(awk '$2 == "first-frame" { print $1 " ms"; exit }' "$trace") after start;" \
	"queue counts: $(awk '$2 == "counts" { print $1 " ms"; exit }' "$trace")"
printf 'Enter on a queue, median of %d, ms (page read and drawn)\n' "$ROUNDS"
for q in $(seq 1 "$n"); do
	name=$(awk -F'\t' -v q="$q" '$1 == q { print $2; exit }' "$work/names" 2>/dev/null)
	ms=$(awk -v q="$q" -v n="$n" '(NR - 1) % n + 1 == q' "$work/enter" | median)
	printf '  %-28s %8.2f\n' "$name" "$ms"
done

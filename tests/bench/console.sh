#!/bin/bash
# console.sh: how fast the console is on big databases.  Prints figures,
# asserts nothing.
#
#   LAPOR=build/tui/lapor tests/bench/console.sh [CASES...]
#
# For each size (default 1000000 and 10000) it builds a demo database
# once (kept in $BENCH_DIR, default /tmp/lapor-bench), starts the console
# in tmux at 200x50 with LAPOR_TRACE_FILE set, and reports: the time to
# the first full frame (from the process start and as the console saw
# it), the redraw time of moving the cursor, paging, jumping to the end
# and opening a case, and the resident memory high-water mark (VmHWM).
set -u
LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
command -v tmux >/dev/null || { echo "tmux is needed"; exit 1; }
BENCH_DIR=${BENCH_DIR:-/tmp/lapor-bench}
mkdir -p "$BENCH_DIR"
SOCK=lapor-bench-$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1' EXIT
[ $# -gt 0 ] || set -- 1000000 10000

now_ms() { date +%s%3N; }

# key_ms TRACE ACTION: the mean redraw time of the traced keys for ACTION.
key_ms() {
	awk -v a="$2" '$2 == "key" && $4 == a { sub("ms", "", $5); s += $5; n++ }
		END { if (n) printf "%.2f ms (%d keys)", s / n, n; else printf "n/a" }' "$1"
}

for cases in "$@"; do
	db=$BENCH_DIR/demo-$cases.db
	if [ ! -s "$db" ]; then
		echo "building $db ($cases cases) ..."
		t0=$(now_ms)
		"$LAPOR" --db "$db" demo --cases "$cases" --seed 1 >/dev/null || exit 1
		echo "  built in $(( ($(now_ms) - t0) / 1000 )) s"
	fi
	trace=$BENCH_DIR/trace-$cases.txt
	: >"$trace"
	t0=$(now_ms)
	tm new-session -d -x 200 -y 50 \
		"env LANG=C.UTF-8 LAPOR_TRACE_FILE=$trace $LAPOR --db $db; sleep 5"
	while ! grep -q first-frame "$trace" 2>/dev/null; do
		sleep 0.01
		[ $(( $(now_ms) - t0 )) -gt 60000 ] && { echo "no first frame in 60 s"; break; }
	done
	t_first=$(( $(now_ms) - t0 ))
	pane=$(tm display -p '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$pane" | head -1 | tr -d ' ')
	# The queue of every open case: the biggest list.
	tm send-keys Tab G Enter; sleep 1
	for i in $(seq 20); do tm send-keys j; sleep 0.05; done
	for i in $(seq 10); do tm send-keys Space; sleep 0.1; done
	for i in $(seq 5); do tm send-keys b; sleep 0.1; done
	tm send-keys G; sleep 0.5
	tm send-keys g; sleep 0.5
	tm send-keys Enter; sleep 0.5
	tm send-keys q; sleep 0.3
	hwm=$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status" 2>/dev/null)
	tm send-keys q; sleep 0.3
	echo "== $cases cases ($(du -h "$db" | cut -f1) database)"
	echo "  first frame, from process start:  $t_first ms"
	echo "  first frame, as the console saw:  $(awk '$2 == "first-frame" {print $1 " ms"}' "$trace")"
	echo "  queue counts ready:               $(awk '$2 == "counts" {print $1 " ms"; exit}' "$trace")"
	echo "  cursor down (j):                  $(key_ms "$trace" down)"
	echo "  page down (Space):                $(key_ms "$trace" page-down)"
	echo "  page up (b):                      $(key_ms "$trace" page-up)"
	echo "  last page (G):                    $(key_ms "$trace" last)"
	echo "  first page (g):                   $(key_ms "$trace" first)"
	echo "  open a case (Enter):              $(key_ms "$trace" enter)"
	echo "  resident memory high-water mark:  ${hwm:-n/a}"
	tm kill-server >/dev/null 2>&1
done

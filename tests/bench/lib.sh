# tests/bench/lib.sh: what the benchmark scripts share (sourced).

# now_ns: the time in nanoseconds.
now_ns() { date +%s%N; }

# median: the median of the numbers on stdin, one per line.
median() {
	sort -n | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# time_runs CMD...: the median wall time in ms (one decimal) of $runs runs
# of CMD after one warm-up.  The warm-up must succeed, or a failing command
# would time its error: then prints FAILED and the error on stderr.
time_runs() {
	local i t0 t1 err
	if ! err=$("$@" 2>&1 >/dev/null); then
		printf 'FAILED'
		printf '%s\n' "$err" | sed 's/^/  /' >&2
		return
	fi
	for ((i = 0; i < runs; i++)); do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | median | awk '{ printf "%.1f", $1 / 1000 }'
}

# wait_trace FILE PATTERN [COUNT]: waits until FILE (a console's
# LAPOR_TRACE_FILE) has COUNT (default 1) lines matching PATTERN; fails
# with a message after 60 s.
wait_trace() {
	local i
	for ((i = 0; i < 1200; i++)); do
		[ "$(grep -c -- "$2" "$1" 2>/dev/null)" -ge "${3:-1}" ] && return 0
		sleep 0.05
	done
	echo "timed out waiting for '$2' in $1" >&2
	return 1
}

# console_tmux NAME: a tmux server of this script's own (tm ARGS... runs
# tmux on it) and a work directory $work (in $BENCH_DIR, default /tmp),
# both removed when it exits.
console_tmux() {
	command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
	SOCK=lapor-bench-$1-$$
	tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
	work=$(mktemp -d "${BENCH_DIR:-/tmp}/lapor-bench-$1.XXXXXX") || exit 1
	trap 'tm kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT
}

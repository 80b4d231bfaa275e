# tests/bench/lib.sh: what the benchmark scripts share (sourced).

# now_ns: the time in nanoseconds.
now_ns() { date +%s%N; }

# median: the median of the numbers on stdin, one per line.
median() {
	sort -n | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

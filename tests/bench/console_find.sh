#!/bin/bash
# console_find.sh: how fast the console finds cases on a big database.
# Prints figures (median of RUNS console sessions), asserts nothing.
#
#   LAPOR=build/tui/lapor tests/bench/console_find.sh DB [RUNS]
#
# DB is copied (cp --reflink=auto) to $BENCH_DIR (default /tmp) and
# upgraded with `lapor init`; the copy gets ten saved queues and is
# deleted at the end.  Each run starts the console in tmux at 200x50 with
# LAPOR_TRACE_FILE and reads from the trace: the saved queues' counts
# (re-read at start and whenever data_version changes), the built-in
# queues' counts (the admin sees all nine), a limit (agency:31.71 on the
# first queue, "To verify", in due order), a two-word full-text search,
# opening the best hit (its similar open cases included), and the
# dashboard of the whole nation.
# For comparison it also times `lapor queue ls` (ten counts) as a process.
set -u
LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
SRC=${1:?usage: console_find.sh DB [RUNS]}
RUNS=${2:-5}
. "$(dirname "$(realpath "$0")")/lib.sh" # median, wait_trace, console_tmux
console_tmux find
W=$work
db=$W/find.db
cp --reflink=auto "$SRC" "$db" || exit 1
"$LAPOR" --db "$db" init >/dev/null || exit 1
i=0
for q in "status:assigned" "agency:31.71" "category:jalan-rusak" "overdue" "escalated" \
	"assignee:none status:assigned" "due<2d" "kind:complaint channel:sms" "region:31.*" \
	"age>7d status:in_progress"; do
	i=$((i + 1))
	"$LAPOR" --db "$db" queue save "q$i" $q >/dev/null || exit 1
done

now_ms() { date +%s%3N; }
med() { median | awk '{ printf "%.1f", $1 } END { if (!NR) printf "n/a" }'; }

: >"$W/saved" ; : >"$W/builtin" ; : >"$W/limit" ; : >"$W/search" ; : >"$W/open" ; : >"$W/dash" ; : >"$W/ls"
for r in $(seq "$RUNS"); do
	s0=$(now_ms)
	"$LAPOR" --db "$db" queue ls >/dev/null
	echo $(( $(now_ms) - s0 )) >>"$W/ls"
	trace=$W/trace-$r
	: >"$trace"
	tm new-session -d -x 200 -y 50 "env LANG=C.UTF-8 LAPOR_TRACE_FILE=$trace $LAPOR --db $db"
	wait_trace "$trace" '^[0-9.]* counts$' || break
	awk '$2 == "first-frame" { f = $1 } $2 == "saved-queues" && !s { s = $1 }
		END { printf "%.3f\n", s - f }' "$trace" >>"$W/saved"
	awk '$2 == "saved-queues" && !s { s = $1 } $2 == "counts" && !c { c = $1 }
		END { printf "%.3f\n", c - s }' "$trace" >>"$W/builtin"
	tm send-keys l; sleep 0.5
	tm send-keys -l 'agency:31.71'; tm send-keys Enter
	wait_trace "$trace" '^[0-9.]* limit ' || break
	tm send-keys f; sleep 0.3
	tm send-keys -l 'jalan rusak'; tm send-keys Enter
	wait_trace "$trace" '^[0-9.]* search ' || break
	tm send-keys Enter
	wait_trace "$trace" ' enter ' || break
	tm send-keys q; sleep 0.2; tm send-keys q; sleep 0.2
	tm send-keys d
	wait_trace "$trace" ' dashboard ' || break
	tm send-keys q; sleep 0.2; tm send-keys q; sleep 0.3
	awk '$2 == "limit" { sub("ms", "", $3); print $3 }' "$trace" >>"$W/limit"
	awk '$2 == "search" { sub("ms", "", $3); print $3 }' "$trace" >>"$W/search"
	awk '$2 == "key" && $4 == "enter" { sub("ms", "", $5); print $5 }' "$trace" >>"$W/open"
	awk '$2 == "key" && $4 == "dashboard" { sub("ms", "", $5); print $5 }' "$trace" >>"$W/dash"
	tm kill-server >/dev/null 2>&1
	sleep 0.3
done
[ -n "${BENCH_DEBUG:-}" ] && cat "$W"/trace-* "$W/saved"
echo "== $(basename "$SRC") ($RUNS runs, medians)"
echo "  ten saved-queue counts in the console:   $(med <"$W/saved") ms"
echo "  built-in queue counts (9 queues, admin):  $(med <"$W/builtin") ms"
echo "  lapor queue ls (whole process, ten counts): $(med <"$W/ls") ms"
echo "  limit agency:31.71 (first page + count): $(med <"$W/limit") ms"
echo "  search \"jalan rusak\" (best 200):         $(med <"$W/search") ms"
echo "  open the best hit (with similar cases):  $(med <"$W/open") ms"
echo "  dashboard (d), whole nation:             $(med <"$W/dash") ms"

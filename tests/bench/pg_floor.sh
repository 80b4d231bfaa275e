#!/bin/bash
# tests/bench/pg_floor.sh: what any process pays before lapor asks
# PostgreSQL anything: loading libpq (and the ~20 libraries it needs:
# TLS, Kerberos, LDAP), opening a connection (the server starts a
# backend process for it), and one round trip (SELECT 1); beside the
# whole `lapor ls --limit 1` process and SQLite's.  Medians of RUNS fresh
# processes; prints figures, asserts nothing.
#
# usage: tests/bench/pg_floor.sh URI [SQLITE_DB [RUNS]]
#   URI        a lapor database on PostgreSQL, as an officer
#   SQLITE_DB  a lapor SQLite database for the last line (optional)
#   RUNS       default 9
# env: LAPOR (default build/tui/lapor)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib.sh" # median, now_ns

uri=${1:?usage: tests/bench/pg_floor.sh URI [SQLITE_DB [RUNS]]}
sqlite=${2:-}
runs=${3:-9}
lapor=$(realpath "${LAPOR:-build/tui/lapor}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One fresh process: dlopen, connect, SELECT 1, in ms (ctypes: libpq's
# own calls, timed inside the process).
probe() {
	python3 - "$uri" <<'PY'
import ctypes, sys, time
t0 = time.perf_counter()
pq = ctypes.CDLL("libpq.so.5")
t1 = time.perf_counter()
pq.PQconnectdb.restype = ctypes.c_void_p
pq.PQstatus.argtypes = [ctypes.c_void_p]
pq.PQexec.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
pq.PQexec.restype = ctypes.c_void_p
conn = pq.PQconnectdb(sys.argv[1].encode())
t2 = time.perf_counter()
if pq.PQstatus(conn) != 0:
    sys.exit("cannot connect")
pq.PQexec(conn, b"SELECT 1")
t3 = time.perf_counter()
print("%.3f %.3f %.3f" % ((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3))
PY
}

for ((i = 0; i < runs; i++)); do probe; done >"$work/probe"
whole() {
	local i t0 t1
	"$@" >/dev/null 2>&1 || { echo FAILED; return; }
	for ((i = 0; i < runs; i++)); do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | median | awk '{ printf "%.1f\n", $1 / 1000 }'
}
printf 'medians of %d fresh processes, ms\n' "$runs"
printf '%-44s %6.2f\n' "load libpq.so.5 and its libraries" "$(cut -d' ' -f1 "$work/probe" | median)"
printf '%-44s %6.2f\n' "connect (the server starts a backend)" "$(cut -d' ' -f2 "$work/probe" | median)"
printf '%-44s %6.2f\n' "SELECT 1 (one round trip)" "$(cut -d' ' -f3 "$work/probe" | median)"
printf '%-44s %6s\n' "lapor ls --limit 1, whole process" "$(whole "$lapor" --db "$uri" ls --limit 1)"
printf '%-44s %6s\n' "lapor --version, whole process" "$(whole "$lapor" --version)"
if [ -n "$sqlite" ]; then
	printf '%-44s %6s\n' "lapor ls --limit 1 on SQLite, whole process" \
		"$(whole "$lapor" --db "$sqlite" ls --limit 1)"
fi

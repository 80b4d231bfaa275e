#!/bin/bash
# console.sh: the console (in tmux) with hostile text and the privacy
# matrix.  Every byte lapor writes to the terminal is recorded
# (tmux pipe-pane) and checked: no OSC, DCS, APC, PM or SOS string, no
# RIS or terminal query, no C1 control, no BEL, no bidi control; the
# screen keeps its header and no row overflows.  Then each officer opens
# the three privacy-matrix cases and the reporter's name, phone and
# email must show exactly where privacy.h allows.
# shellcheck source=SCRIPTDIR/../term/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/../term/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
export LAPOR_NOW="2026-11-02T03:00:00Z"
ME=$(id -un)

# start_as COLS ROWS LOGIN: like lib.sh's start, as LOGIN, recording
# the raw output in $T/raw.
start_as() {
	local cols=$1 rows=$2 who=$3
	: >"$T/raw"
	# A fresh tmux server (private socket) for each session.
	tm kill-server >/dev/null 2>&1
	nstart=$((${nstart:-0} + 1))
	# shellcheck disable=SC2034 # read by lib.sh's tm
	SOCK=lapor-hard-$$-$nstart
	tm new-session -d -x "$cols" -y "$rows" \
		"sleep 0.3; env XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME \
		 LAPOR_NOW=$LAPOR_NOW LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 \
		 $LAPOR --db $D --as $who; echo EXITED \$?; sleep 30" || fail "tmux did not start"
	tm pipe-pane -o "cat >>$T/raw"
	wait_for "LAPOR!" 5
}

# raw_safe: the recorded bytes hold only what a curses program sends.
raw_safe() {
	"$PYTHON" - "$T/raw" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
bad = []
for pat, what in [(rb'\x1b[\]P_^X]', 'OSC/DCS/APC/PM/SOS string'),
                  (rb'\x1bc', 'RIS (reset)'), (rb'\x1bZ', 'DECID query'),
                  (rb'\x1b\[[0-9;?>]*[nc]', 'DSR/DA query'), (rb'\x1b\[[0-9;]*t', 'window op'),
                  (rb'\x07', 'BEL'), (rb'\xc2[\x80-\x9f]', 'C1 control'),
                  (rb'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', 'bidi control'),
                  (rb'pwned|cm0gLXJmIH4', 'text of a hostile sequence')]:
    m = re.search(pat, data)
    if m:
        ctx = data[max(0, m.start() - 20):m.end() + 20]
        bad.append('%s at byte %d: %r' % (what, m.start(), ctx))
if len(data) < 500:
    bad.append('only %d bytes recorded' % len(data))
if bad:
    sys.exit('\n'.join(bad))
PY
}

"$LAPOR" --db "$D" init >/dev/null || fail "init failed"
officer() { "$LAPOR" --db "$D" officer add "$1" --name "$2" --agency "$3" --role "$4" >/dev/null; }
officer coord31 "Rina Coordinator" 31 coordinator || fail "officer add"
officer clerk3171 "Budi Clerk" 31.71 clerk || fail "officer add"
officer aud31 "Tono Auditor" 31 auditor || fail "officer add"
officer sup3273 "Yusuf Supervisor" 32.73 supervisor || fail "officer add"

# 1. Hostile text.
"$PYTHON" "$HERE/hostile_corpus.py" "$T/h.jsonl" || fail "corpus"
"$LAPOR" --db "$D" import "$T/h.jsonl" >/dev/null || fail "import failed"
n=$(grep -c . "$T/h.jsonl")
for ((i = 1; i <= n; i++)); do
	"$LAPOR" --db "$D" --as coord31 verify "$i" --agency 31.71 >/dev/null || fail "verify $i"
done
"$LAPOR" --db "$D" --as clerk3171 reply 2 -m $'balasan \e]52;c;cm0gLXJmIH4=\a \e]0;pwned\a' \
	>/dev/null || fail "reply"
start_as 100 30 "$ME"
# layout ROWS: the title bar on the first row, the F-key bar on the last.
layout() {
	screen | sed -n 1p | grep -q '^LAPOR!  ' || return 1
	screen | sed -n "${1}p" | grep -q '^F1Help F2Reply' || return 1
}
for ((i = 1; i <= n; i++)); do
	open_case "$i"
	wait_for "host$i" 5
	fits 100 || fail "case $i: a row is wider than the terminal"
	layout 30 || fail "case $i: the title or F-key bar moved"
	keys End
	keys q
	wait_gone "Case $i" 5
done
keys G
fits 100 || fail "the list: a row is wider than the terminal"
layout 30 || fail "the list: the title or F-key bar moved"
quit_console
raw_safe || fail "the console wrote a sequence that came from a case"
echo "ok - hostile text: $(stat -c %s "$T/raw") bytes of console output are safe"

# 2. The privacy matrix in the case view (cases n+1..n+3).
levels=(public anonymous secret)
names=("Publika Terbuka" "Anonima Tersembunyi" "Sekreta Rahasiawati")
phones=(081111000001 082222000002 083333000003)
for i in 0 1 2; do
	"$PYTHON" -c 'import json, sys
p, n, ph = sys.argv[1:]
print(json.dumps({"tracking_id": "MTX-" + p, "kind": "complaint", "channel": "web",
  "submitted_at": "2026-11-01T10:00:00+07:00", "title": "Matriks " + p, "body": "Isi " + p,
  "category": "jalan", "region": "31.71", "privacy": p,
  "reporter": {"name": n, "phone": ph, "email": p + "@warga.example"}}))' \
		"${levels[$i]}" "${names[$i]}" "${phones[$i]}"
done >"$T/m.jsonl"
"$LAPOR" --db "$D" import "$T/m.jsonl" >/dev/null || fail "import matrix"
for i in 1 2 3; do
	"$LAPOR" --db "$D" --as coord31 verify $((n + i)) --agency 31.71 >/dev/null || fail "verify"
done
# may_see WHO LEVEL (privacy.h): 0 shown, 1 hidden.
may_see() {
	case $1 in "$ME") return 0 ;; sup3273) return 1 ;; esac
	case $2 in public) return 0 ;; anonymous) return 1 ;; secret) [ "$1" = clerk3171 ] ;; esac
}
checked=0
for who in "$ME" coord31 clerk3171 aud31 sup3273; do
	start_as 100 40 "$who"
	for i in 0 1 2; do
		id=$((n + 1 + i))
		keys o
		type_text "$id"
		keys Enter
		sleep 0.8
		s=$(screen)
		for v in "${names[$i]}" "${phones[$i]}" "${levels[$i]}@warga.example"; do
			if may_see "$who" "${levels[$i]}"; then
				grep -qF -- "$v" <<<"$s" || fail "$who does not see $v in case $id"
			elif grep -qF -- "$v" <<<"$s" || grep -qF -- "$v" "$T/raw"; then
				fail "LEAK: $who sees $v (${levels[$i]}) in the case view"
			fi
			checked=$((checked + 1))
		done
		screen | grep -qF "Case $id" && keys q
		sleep 0.2
	done
	quit_console
done
[ "$checked" -eq 45 ] || fail "checked $checked values, expected 45"
echo "ok - privacy matrix in the console's case view ($checked checks)"

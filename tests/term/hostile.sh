#!/bin/bash
# A case whose text holds escape sequences, bidi overrides and wide
# characters: the console shows no raw sequence (NO_COLOR, so any colour
# in capture-pane -e came from the case) and the columns stay aligned.
. "$(dirname "$0")/lib.sh"

demo 50
"$PYTHON" - "$T/hostile.jsonl" <<'PY'
import json, sys
title = "\x1b[31mMERAH\x1b[0m \x1b]0;pwned\x07 \u202eterbalik\u202c 漢字テスト jalan rusak parah sekali di sini"
body = "Isi \x1b[2J\x1b[H dengan \x1b[41mlatar\x1b[0m dan \x9b31m C1 dan 中文字符 panjang"
rec = {"tracking_id": "HOSTILE-1", "kind": "complaint", "channel": "web",
       "submitted_at": "2026-11-20T08:00:00+07:00", "title": title, "body": body,
       "category": "jalan", "region": "31.71", "privacy": "public",
       "reporter": {"name": "Uji \x1b[5mKedip", "phone": "0812", "email": "u@example.id"}}
open(sys.argv[1], "w").write(json.dumps(rec) + "\n")
PY
"$LAPOR" --db "$D" import "$T/hostile.jsonl" >/dev/null || fail "import failed"
id=$("$LAPOR" --db "$D" ls --json --limit 1000 |
	"$PYTHON" -c "import json,sys; print([c['id'] for c in json.load(sys.stdin) if c['tracking_id']=='HOSTILE-1'][0])")
start 80 24 NO_COLOR=1
open_case "$id"
wait_for "漢字テスト"
cap=$(tm capture-pane -p -e)
printf '%s' "$cap" | grep -qF "pwned" && fail "an OSC title sequence got through"
printf '%s' "$cap" | grep -qF "[31m" && fail "a colour sequence shows as text"
printf '%s' "$cap" | "$PYTHON" -c '
import re, sys
s = sys.stdin.read()
seqs = re.findall(r"\x1b\[[0-9;]*m", s)
bad = [q for q in seqs if re.search(r"(^|;)(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|m)", q[2:])]
other = re.findall(r"\x1b(?!\[[0-9;]*m)", s)
if bad or other or "\u202e" in s or "\x9b" in s:
    print("unexpected:", bad[:5], len(other)); sys.exit(1)' || fail "capture-pane -e holds a foreign sequence"
keys q
# The list row: the columns after the title still line up.
keys o
type_text "$id"
keys Escape
keys G
fits 80 || fail "a line is wider than the terminal"
quit_console
echo "ok: hostile text is drawn safely"

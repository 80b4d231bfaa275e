#!/bin/bash
# Saved queues in the sidebar (200x50): personal and agency-wide ones
# follow the built-in queues, each count equal to `lapor queue ls`'s;
# opening one lists exactly its cases; a queue saved by another process
# and a case changed meanwhile show up without a key press.
. "$(dirname "$0")/lib.sh"

demo 300
me=$("$LAPOR" --db "$D" officer ls --json |
	"$PYTHON" -c "import json,sys,os; print([o['agency'] for o in json.load(sys.stdin) if o['login']=='$(id -un)'][0])")
"$LAPOR" --db "$D" queue save kes category:kesehatan >/dev/null || fail "queue save"
"$LAPOR" --db "$D" queue save ditugaskan status:assigned --agency "$me" >/dev/null ||
	fail "agency-wide queue save"
count_of() {
	"$LAPOR" --db "$D" queue ls --json |
		"$PYTHON" -c "import json,sys; print([q['count'] for q in json.load(sys.stdin) if q['name']=='$1'][0])"
}
kes=$(count_of kes)
asg=$(count_of ditugaskan)
[ "$kes" -gt 0 ] && [ "$kes" -le 45 ] || fail "fixture: kes has $kes cases"
start 200 50
wait_for "Saved queues"
screen | grep -E "^  kes +$kes │" >/dev/null || fail "sidebar count of kes is not $kes"
screen | grep -E "^  ditugaskan \($me\) +$asg │" >/dev/null ||
	fail "sidebar count of the agency queue is not $asg"

# Open kes (the personal queue comes first): its cases, and only those.
keys Tab
keys G k Enter
wait_for "kes ($kes)"
want=$("$LAPOR" --db "$D" ls --json --limit 1000 category:kesehatan |
	"$PYTHON" -c "import json,sys; print(' '.join(sorted(str(c['id']) for c in json.load(sys.stdin))))")
got=$(screen | "$PYTHON" -c '
import sys
seen = False
out = []
for l in sys.stdin.read().split("\n"):
    w = [x for x in l.split("\u2502", 1)[-1].split() if x.strip("*^")]
    if seen and w and w[0].isdigit():
        out.append(w[0])
    if "No." in w and "Title" in w:
        seen = True
print(" ".join(sorted(out)))')
[ "$got" = "$want" ] || fail "queue kes shows [$got], expected [$want]"

# Live: another process saves a queue and closes a kesehatan case.
"$LAPOR" --db "$D" queue save baru status:new >/dev/null || fail "queue save baru"
wait_for "  baru " 3
screen | grep -E "^  baru +$(count_of baru) │" >/dev/null || fail "new queue's count is wrong"
id=$("$LAPOR" --db "$D" ls --json --limit 1 category:kesehatan status:in_progress |
	"$PYTHON" -c "import json,sys; d=json.load(sys.stdin); print(d[0]['id'] if d else '')")
if [ -n "$id" ]; then
	"$LAPOR" --db "$D" --as "$(field "$id" "d['assignee']")" note "$id" -m "catatan" >/dev/null ||
		fail "note failed"
	"$LAPOR" --db "$D" queue save kes 'category:kesehatan -id:'"$id" >/dev/null || fail "resave"
	wait_for "kes ($((kes - 1)))" 3
fi
quit_console

# 80x24: no sidebar; Tab shows the queue list, saved queues counted then.
tm kill-server
sleep 0.5
start 80 24
keys Tab
wait_for "Saved queues"
kes=$(count_of kes)
screen | grep -E "^  kes +$kes\$" >/dev/null || fail "narrow queue list: kes is not $kes"
screen | grep -E "^> To verify +[0-9]+\$" >/dev/null || fail "the selected queue lost its count"
keys q
quit_console
echo "ok: saved queues (kes $kes, agency-wide $asg)"

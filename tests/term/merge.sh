#!/bin/bash
# Duplicate suggestions (80x24): the case view lists similar open cases
# (number, score, agency, title); M offers them first, and after the
# confirmation the case is archived with merged_into set, through lp_act.
. "$(dirname "$0")/lib.sh"

demo 300
start 80 24
cands=$("$LAPOR" --db "$D" search --json --limit 50 jalan rusak |
	"$PYTHON" -c "
import json,sys
print(' '.join(str(h['id']) for h in json.load(sys.stdin)
      if h['status'] in ('new','postponed','assigned','in_progress','responded')))")
id= sid=
for c in $cands; do
	open_case "$c"
	if screen | grep -qF "Similar open cases"; then
		id=$c
		sid=$(screen | "$PYTHON" -c '
import sys
lines = sys.stdin.read().split("\n")
for i, l in enumerate(lines):
    if "Score" in l and "No." in l:
        print(lines[i + 1].split()[0]); break')
		break
	fi
	keys q
done
[ -n "$id" ] || fail "no case among [$cands] has suggestions"
[ "$sid" -gt 0 ] 2>/dev/null || fail "could not read the first suggestion"
[ "$sid" != "$id" ] || fail "a case is suggested as its own duplicate"
keys M
wait_for "into which similar case?"
screen | grep -qF "Another case: type its number" || fail "picker lacks the free choice"
keys Enter
wait_for "as a duplicate of case $sid"
keys y
wait_for "merge done"
[ "$(field "$id" "d['status']")" = archived ] || fail "case $id is not archived"
[ "$(field "$id" "d['merged_into']")" = "$sid" ] || fail "case $id not merged into $sid"
quit_console
echo "ok: merge $id into suggested $sid"

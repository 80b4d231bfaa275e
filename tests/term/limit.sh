#!/bin/bash
# 'l' (limit) at 80x24: the To-verify list narrowed by a query shows
# exactly the cases `lapor ls` gives for the queue's filter AND the query,
# the header names the limit and its count; a bad query shows the
# parser's message with a caret under the bad column and keeps the list;
# an empty line clears the limit; the prompt keeps its own history.
. "$(dirname "$0")/lib.sh"

demo 300
start 80 24
wait_for "To verify ("

# ids_on_screen: the case numbers of the list, top to bottom.
ids_on_screen() {
	screen | "$PYTHON" -c '
import sys
seen = False
for l in sys.stdin.read().split("\n"):
    w = [x for x in l.split() if x.strip("*^")]  # tag and escalation marks
    if seen and w and w[0].isdigit():
        print(w[0])
    if "No." in w and "Title" in w:
        seen = True' | sort -n | tr '\n' ' '
}
want=$("$LAPOR" --db "$D" ls --json --limit 1000 status:new,postponed agency:31.71 |
	"$PYTHON" -c "import json,sys; print(' '.join(sorted((str(c['id']) for c in json.load(sys.stdin)), key=int)))")
n=$(echo $want | wc -w)
[ "$n" -ge 2 ] && [ "$n" -le 19 ] || fail "the fixture gives $n cases; the test needs 2..19"
keys l
wait_line 24 "limit:"
type_text "agency:31.71"
keys Enter
wait_for "limit: agency:31.71 ($n)"
got=$(ids_on_screen)
[ "$got" = "$want " ] || fail "limited list shows [$got], expected [$want ]"

# A bad query: the message, a caret under column 21 ("bogus"), the list kept.
keys l
wait_line 24 "limit:"
type_text "agency:31.71 status:bogus"
keys Enter
wait_for 'column 21: unknown status "bogus"'
line=$(screen | grep -F "limit: agency:31.71 status:bogus")
caret=$(screen | grep -F 'column 21: unknown status')
[ "${line:27:5}" = "bogus" ] || fail "echo line is [$line]"
[ "${caret:27:1}" = "^" ] || fail "caret is not under column 21: [$caret]"
[ "$(ids_on_screen)" = "$want " ] || fail "a bad query changed the list"
screen | head -1 | grep -qF "limit: agency:31.71 ($n)" || fail "a bad query dropped the limit"

# The limit's own history: Up recalls the last query.
keys l
wait_line 24 "limit:"
keys Up
wait_for "limit: agency:31.71 status:bogus"
keys C-u
keys Enter
wait_for "Limit cleared."
screen | head -1 | grep -qF "limit:" && fail "the header still shows a limit"
[ "$(ids_on_screen)" = "$want " ] && fail "the list is still limited"
grep -qF "agency:31.71" "$XDG_STATE_HOME/lapor/limit-history" || fail "no limit history file"
quit_console
echo "ok: limit ($n cases, caret, clear, history)"

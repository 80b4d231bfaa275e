#!/bin/bash
# Tag three cases in the list and close them at once (; C): one summary
# of successes and refusals, each case through lp_act.
. "$(dirname "$0")/lib.sh"

demo 300
start 200 50
keys Tab
wait_for "Queues"
keys G Enter
wait_for "All open cases ("
# Three rows from the top of the list: read their numbers off the screen.
ids=$(screen | "$PYTHON" -c '
import sys
seen = False
out = []
for l in sys.stdin.read().split("\n"):
    main = l.split("\u2502", 1)[-1].split()
    if seen and main and main[0].isdigit() and len(out) < 3:
        out.append(main[0])
    if "No." in main and "Age" in main:
        seen = True
print("\n".join(out))')
[ "$(echo "$ids" | wc -l)" = 3 ] || fail "could not read three case numbers: $ids"
keys t t t
wait_for "3 tagged"
want_ok=0
for id in $ids; do
	case $(field "$id" "d['status']") in
	in_progress|responded) want_ok=$((want_ok + 1)) ;;
	esac
done
tm send-keys '\;'; sleep 0.2
wait_for "tag-prefix"
keys C
wait_for "resolution?"
keys Enter
wait_for "Closing words"
type_text "Ditutup bersama"
keys Enter
wait_for "3 tagged cases"
keys y
sleep 1
if [ $((3 - want_ok)) -ge 2 ]; then
	# Two or more refusals: a report lists each reason first.
	wait_for "done, $((3 - want_ok)) refused"
	keys q
fi
wait_for "close on 3 tagged cases: $want_ok done, $((3 - want_ok)) refused"
closed=0
for id in $ids; do
	[ "$(field "$id" "d['status']")" = closed ] && closed=$((closed + 1))
done
[ $closed = $want_ok ] || fail "closed $closed cases, expected $want_ok"
quit_console
echo "ok: tagged close ($want_ok of 3 allowed)"

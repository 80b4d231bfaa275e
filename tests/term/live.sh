#!/bin/bash
# Another officer replies (a second lapor process) while the console shows
# the case: the reply appears within 2 seconds without a key press.
. "$(dirname "$0")/lib.sh"

demo 300
set -- $(first_cases 1 --status in_progress)
id=$1
who=$(field "$id" "d['assignee']")
start 80 24
open_case "$id"
keys G
"$LAPOR" --db "$D" --as "$who" reply "$id" -m "Balasan petugas lain $$" >/dev/null ||
	fail "the other officer's reply failed"
wait_for "Balasan petugas lain $$" 2
wait_for "changed by another officer" 1
# Acting on a version that is no longer current: core refuses and says why.
keys :
sleep 0.3
type_text "note $id --if-version 1 -m basi"
keys Enter
wait_for "changed since" 3
quit_console
echo "ok: live update"

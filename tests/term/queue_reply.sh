#!/bin/bash
# Open a queue, open a case, reply through a scripted $EDITOR, escalate,
# transfer with the agency picker (type-ahead), close: the screen and
# then the database (lapor show --json) must agree.
. "$(dirname "$0")/lib.sh"

demo 300
cat >"$T/editor.sh" <<'SH'
#!/bin/sh
printf 'Balasan uji otomatis: laporan sudah kami tindak lanjuti.\n' > "$1"
SH
chmod +x "$T/editor.sh"
start 80 24 EDITOR="$T/editor.sh"

# A queue: Tab shows the queue list on a narrow screen; G Enter opens the last.
keys Tab
wait_for "Queues"
keys G Enter
wait_for "All open cases ("
keys Enter
wait_for "Escalation"
keys q
wait_for "All open cases ("

set -- $(first_cases 2 --status in_progress)
A=$1 B=$2
[ -n "$A" ] && [ -n "$B" ] || fail "no in_progress cases in the demo"

# Reply to A through $EDITOR, confirm, send.
open_case "$A"
keys R
wait_for "Start the reply from"
keys Enter
wait_for "Balasan uji otomatis"
wait_for "y: send"
keys y
wait_for "Case $A: reply done"
[ "$(field "$A" "d['status']")" = responded ] || fail "case $A is not responded"
field "$A" "d['events'][-1]['text']" | grep -qF "Balasan uji otomatis" || fail "reply text not stored"
field "$A" "d['events'][-1]['visibility']" | grep -qx public || fail "reply is not public"

# Escalate A (asks a reason and a confirmation).
level=$(field "$A" "d['escalation']")
keys E
wait_for "Reason for escalating"
type_text "Melewati batas waktu"
keys Enter
wait_for "[y/N]"
keys y
wait_for "Case $A: escalate done"
[ "$(field "$A" "d['escalation']")" = $((level + 1)) ] || fail "escalation level not raised"

# Close A: resolution picker, optional words, confirmation.
keys C
wait_for "resolution?"
keys Enter
wait_for "Closing words"
keys Enter
wait_for "[y/N]"
keys y
wait_for "Case $A: close done"
[ "$(field "$A" "d['status']")" = closed ] || fail "case $A is not closed"
keys q

# Transfer B with the agency picker: type-ahead narrows 600+ agencies.
target=35.78 name="Kota Surabaya"
[ "$(field "$B" "d['agency']")" = 35.78 ] && target=32.73 name="Kota Bandung"
open_case "$B"
keys T
wait_for "To another agency"
keys Enter
wait_for "Type to filter"
type_text "$name"
wait_for "$target "
screen | grep -F "Type to filter" | grep -qE "\(([1-9]|1[0-9])/[0-9]{3}\)" ||
	fail "type-ahead did not narrow the list"
keys Enter
wait_for "Reason for the transfer"
type_text "Bukan wilayah kami"
keys Enter
wait_for "[y/N]"
keys y
wait_for "Case $B: transfer done"
[ "$(field "$B" "d['agency']")" = "$target" ] || fail "case $B not at $target"
[ "$(field "$B" "d['status']")" = assigned ] || fail "case $B not assigned after transfer"

quit_console
echo "ok: queue, case, reply, escalate, close, transfer"

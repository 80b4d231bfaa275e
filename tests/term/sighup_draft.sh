#!/bin/bash
# The built-in editor saves the draft as it goes: killing the pane
# (SIGHUP) mid-composition loses nothing, and reopening the case offers
# the draft.
. "$(dirname "$0")/lib.sh"

demo 300
set -- $(first_cases 1 --status in_progress)
id=$1
start 80 24
open_case "$id"
keys R
wait_for "Start the reply from"
keys Enter
wait_for "Ctrl-D or F2"
type_text "Draf yang tidak boleh hilang ✓"
sleep 2
tm kill-server
sleep 0.5
"$PYTHON" - "$D" "$id" <<'PY' || fail "no draft in the database"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("select text from draft where case_id = ?", (int(sys.argv[2]),)).fetchall()
sys.exit(0 if rows and "Draf yang tidak boleh hilang ✓" in rows[0][0] else 1)
PY
ps -eo args | grep -F -- "--db $D" | grep -v -e grep -e "sleep" -e "env " | grep -q lapor &&
	fail "lapor still runs after SIGHUP"
start 80 24
open_case "$id"
wait_for "A draft reply is saved"
keys R
wait_for "Continue the saved draft"
keys y
wait_for "Draf yang tidak boleh hilang ✓"
keys Escape
wait_for "draft is kept"
quit_console
echo "ok: draft survives SIGHUP"

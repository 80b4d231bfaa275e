#!/bin/bash
# The console redraws on resize: 80x24 (no sidebar, fewer columns) to
# 200x50 (queue sidebar, every column) and back.
. "$(dirname "$0")/lib.sh"

demo 300
start 80 24
wait_for "F1Help"
screen | grep -qF "Category" && fail "80 columns should not show the category column"
screen | grep -qF "Queues" && fail "80 columns should not show the sidebar"
tm resize-window -x 200 -y 50
wait_line 2 "Queues" 3
wait_line 2 "Category" 3
wait_line 1 "LAPOR!" 3
wait_line 50 "F1Help" 3
screen | sed -n 3p | grep -q "│" || fail "no sidebar border at 200 columns"
tm resize-window -x 80 -y 24
wait_line 24 "F1Help" 3
wait_line 1 "LAPOR!" 3
wait_gone "Category" 3
screen | grep -qF "│" && fail "the sidebar stayed after shrinking to 80 columns"
fits 80 || fail "a line is wider than 80 columns"
quit_console
echo "ok: resize"

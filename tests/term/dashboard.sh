#!/bin/bash
# The supervisor dashboard: d at 80x24 shows the numbers of
# `lapor dashboard --json` (totals, on-time rate, the first agency and
# officer rows, every day's received and closed counts, hot issues),
# fits the width and scrolls; a change by another process shows without
# a key press; :dashboard at 200x50 sets the tables side by side; without
# a UTF-8 locale the bars are '#'.
. "$(dirname "$0")/lib.sh"

demo 300
dash() {
	"$LAPOR" --db "$D" dashboard --json | "$PYTHON" -c "import json,sys; d=json.load(sys.stdin); $1"
}
start 80 24
keys d
wait_for "Dashboard of"
total=$(dash 'print("Open %d   due within 24h %d   overdue %d" % (d["total"]["open"],
	d["total"]["due_soon"], d["total"]["overdue"]))')
wait_for "$total"
rate=$(dash 'print("%.1f%% of %d answers" % (100.0 * d["on_time"]["on_time"] / d["on_time"]["measured"],
	d["on_time"]["measured"]) if d["on_time"]["measured"] else "nothing measured yet")')
screen | grep -qF "$rate" || fail "on-time rate is not [$rate]"
row_re() { # KEY OPEN SOON OVERDUE as a table row
	dash "r = d['$1'][0]; print('^%s .* +%d +%d +%d *\$' % (r['$2'], r['open'], r['due_soon'], r['overdue']))"
}
screen | grep -qE "$(row_re by_agency agency)" || fail "first agency row differs from --json"
fits 80 || fail "the dashboard is wider than 80 columns"
# Scroll: officers, then every day and the hot issues further down.
keys G
wait_for "Hot issues"
days=$(dash 'print("\n".join("%s R .* %d  C .* %d$" % (x["date"][5:], x["received"], x["closed"])
	for x in d["days"][-8:]))')
while read -r re; do
	screen | grep -qE "$re" || fail "day line /$re/ not on the screen"
done <<<"$days"
screen | grep -qF "█" || fail "no block-character bars in a UTF-8 locale"
keys g
re=$(row_re by_officer login)
for i in $(seq 1 30); do
	screen | grep -qE "$re" && break
	keys j
done
screen | grep -qE "$re" || fail "first officer row differs from --json"
keys g
# Live: another process archives a new case; the open count follows.
id=$("$LAPOR" --db "$D" ls --json --limit 1 status:new | "$PYTHON" -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
"$LAPOR" --db "$D" archive "$id" --reason spam >/dev/null || fail "archive failed"
total=$(dash 'print("Open %d   due within 24h %d" % (d["total"]["open"], d["total"]["due_soon"]))')
wait_for "$total" 3
keys q
wait_for "To verify ("
quit_console

# 200x50 in the C locale, through the command line.
tm kill-server
sleep 0.5
tm new-session -d -x 200 -y 50 \
	"env XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME LANG=C LC_ALL=C \
	 $LAPOR --db $D; echo EXITED \$?; sleep 30" || fail "tmux did not start"
wait_for "LAPOR!" 5
keys :
sleep 0.3
type_text "dashboard"
keys Enter
wait_for "Dashboard of"
screen | grep -E "By agency .*By officer" >/dev/null || fail "tables not side by side at 200 columns"
screen | grep -qE "R #+ " || fail "no ASCII bars in the C locale"
screen | grep -q "█" && fail "block characters in the C locale"
fits 200 || fail "wider than 200 columns"
quit_console
echo "ok: dashboard (80x24 and 200x50, live, ASCII)"

#!/bin/bash
# Full-text search from the console (80x24): f lists the ranked hits that
# `lapor search` gives, in its order; Enter opens a case with the words
# highlighted: the "match" colour, and underline without colours
# (NO_COLOR).  :search does the same from the command line.
. "$(dirname "$0")/lib.sh"

demo 300
want=$("$LAPOR" --db "$D" search --json --limit 200 jalan rusak |
	"$PYTHON" -c "import json,sys; print(' '.join(str(h['id']) for h in json.load(sys.stdin)))")
n=$(echo $want | wc -w)
[ "$n" -ge 2 ] || fail "fixture: only $n hits for jalan rusak"
first=${want%% *}
start 80 24 NO_COLOR=1
keys f
wait_for "Search every case for:"
type_text "jalan rusak"
keys Enter
wait_for "$n best matches for \"jalan rusak\""
shown=$(screen | "$PYTHON" -c '
import sys
for l in sys.stdin.read().split("\n")[2:]:
    w = l.split()
    if w and w[0].isdigit():
        print(w[0])' | tr '\n' ' ')
# The hits on the first screen, in rank order (two lines each).
k=$(echo $shown | wc -w)
[ "$k" -ge 2 ] || fail "fewer than two hits on the screen: [$shown]"
[ "$shown" = "$(echo $want | cut -d' ' -f1-$k) " ] || fail "hits [$shown] vs lapor search [$want]"
keys Enter
wait_for "Case $first"
# Highlighted: underlined (NO_COLOR fallback of "match") wherever the words are.
tm capture-pane -p -e | grep -qP '\e\[4m(Jalan|jalan|rusak)' ||
	fail "no underlined match in the case view"
tm capture-pane -p -e | grep -P '\e\[4m' | grep -qvP '\e\[4m(Jalan|jalan|rusak|JALAN|RUSAK)' &&
	fail "something else than the words is underlined"
keys q
wait_for "best matches for"
keys q
wait_for "To verify ("
# :search from the command line, then q back to the list.
keys :
sleep 0.3
type_text "search jalan rusak"
keys Enter
wait_for "$n best matches for \"jalan rusak\""
keys q
wait_for "To verify ("
quit_console
echo "ok: search ($n hits, highlight)"

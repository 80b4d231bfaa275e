# lib.sh: shared helpers for the console's terminal tests (sourced).
# Each test starts the real lapor in tmux on a private socket, drives it
# with send-keys and checks the screen and then the database.
set -u

LAPOR=${LAPOR:?set LAPOR to the built lapor binary}
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
# The Python to run: meson gives the one it runs under (a python3 first in
# PATH may be a slow wrapper, such as a pyenv shim).
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
	echo "SKIP: $PYTHON is needed to read --json output"
	exit 77
fi

# Under AddressSanitizer: a known leak inside libedit is suppressed.
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

T=$(mktemp -d /tmp/lapor-term.XXXXXX)
SOCK=lapor-test-$$
D=$T/lapor.db
export XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state LANG=C.UTF-8 LC_ALL=C.UTF-8
unset VISUAL EDITOR NO_COLOR LAPOR_DB
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	tm capture-pane -p 2>/dev/null
	exit 1
}

# demo [N]: a demo database with N cases; the Unix login is made admin.
demo() {
	"$LAPOR" --db "$D" demo --cases "${1:-300}" --seed 1 >/dev/null || fail "demo failed"
}

# start COLS ROWS [VAR=value...]: the console in a fresh tmux session.
start() {
	local cols=$1 rows=$2
	shift 2
	tm new-session -d -x "$cols" -y "$rows" \
		"env $* XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME \
		 LANG=C.UTF-8 LC_ALL=C.UTF-8 $LAPOR --db $D; echo EXITED \$?; sleep 30" ||
		fail "tmux did not start"
	wait_for "LAPOR!" 5
}

screen() { tm capture-pane -p; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() {
	local text=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 10)) ]; do
		screen | grep -qF -- "$text" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "waited ${limit}s for: $text"
}

# wait_gone TEXT [SECONDS]
wait_gone() {
	local text=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 10)) ]; do
		screen | grep -qF -- "$text" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "waited ${limit}s for this to go: $text"
}

# wait_line N TEXT [SECONDS]: until row N (1-based) of the screen holds TEXT.
wait_line() {
	local n=$1 text=$2 limit=${3:-5} i=0
	while [ "$i" -lt $((limit * 10)) ]; do
		screen | sed -n "${n}p" | grep -qF -- "$text" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "waited ${limit}s for row $n to show: $text"
}

# fits COLS: no row of the screen is wider than COLS terminal columns.
fits() {
	screen | "$PYTHON" -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for l in sys.stdin.read().split("\n"):
    if width(l) > int(sys.argv[1]):
        print("too wide:", l); sys.exit(1)' "$1"
}

keys() { tm send-keys "$@"; sleep 0.2; }
type_text() { tm send-keys -l "$1"; sleep 0.2; }

# field ID EXPR: a value from `lapor show ID --json` (python expression on d).
field() {
	"$LAPOR" --db "$D" show "$1" --json |
		"$PYTHON" -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

# first_case QUERY-OPTIONS...: the id of the first case `lapor ls` gives.
first_cases() {
	local n=$1
	shift
	"$LAPOR" --db "$D" ls "$@" --limit "$n" --json |
		"$PYTHON" -c "import json,sys; print(' '.join(str(c['id']) for c in json.load(sys.stdin)))"
}

# open_case ID: the goto prompt.
open_case() {
	keys o
	type_text "$1"
	keys Enter
	wait_for "Case $1" 5
}

quit_console() {
	keys q
	keys q
	keys q
	wait_for "EXITED 0" 5
}

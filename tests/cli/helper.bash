# helper.bash: shared setup for the CLI tests.  Each test gets its own
# database in $BATS_TEST_TMPDIR; LAPOR names the built program.

: "${LAPOR:?LAPOR must name the built lapor program}"
: "${SRCDIR:=$(cd "$(dirname "$BATS_TEST_FILENAME")/../.." && pwd)}"
# The Python to run: meson gives the one it runs under (a python3 first in
# PATH may be a slow wrapper, such as a pyenv shim).
: "${PYTHON:=python3}"

setup() {
	export LAPOR_DB="$BATS_TEST_TMPDIR/lapor.db"
	# A fixed clock (a Monday in WIB working hours) makes times and
	# deadlines repeatable.
	export LAPOR_NOW="2026-11-02T03:00:00Z"
	export LC_ALL=C.UTF-8
	# No lapor.conf of the user running the tests (it may name a database).
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
	unset XDG_DATA_HOME LAPOR_BUSY_TIMEOUT NO_COLOR
}

# Directories a test makes outside $BATS_TEST_TMPDIR (for setpriv, which
# needs a path other users can reach): removed even when the test fails.
scratch_dir() {
	SCRATCH=$(mktemp -d "/tmp/lapor-$1.XXXXXX")
}

teardown() {
	if [ -n "${SCRATCH:-}" ]; then
		rm -rf "$SCRATCH"
	fi
}

# refute_in FILE [GREP-OPTIONS...] PATTERN: fails, printing the lines
# found, when FILE has PATTERN.  (A bare `! grep` fails a test only as
# its last command: set -e ignores a negated command.)
refute_in() {
	local f=$1
	shift
	if grep "$@" -- "$f"; then
		echo "refute_in: found in $f: $*" >&2
		return 1
	fi
}

# The Unix login running the tests (the officer `lapor init` registers).
me() { id -un; }

# A report as one JSON line: report TID REGION PRIVACY TITLE BODY [PHONE]
report() {
	local tid=$1 region=$2 privacy=$3 title=$4 body=$5 phone=${6:-081200000000}
	jq -cn --arg tid "$tid" --arg region "$region" --arg privacy "$privacy" \
		--arg title "$title" --arg body "$body" --arg phone "$phone" \
		'{tracking_id: $tid, kind: "complaint", channel: "web",
		  submitted_at: "2026-11-01T10:00:00+07:00", title: $title, body: $body,
		  category: "jalan", region: $region, privacy: $privacy,
		  reporter: {name: "Siti Rahma", phone: $phone, email: "siti@example.id"}}'
}

# A citizen's follow-up message: message TID BODY
message() {
	jq -cn --arg tid "$1" --arg body "$2" \
		'{type: "message", tracking_id: $tid, submitted_at: "2026-11-02T08:00:00+07:00",
		  body: $body}'
}

# A database with the creator as admin and officers at DKI Jakarta
# (31), Kota Jakarta Pusat (31.71) and Kota Bandung (32.73), in $LAPOR_DB.
# Made once per bats file: the first call runs lapor (init and seven
# officer adds) and keeps the database in $BATS_FILE_TMPDIR/make_db.db;
# later calls copy that into $LAPOR_DB, so each test still starts from a
# fresh database of its own.  Those commands write nothing but the
# database, the same bytes whatever the clock (LAPOR_NOW): they depend on
# the login running the tests only, the same for the whole file.  Not for
# a PostgreSQL URI or connection string (lapor's test: "://" or "="),
# nor a file whose directory does not exist yet (init makes it): lapor
# makes those every time.
make_db() {
	local cache=
	if [ -n "${BATS_FILE_TMPDIR:-}" ] && [ -n "${LAPOR_DB:-}" ] &&
		[[ $LAPOR_DB != *://* && $LAPOR_DB != *=* ]] && [ -d "${LAPOR_DB%/*}" ]; then
		cache=$BATS_FILE_TMPDIR/make_db.db
		if [ -f "$cache" ]; then
			cp "$cache" "$LAPOR_DB"
			return
		fi
	fi
	"$LAPOR" init >/dev/null
	"$LAPOR" officer add coord31 --name "Rina Coordinator" --agency 31 --role coordinator
	"$LAPOR" officer add sup3171 --name "Agus Supervisor" --agency 31.71 --role supervisor
	"$LAPOR" officer add clerk3171 --name "Budi Clerk" --agency 31.71 --role clerk
	"$LAPOR" officer add clerk3171b --name "Dewi Clerk" --agency 31.71 --role clerk
	"$LAPOR" officer add sup3273 --name "Yusuf Supervisor" --agency 32.73 --role supervisor
	"$LAPOR" officer add clerk3273 --name "Sari Clerk" --agency 32.73 --role clerk
	"$LAPOR" officer add aud31 --name "Tono Auditor" --agency 31 --role auditor || return
	if [ -n "$cache" ]; then
		# One file for the copies (any WAL content checkpointed into it),
		# renamed into place whole (for tests run in parallel, bats -j).
		sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
		cp "$LAPOR_DB" "$cache.$BASHPID"
		mv "$cache.$BASHPID" "$cache"
	fi
}

# Imports N public reports at Kota Jakarta Pusat (cases 1..N).
import_reports() {
	local n=$1 i f="$BATS_TEST_TMPDIR/reports.jsonl"
	: >"$f"
	for ((i = 1; i <= n; i++)); do
		report "WEB-$i" 31.71 public "Jalan rusak nomor $i" "Jalan berlubang di RT $i." >>"$f"
	done
	"$LAPOR" import "$f" >/dev/null
}

# A field of `lapor show ID --json`: case_field ID FIELD [--as LOGIN]
case_field() {
	local id=$1 field=$2
	shift 2
	"$LAPOR" "$@" show "$id" --json | jq -r ".$field"
}

# The sha256 of the database after a checkpoint (so WAL content counts).
db_sum() {
	sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	sha256sum "$LAPOR_DB" | cut -d' ' -f1
}

# Fails when file $1 holds a byte sequence that can act on a terminal.
assert_terminal_safe() {
	"$PYTHON" - "$1" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
bad = {b'\x1b': 'ESC', b'\xc2\x9b': 'C1 CSI', b'\xc2\x9d': 'C1 OSC',
       b'\xe2\x80\xae': 'U+202E', b'\x07': 'BEL'}
found = [name for seq, name in bad.items() if seq in data]
if found:
    sys.exit('%s holds %s' % (sys.argv[1], ', '.join(found)))
EOF
}

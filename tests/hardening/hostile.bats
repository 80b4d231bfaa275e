#!/usr/bin/env bats
# Hostile text (tests/hardening/hostile_corpus.py: ESC, CSI, OSC 52
# clipboard writes, window titles, hyperlinks, DCS/APC, terminal queries,
# C1 controls, bidi overrides and isolates, zero-width and stacked
# combining characters, control characters, 10,000-character lines, a
# body as large as an import line allows, a 1 MiB reply) on every output
# path: show, ls, log, export (JSON Lines and CSV), --json, search and the
# dashboard.  The bytes hold no terminal control (safe_check.py), JSON
# and CSV still parse, and each case stays on one line of `ls`.
# tests/cli/hostile.bats has the first, smaller version of this.
# Each output goes to its own file, named after the command, its
# options and the case (out.show.7, out.show-json.7), and a test checks
# all its files at the end, in one run of safe_check.py per mode (plain,
# --json, --jsonl, --csv), whose message names each file that failed.

load ../cli/helper

HERE="$BATS_TEST_DIRNAME"
safe() { "$PYTHON" "$HERE/safe_check.py" "$@"; }

# The corpus's database, made once for the file (setup_file) and copied
# into each test that reads it, with the corpus beside it.
make_corpus() {
	make_db
	"$PYTHON" "$HERE/hostile_corpus.py" "$BATS_TEST_TMPDIR/h.jsonl" "$BATS_TEST_TMPDIR/rej.jsonl" \
		"$BATS_TEST_TMPDIR/mib.txt"
	"$LAPOR" import "$BATS_TEST_TMPDIR/h.jsonl" >/dev/null
	local i n
	n=$(grep -c . "$BATS_TEST_TMPDIR/h.jsonl")
	for ((i = 1; i <= n; i++)); do
		"$LAPOR" --as coord31 verify "$i" --agency 31.71 >/dev/null
	done
	"$LAPOR" --as clerk3171 reply 1 -m $'host1 balasan \e]52;c;ZXZpbA==\a \e]0;judul\a \xc2\x9b2J'
	"$LAPOR" --as clerk3171 note 2 -m $'host2 catatan \e[6n \xe2\x80\xae \e_apc\e\\ \r\b'
	"$LAPOR" --as clerk3171 reply "$n" -F "$BATS_TEST_TMPDIR/mib.txt" >/dev/null
}

setup_file() {
	BATS_TEST_TMPDIR=$BATS_FILE_TMPDIR setup
	BATS_TEST_TMPDIR=$BATS_FILE_TMPDIR make_corpus
	# One file, for the copies.
	sqlite3 "$BATS_FILE_TMPDIR/lapor.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}

setup_corpus() {
	cp "$BATS_FILE_TMPDIR/lapor.db" "$LAPOR_DB"
	cp "$BATS_FILE_TMPDIR/h.jsonl" "$BATS_FILE_TMPDIR/mib.txt" "$BATS_TEST_TMPDIR/"
	NCASES=$(grep -c . "$BATS_TEST_TMPDIR/h.jsonl")
}

@test "the import refuses NUL, invalid UTF-8 and over-long lines, and changes nothing" {
	make_db
	"$PYTHON" "$HERE/hostile_corpus.py" "$BATS_TEST_TMPDIR/h.jsonl" "$BATS_TEST_TMPDIR/rej.jsonl"
	import_reports 1
	before=$(db_sum)
	local n=0 msgs=()
	while IFS= read -r line; do
		printf '%s\n' "$line" >"$BATS_TEST_TMPDIR/one.jsonl"
		run "$LAPOR" import "$BATS_TEST_TMPDIR/one.jsonl"
		[ "$status" -eq 65 ]
		n=$((n + 1))
		echo "$output" >"$BATS_TEST_TMPDIR/out.import-refused.$n"
		msgs+=("$BATS_TEST_TMPDIR/out.import-refused.$n")
	done <"$BATS_TEST_TMPDIR/rej.jsonl"
	[ "$n" -eq 3 ]
	safe "${msgs[@]}"
	[ "$(db_sum)" = "$before" ]
	# Invalid UTF-8 in a reply is refused too.
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	before=$(db_sum)
	run "$LAPOR" --as clerk3171 reply 1 -m $'bad \xff\xc0 utf'
	[ "$status" -eq 65 ]
	[ "$(db_sum)" = "$before" ]
}

@test "every text output path holds no terminal control and stays valid UTF-8" {
	setup_corpus
	local o="$BATS_TEST_TMPDIR/out" i cmd files=()
	for cmd in "ls" "dashboard" "agency ls" "officer ls"; do
		# shellcheck disable=SC2086
		"$LAPOR" $cmd >"$o.${cmd// /-}"
		files+=("$o.${cmd// /-}")
	done
	for ((i = 1; i <= NCASES; i++)); do
		"$LAPOR" show "$i" >"$o.show.$i"
		"$LAPOR" log "$i" >"$o.log.$i"
		"$LAPOR" search "host$i" >"$o.search.$i"
		grep -q "^ *$i " "$o.search.$i"
		files+=("$o.show.$i" "$o.log.$i" "$o.search.$i")
	done
	# Error messages that quote a case's text are safe too.
	run "$LAPOR" search $'\e]0;x\a'
	echo "$output" >"$o.search-error"
	files+=("$o.search-error")
	safe "${files[@]}"
	# The readable words survive the cleaning.
	run "$LAPOR" show 3
	[[ "$output" == *"host3"* ]]
	[[ "$output" == *"pwned-title"* ]] || [[ "$output" == *"title"* ]]
}

@test "--json, JSON Lines and CSV parse, are terminal-safe and keep the text exactly" {
	setup_corpus
	local o="$BATS_TEST_TMPDIR/out" i json=()
	"$LAPOR" ls --json >"$o.ls-json"
	"$LAPOR" dashboard --json >"$o.dashboard-json"
	json+=("$o.ls-json" "$o.dashboard-json")
	"$LAPOR" export --format jsonl >"$o.export-jsonl"
	"$LAPOR" export --format csv >"$o.export-csv"
	for ((i = 1; i <= NCASES; i++)); do
		"$LAPOR" show "$i" --json >"$o.show-json.$i"
		"$LAPOR" log "$i" --json >"$o.log-json.$i"
		"$LAPOR" search "host$i" --json >"$o.search-json.$i"
		jq -e --argjson id "$i" 'map(.id) | index($id) != null' "$o.search-json.$i" >/dev/null
		json+=("$o.show-json.$i" "$o.log-json.$i" "$o.search-json.$i")
	done
	safe --json "${json[@]}"
	safe --jsonl "$o.export-jsonl"
	safe --csv "$o.export-csv"
	# JSON carries every byte as the citizen sent it, the largest body too.
	"$PYTHON" - "$BATS_TEST_TMPDIR/h.jsonl" "$o.show-json." "$NCASES" "$BATS_TEST_TMPDIR/mib.txt" <<'PY'
import json, sys
src, prefix, n, mib = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
for i, line in enumerate(open(src, encoding='utf-8'), 1):
    want = json.loads(line)
    got = json.load(open(prefix + str(i), encoding='utf-8'))
    assert got['title'] == want['title'], i
    assert got['body'] == want['body'], i
    assert got['reporter']['name'] == want['reporter']['name'], i
last = json.load(open(prefix + str(n), encoding='utf-8'))
replies = [e['text'] for e in last['events'] if e['action'] == 'reply']
assert replies == [open(mib, encoding='utf-8').read()], 'the 1 MiB reply changed'
assert len(last['body'].encode()) > 600 * 1000  # as large as a 1 MiB line allows
PY
}

@test "ls keeps one case per line whatever the title holds" {
	setup_corpus
	"$LAPOR" ls --limit 1000 >"$BATS_TEST_TMPDIR/ls"
	safe "$BATS_TEST_TMPDIR/ls"
	# A header line, then one line per case, each starting with its id.
	[ "$(grep -c . "$BATS_TEST_TMPDIR/ls")" -eq $((NCASES + 1)) ]
	[ "$(tail -n +2 "$BATS_TEST_TMPDIR/ls" | grep -cE '^ *[0-9]+ ')" -eq "$NCASES" ]
}

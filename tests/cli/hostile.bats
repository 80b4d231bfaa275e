#!/usr/bin/env bats
# A citizen's text holding terminal escape sequences never reaches the
# output raw: not in text, not in JSON, not in CSV.

load helper

hostile_title=$'Judul \e[2J\e]0;pwned\a \xc2\x9b31m merah \xe2\x80\xaeterbalik'
hostile_body=$'Isi\e]52;c;cm0gLXJmIH4=\a baris\n\xc2\x9d8;;http://x\a kedua \e[31mmerah'

setup_case() {
	make_db
	report WEB-1 31.71 public "$hostile_title" "$hostile_body" >"$BATS_TEST_TMPDIR/h.jsonl"
	"$LAPOR" import "$BATS_TEST_TMPDIR/h.jsonl"
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	"$LAPOR" --as clerk3171 reply 1 -m $'Balasan \e[2J \xe2\x80\xae bersih'
}

@test "the stored text is kept as given (made safe only on output)" {
	setup_case
	run "$LAPOR" show 1 --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .title)" = "$hostile_title" ]
}

@test "ls, show, log, export and --json hold no terminal escape" {
	setup_case
	out="$BATS_TEST_TMPDIR/out"
	for cmd in "ls" "show 1" "log 1" "ls --json" "show 1 --json" "log 1 --json" \
		"export --format jsonl" "export --format csv"; do
		# shellcheck disable=SC2086
		"$LAPOR" $cmd >"$out"
		assert_terminal_safe "$out"
		[ -s "$out" ]
	done
	# The JSON parses and keeps the words.
	"$LAPOR" show 1 --json |
		"$PYTHON" -c 'import json,sys; assert "merah" in json.load(sys.stdin)["title"]'
	"$LAPOR" ls --json | "$PYTHON" -c 'import json,sys; json.load(sys.stdin)'
	"$LAPOR" log 1 --json | "$PYTHON" -c 'import json,sys; json.load(sys.stdin)'
	"$LAPOR" export --format jsonl | "$PYTHON" -c '
import json, sys
for line in sys.stdin: json.loads(line)'
	# The text forms keep the readable words.
	run "$LAPOR" show 1
	[[ "$output" == *"merah"* ]]
	[[ "$output" == *"terbalik"* ]]
	[[ "$output" == *"kedua"* ]]
}

@test "CSV export: parses, and formula-like fields are defused" {
	make_db
	report WEB-1 31.71 public '=HYPERLINK("http://evil","klik")' '+cmd|calc' \
		>"$BATS_TEST_TMPDIR/f.jsonl"
	report WEB-2 31.71 public '@SUM(A1)' $'-2+3\nbaris dua' >>"$BATS_TEST_TMPDIR/f.jsonl"
	"$LAPOR" import "$BATS_TEST_TMPDIR/f.jsonl"
	"$LAPOR" export --format csv >"$BATS_TEST_TMPDIR/out.csv"
	"$PYTHON" - "$BATS_TEST_TMPDIR/out.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 2, rows
for r in rows:
    for k, v in r.items():
        assert not v or v[0] not in '=+-@', (k, v)
assert rows[0]['title'] == '\'=HYPERLINK("http://evil","klik")', rows[0]['title']
assert rows[1]['body'] == "'-2+3\nbaris dua", rows[1]['body']
assert rows[0]['id'] == '1'
PY
}

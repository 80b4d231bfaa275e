#!/usr/bin/env bats
# Privacy masking holds on every output path: masked fields are null in
# JSON, "(hidden)" / "(confidential)" in text, and the real values
# never appear anywhere.

load helper

setup_cases() {
	make_db
	{
		report WEB-1 31.71 anonymous "Pelayanan KTP lambat" "Antre tiga hari." 0819998877
		report WEB-2 31.71 secret "Pungutan liar di kelurahan" "Petugas minta uang rahasia." \
			0817776655
	} >"$BATS_TEST_TMPDIR/p.jsonl"
	"$LAPOR" import "$BATS_TEST_TMPDIR/p.jsonl"
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	"$LAPOR" --as coord31 verify 2 --agency 31.71
	"$LAPOR" --as clerk3171 reply 2 -m "Laporan pungutan sedang diperiksa."
}

# Every output an officer can ask for, into one file.
all_output() {
	local who=$1 out=$2
	: >"$out"
	for cmd in "ls" "ls --json" "show 1" "show 1 --json" "log 1" "log 1 --json" \
		"show 2" "show 2 --json" "log 2" "log 2 --json" "export --format jsonl" \
		"export --format csv"; do
		# shellcheck disable=SC2086
		"$LAPOR" --as "$who" $cmd >>"$out" 2>&1 || true
	done
}

@test "the admin sees the reporter (so the values were stored)" {
	setup_cases
	[ "$(case_field 1 reporter.phone)" = 0819998877 ]
	[ "$(case_field 2 reporter.phone)" = 0817776655 ]
}

@test "anonymous: the handling clerk sees the case but not the reporter" {
	setup_cases
	run "$LAPOR" --as clerk3171 show 1 --json
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.reporter.name == null and .reporter.phone == null and
		.reporter.email == null and .title == "Pelayanan KTP lambat"'
	run "$LAPOR" --as clerk3171 show 1
	[[ "$output" == *"(hidden)"* ]]
	all_output clerk3171 "$BATS_TEST_TMPDIR/all"
	refute_in "$BATS_TEST_TMPDIR/all" 0819998877
}

@test "secret: an auditor above the agency sees neither content nor reporter" {
	setup_cases
	run "$LAPOR" --as aud31 show 2 --json
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.title == null and .body == null and .reporter.name == null and
		.reporter.phone == null and .reporter.email == null'
	echo "$output" | jq -e '[.events[].text] | all(. == null)'
	run "$LAPOR" --as aud31 show 2
	[[ "$output" == *"(confidential)"* ]]
	all_output aud31 "$BATS_TEST_TMPDIR/all"
	refute_in "$BATS_TEST_TMPDIR/all" 0817776655
	refute_in "$BATS_TEST_TMPDIR/all" -i "pungutan"
	refute_in "$BATS_TEST_TMPDIR/all" "uang rahasia"
	# The anonymous reporter stays hidden from the auditor too.
	refute_in "$BATS_TEST_TMPDIR/all" 0819998877
}

@test "secret: a clerk of another agency cannot see the case at all" {
	setup_cases
	run "$LAPOR" --as clerk3273 show 2 --json
	[ "$status" -eq 77 ]
	all_output clerk3273 "$BATS_TEST_TMPDIR/all"
	refute_in "$BATS_TEST_TMPDIR/all" 0817776655
	refute_in "$BATS_TEST_TMPDIR/all" -i "pungutan"
}

@test "secret: the handling agency sees its own case" {
	setup_cases
	[ "$(case_field 2 title --as sup3171)" = "Pungutan liar di kelurahan" ]
}

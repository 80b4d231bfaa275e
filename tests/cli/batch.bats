#!/usr/bin/env bats
# lapor batch: one subcommand per line in one session, a result line
# each, the worst status as the exit status; quoting without expansion.

load helper

# A case in progress with clerk3171 (case 1).
in_progress() {
	make_db
	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71 >/dev/null
	"$LAPOR" --as clerk3171 claim 1 >/dev/null
}

@test "batch runs every line, one result line each, in order" {
	in_progress
	v=$(case_field 1 version)
	cat >"$BATS_TEST_TMPDIR/in" <<-EOF
		# a comment, then a blank line

		note 1 -m "first note" --if-version $v
		note 1 -m 'second   note'
		show 1 --json
	EOF
	run "$LAPOR" --as clerk3171 batch "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "case 1: noted (version $((v + 1)))" ]
	[ "${lines[1]}" = "3 ok 0" ]
	[ "${lines[2]}" = "case 1: noted (version $((v + 2)))" ]
	[ "${lines[3]}" = "4 ok 0" ]
	[ "${lines[-1]}" = "5 ok 0" ]
	[ "$(case_field 1 version)" -eq $((v + 2)) ]
	# quotes kept the words whole, spaces and all
	"$LAPOR" log 1 --json | jq -e 'map(.text) | index("second   note") != null'
}

@test "a stale --if-version is a conflict, the batch goes on and exits 1" {
	in_progress
	v=$(case_field 1 version)
	run "$LAPOR" --as clerk3171 batch - <<-EOF
		note 1 -m a --if-version $v
		note 1 -m b --if-version $v
		note 1 -m c
	EOF
	[ "$status" -eq 1 ]
	[[ "$output" == *"1 ok 0"* ]]
	[[ "$output" == *"2 conflict 1"* ]]
	[[ "$output" == *"lapor: line 2: case 1 changed since you read it"* ]]
	[[ "$output" == *"3 ok 0"* ]]
	[ "$(case_field 1 version)" -eq $((v + 2)) ]
}

@test "an error stops the batch unless --keep-going; the exit is the worst status" {
	in_progress
	printf '%s\n' 'note 1 -m a' 'show 999' 'note 1 -m "unclosed' 'note 1 -m b' \
		>"$BATS_TEST_TMPDIR/in"
	v=$(case_field 1 version)
	run "$LAPOR" --as clerk3171 batch "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 66 ]
	[[ "$output" == *"2 error 66"* ]]
	[[ "$output" != *"3 "* ]]
	[ "$(case_field 1 version)" -eq $((v + 1)) ]
	run "$LAPOR" --as clerk3171 batch --keep-going "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 66 ]
	[[ "$output" == *"3 error 64"* ]]
	[[ "$output" == *"lapor: line 3: unmatched quote"* ]]
	[[ "$output" == *"4 ok 0"* ]]
	[ "$(case_field 1 version)" -eq $((v + 3)) ]
}

@test "batch expands nothing and refuses what is not a line's to say" {
	in_progress
	touch "$BATS_TEST_TMPDIR/zzz-file"
	cd "$BATS_TEST_TMPDIR"
	run "$LAPOR" --as clerk3171 batch --keep-going - <<-'EOF'
		note 1 -m $HOME
		note 1 -m zzz-*
		note 1 -m $(id)
		note 1 -m x --db other.db
		init
	EOF
	[ "$status" -eq 64 ]
	[[ "$output" == *"4 error 64"* ]]
	[[ "$output" == *"5 error 64"* ]]
	texts=$("$LAPOR" log 1 --json | jq -r '.[].text // empty')
	[[ "$texts" == *'$HOME'* ]]
	[[ "$texts" == *'zzz-*'* ]]
	[[ "$texts" == *'$(id)'* ]]
	[ ! -e other.db ]
}

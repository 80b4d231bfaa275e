#!/usr/bin/env bats
# Global options, help generated from the command table, init and the
# database location.

load helper

@test "help lists every command; each command has --help" {
	run "$LAPOR" help
	[ "$status" -eq 0 ]
	for c in init demo "agency ls" "officer add" "officer ls" import verify postpone archive \
		claim assign reply note transfer escalate extend close reopen merge ls show log \
		export "audit verify"; do
		[[ "$output" == *"  $c "* ]]
		run "$LAPOR" $c --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: lapor $c"* ]]
		run "$LAPOR" help $c
		[ "$status" -eq 0 ]
		run "$LAPOR" help
	done
	run "$LAPOR" --help
	[ "$status" -eq 0 ]
	[[ "$output" =~ "Commands:" ]]
	run "$LAPOR" archive --help
	[[ "$output" =~ "not_enough_information" ]]
	run "$LAPOR" close --help
	[[ "$output" =~ "partially_resolved" ]]
}

@test "--version before or after a command" {
	run "$LAPOR" --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^lapor\ [0-9]+\.[0-9]+ ]]
	run "$LAPOR" ls --version
	[ "$status" -eq 0 ]
}

@test "global options before or after the command" {
	make_db
	import_reports 1
	db=$LAPOR_DB
	unset LAPOR_DB
	[ "$("$LAPOR" --db "$db" --json ls | jq length)" = 1 ]
	[ "$("$LAPOR" ls --db "$db" --json | jq length)" = 1 ]
	[ "$("$LAPOR" --json ls --db="$db" | jq length)" = 1 ]
	run "$LAPOR" --db "$db" ls --as clerk3171 --json
	[ "$status" -eq 0 ]
	[ "$output" = "[]" ]
	# A message that looks like an option stays a message.
	"$LAPOR" --db "$db" verify 1 --agency 31.71
	run "$LAPOR" --db "$db" note 1 -m "--json"
	[ "$status" -eq 0 ]
	[ "$("$LAPOR" --db "$db" log 1 --json | jq -r '.[-1].text')" = "--json" ]
}

@test "the default database: \$LAPOR_DB, else \$XDG_DATA_HOME/lapor/lapor.db" {
	unset LAPOR_DB
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	run "$LAPOR" init
	[ "$status" -eq 0 ]
	[ -f "$XDG_DATA_HOME/lapor/lapor.db" ]
	[[ "$output" =~ "schema version" ]]
	[[ "$output" =~ "registered you ($(me)) as admin at KEMENPANRB" ]]
	run "$LAPOR" officer ls --json
	[ "$(echo "$output" | jq -r --arg me "$(me)" '.[] | select(.login == $me) | .role')" = admin ]
	# Re-running init upgrades nothing and registers no one.
	run "$LAPOR" init
	[ "$status" -eq 0 ]
	[[ "$output" =~ "up to date" ]]
	[[ ! "$output" =~ "registered you" ]]
}

@test "init --no-admin registers no one" {
	run "$LAPOR" init --no-admin
	[ "$status" -eq 0 ]
	run "$LAPOR" officer ls --json
	[ "$status" -eq 77 ]
}

@test "agency ls and officer ls" {
	make_db
	run "$LAPOR" agency ls --under 31 --tree
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" =~ ^31\  ]]
	[[ "$output" =~ "  31.71 " ]]
	run "$LAPOR" agency ls --json
	echo "$output" | jq -e 'map(select(.code == "KEMENPANRB")) | length == 1'
	echo "$output" | jq -e 'map(select(.code == "91")) | .[0].tz == "WIT"'
	run "$LAPOR" officer ls --under 31.71
	[ "$status" -eq 0 ]
	[[ "$output" =~ clerk3171 ]]
	[[ ! "$output" =~ clerk3273 ]]
}

@test "demo creates a database and names the console" {
	unset LAPOR_DB
	db="$BATS_TEST_TMPDIR/demo/demo.db"
	run "$LAPOR" --db "$db" demo --cases 50 --seed 7
	[ "$status" -eq 0 ]
	[[ "$output" =~ "50 cases" ]]
	[[ "$output" =~ "lapor --db $db" ]]
	[ "$("$LAPOR" --db "$db" ls --limit 0 --json | jq length)" = 50 ]
	run "$LAPOR" --db "$db" audit verify
	[ "$status" -eq 0 ]
	run "$LAPOR" --db "$db" demo --cases 5
	[ "$status" -eq 1 ]
}

#!/usr/bin/env bats
# lapor audit verify: the hash chains hold on a lifecycle database, and
# a tampered event is found and named.

load helper

lifecycle() {
	make_db
	import_reports 3
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	"$LAPOR" --as clerk3171 claim 1
	"$LAPOR" --as clerk3171 reply 1 -m "Sedang kami tangani."
	"$LAPOR" --as sup3171 close 1 --resolution resolved
	"$LAPOR" --as coord31 archive 2 --reason spam
}

@test "audit verify passes on an untouched database" {
	lifecycle
	run "$LAPOR" audit verify
	[ "$status" -eq 0 ]
	[[ "$output" =~ "audit ok: 3 cases, 8 events" ]]
	run "$LAPOR" audit verify --json
	[ "$(echo "$output" | jq -r .ok)" = true ]
}

@test "a tampered event is found: exit 1 naming the case and the event" {
	lifecycle
	# The store forbids UPDATE of events by trigger; an attacker drops it.
	for t in $(sqlite3 "$LAPOR_DB" \
		"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event'"); do
		sqlite3 "$LAPOR_DB" "DROP TRIGGER \"$t\""
	done
	sqlite3 "$LAPOR_DB" "UPDATE event SET text = 'Sudah selesai, terima kasih.' \
		WHERE case_id = 1 AND seq = 4"
	[ "$(sqlite3 "$LAPOR_DB" 'SELECT text FROM event WHERE case_id = 1 AND seq = 4')" = \
		"Sudah selesai, terima kasih." ]
	run "$LAPOR" audit verify
	[ "$status" -eq 1 ]
	[[ "$output" =~ "case 1" ]]
	[[ "$output" =~ "event 4" ]]
}

@test "only admins and auditors may verify" {
	lifecycle
	run "$LAPOR" --as aud31 audit verify
	[ "$status" -eq 0 ]
	run "$LAPOR" --as clerk3171 audit verify
	[ "$status" -eq 77 ]
}

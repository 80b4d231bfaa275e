#!/usr/bin/env bats
# The case workflow end to end from the shell, acting as several
# officers with --as (the tests run as root or as the admin who ran
# `lapor init`, both of whom may use --as).

load helper

@test "import -> verify -> claim -> reply -> close, then reopen and extend" {
	make_db
	import_reports 1
	[ "$(case_field 1 status)" = new ]
	[ "$(case_field 1 agency)" = 31.71 ]

	run "$LAPOR" --as coord31 verify 1 --agency 31.71
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^"case 1: verified (version "[0-9]+")"$ ]]
	[ "$(case_field 1 status)" = assigned ]

	run "$LAPOR" claim 1 --as clerk3171
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^"case 1: claimed (version "[0-9]+")"$ ]]
	[ "$(case_field 1 assignee)" = clerk3171 ]
	[ "$(case_field 1 status)" = in_progress ]

	v=$(case_field 1 version)
	run "$LAPOR" --as clerk3171 reply 1 -m "Terima kasih, jalan akan diperbaiki minggu ini." \
		--if-version "$v"
	[ "$status" -eq 0 ]
	[ "$output" = "case 1: replied (version $((v + 1)))" ]
	[ "$(case_field 1 status)" = responded ]

	run "$LAPOR" --as sup3171 close 1 --resolution resolved -m "Sudah diperbaiki."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: closed" ]]
	[ "$(case_field 1 status)" = closed ]

	run "$LAPOR" --as sup3171 reopen 1 -m "Warga melapor lubang muncul lagi."
	[ "$status" -eq 0 ]
	[ "$(case_field 1 status)" = in_progress ]

	run "$LAPOR" --as sup3171 extend 1 --days 3 -m "Menunggu material aspal."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: extended" ]]
	[ "$(case_field 1 extended_days)" = 3 ]

	# The history names every step, in order, with who did it.
	run "$LAPOR" log 1
	[ "$status" -eq 0 ]
	for word in intake verify claim reply close reopen extend clerk3171 sup3171 coord31; do
		[[ "$output" == *"$word"* ]]
	done
	actions=$("$LAPOR" log 1 --json | jq -r '[.[].action] | join(" ")')
	[ "$actions" = "intake verify claim reply close reopen extend" ]
	# Events record the Unix login that typed an --as action.
	[ "$("$LAPOR" log 1 --json | jq -r '.[1].officer')" = coord31 ]
	[ "$("$LAPOR" log 1 --json | jq -r '.[1].actor')" = "$(me)" ]
	[ "$("$LAPOR" log 1 --json | jq -r '.[3].visibility')" = public ]

	run "$LAPOR" audit verify
	[ "$status" -eq 0 ]
	[[ "$output" =~ "audit ok" ]]
}

@test "postpone with a message, the citizen answers, then archive" {
	make_db
	import_reports 1
	run "$LAPOR" --as coord31 postpone 1 -m "Mohon sebutkan nama jalan."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: postponed" ]]
	[ "$(case_field 1 status)" = postponed ]

	message WEB-1 "Jalan Kramat Raya." >"$BATS_TEST_TMPDIR/msg.jsonl"
	run "$LAPOR" import "$BATS_TEST_TMPDIR/msg.jsonl"
	[ "$status" -eq 0 ]
	[[ "$output" =~ "1 message" ]]
	[ "$(case_field 1 status)" = new ]

	run "$LAPOR" --as coord31 archive 1 --reason not_our_authority -m "Jalan nasional."
	[ "$status" -eq 0 ]
	[ "$(case_field 1 status)" = archived ]
	[ "$("$LAPOR" log 1 --json | jq -r '.[-1].detail')" = not_our_authority ]
}

@test "assign, transfer to another agency and back to triage, escalate" {
	make_db
	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	run "$LAPOR" --as sup3171 assign 1 --to clerk3171b
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: assigned" ]]
	[ "$(case_field 1 assignee)" = clerk3171b ]

	run "$LAPOR" --as clerk3171b transfer 1 --agency 32.73 -m "Lokasinya di Bandung."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: transferred" ]]
	[ "$(case_field 1 agency)" = 32.73 ]
	[ "$(case_field 1 status)" = assigned ]
	# The old agency no longer sees it; the new one does.
	run "$LAPOR" --as clerk3171 show 1
	[ "$status" -eq 77 ]
	run "$LAPOR" --as clerk3273 show 1
	[ "$status" -eq 0 ]

	run "$LAPOR" --as clerk3273 transfer 1 --retriage -m "Bukan wewenang kota."
	[ "$status" -eq 0 ]
	[ "$(case_field 1 status)" = new ]

	"$LAPOR" verify 1 --agency 32.73
	run "$LAPOR" --as clerk3273 escalate 1 -m "Butuh keputusan provinsi."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: escalated" ]]
	[ "$(case_field 1 escalation)" = 1 ]
	[ "$(case_field 1 escalated_to)" = 32 ]
}

@test "merge a duplicate into the kept case; notes stay internal" {
	make_db
	import_reports 2
	run "$LAPOR" --as coord31 merge 2 --into 1 -m "Laporan yang sama."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 2: merged" ]]
	[ "$(case_field 2 status)" = archived ]
	[ "$(case_field 2 merged_into)" = 1 ]

	"$LAPOR" --as coord31 verify 1 --agency 31.71
	run "$LAPOR" --as clerk3171 note 1 -m "Sudah dicek ke lapangan."
	[ "$status" -eq 0 ]
	[[ "$output" =~ "case 1: noted" ]]
	[ "$("$LAPOR" log 1 --json | jq -r '.[-1].visibility')" = internal ]
	[ "$(case_field 1 status)" = assigned ]
}

@test "ls filters by status, agency, assignee and pages with --after" {
	make_db
	import_reports 5
	for i in 1 2 3; do "$LAPOR" --as coord31 verify $i --agency 31.71 >/dev/null; done
	"$LAPOR" --as clerk3171 claim 2 >/dev/null

	[ "$("$LAPOR" ls --json | jq length)" = 5 ]
	[ "$("$LAPOR" ls --status new --json | jq -r '[.[].id] | join(",")')" = 4,5 ]
	[ "$("$LAPOR" ls --status assigned,in_progress --json | jq length)" = 3 ]
	[ "$("$LAPOR" ls --assignee clerk3171 --json | jq -r '.[0].id')" = 2 ]
	[ "$("$LAPOR" --as clerk3171 ls --assignee me --json | jq -r '.[0].id')" = 2 ]
	[ "$("$LAPOR" ls --assignee none --agency 31.71 --json | jq length)" = 4 ]
	[ "$("$LAPOR" ls --under 31 --limit 2 --json | jq -r '[.[].id] | join(",")')" = 1,2 ]
	[ "$("$LAPOR" ls --limit 2 --after 2 --json | jq -r '[.[].id] | join(",")')" = 3,4 ]
	[ "$("$LAPOR" ls --kind aspiration --json | jq length)" = 0 ]
	# A clerk sees only verified cases of its own agency.
	[ "$("$LAPOR" --as clerk3171 ls --json | jq length)" = 3 ]
	[ "$("$LAPOR" --as clerk3273 ls --json | jq length)" = 0 ]

	# ls --json has the list fields, times in RFC 3339 UTC.
	run "$LAPOR" ls --json
	echo "$output" | jq -e '.[0] | has("id") and has("tracking_id") and has("kind") and
		has("status") and has("agency") and has("assignee") and has("title") and
		has("created_at") and has("due_at") and has("version")'
	echo "$output" | jq -e '.[0].created_at | test("^[0-9-]+T[0-9:]+Z$")'

	run "$LAPOR" ls
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^ID\ +STATUS ]]
	[ "${#lines[@]}" -eq 6 ]
	[[ "$output" =~ "Jalan rusak nomor 5" ]]
}

@test "text from -F FILE and -F - (stdin)" {
	make_db
	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	printf 'Balasan dari berkas.\nBaris kedua.\n' >"$BATS_TEST_TMPDIR/reply.txt"
	run "$LAPOR" --as clerk3171 reply 1 -F "$BATS_TEST_TMPDIR/reply.txt"
	[ "$status" -eq 0 ]
	run "$LAPOR" --as clerk3171 note 1 -F - <<<"Catatan dari stdin."
	[ "$status" -eq 0 ]
	run "$LAPOR" log 1 --json
	[ "$(echo "$output" | jq -r '.[-2].text')" = "$(printf 'Balasan dari berkas.\nBaris kedua.\n')" ]
	[ "$(echo "$output" | jq -r '.[-1].text')" = "Catatan dari stdin." ]
}

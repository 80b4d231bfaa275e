#!/usr/bin/env bats
# SLA from the shell: the working-day calendar, policies, extensions,
# the sweep, citizen feedback and the performance report (stats).  The
# clock is LAPOR_NOW (helper.bash: Monday 2026-11-02 10:00 WIB).

load helper

# A feedback line: feedback TID RATING SUBMITTED_AT [COMMENT]
feedback() {
	jq -cn --arg tid "$1" --argjson r "$2" --arg at "$3" --arg c "${4:-}" \
		'{type: "feedback", tracking_id: $tid, submitted_at: $at, rating: $r}
		 + (if $c == "" then {} else {comment: $c} end)'
}

@test "calendar import and ls; a bad line changes nothing" {
	make_db
	printf 'date,name,kind\n2026-12-25,Hari Raya Natal,national\n2026-12-24,Cuti Bersama Natal,joint_leave\n' \
		>"$BATS_TEST_TMPDIR/h.csv"
	run "$LAPOR" calendar import "$BATS_TEST_TMPDIR/h.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 2 days off: 2 added, 0 changed, 0 unchanged" ]
	run "$LAPOR" calendar ls --year 2026 --json
	[ "$status" -eq 0 ]
	[ "$(jq -r 'map(.date + "/" + .kind) | join(" ")' <<<"$output")" = \
		"2026-12-24/joint_leave 2026-12-25/national" ]
	[ "$("$LAPOR" calendar ls --year 2025 --json)" = "[]" ]

	printf '2027-01-01,Tahun Baru,national\n2027-02-30,Bad,national\n' | {
		run "$LAPOR" calendar import -
		[ "$status" -eq 65 ]
		[[ "$output" =~ ":2:" ]]
	}
	[ "$("$LAPOR" calendar ls --json | jq length)" -eq 2 ]
	run "$LAPOR" --as clerk3171 calendar import "$BATS_TEST_TMPDIR/h.csv"
	[ "$status" -eq 77 ]
}

@test "policy ls and set: admins only, the calendar counting kept" {
	make_db
	run "$LAPOR" policy ls --json
	[ "$status" -eq 0 ]
	before=$(jq -r '.[] | select(.kind == "complaint" and .stage == "settlement"
		and .field_check == false) | .working_days' <<<"$output")
	run "$LAPOR" --as clerk3171 policy set complaint settlement 10
	[ "$status" -eq 77 ]
	run "$LAPOR" policy set complaint settlement 10
	[ "$status" -eq 0 ]
	run "$LAPOR" policy ls --json
	[ "$(jq -r '.[] | select(.kind == "complaint" and .stage == "settlement"
		and .field_check == false) | "\(.days) \(.working_days)"' <<<"$output")" = "10 $before" ]
	run "$LAPOR" policy set complaint settlement 7 --calendar --field-check
	[ "$status" -eq 0 ]
	run "$LAPOR" policy ls --json
	[ "$(jq -r '.[] | select(.kind == "complaint" and .stage == "settlement"
		and .field_check) | "\(.days) \(.working_days)"' <<<"$output")" = "7 false" ]
	run "$LAPOR" policy set complaint settlement 0
	[ "$status" -eq 64 ]
	run "$LAPOR" policy set nokind settlement 3
	[ "$status" -eq 64 ]
	run "$LAPOR" policy set complaint settlement 3 --working --calendar
	[ "$status" -eq 64 ]
}

@test "extend: once, at most the stage's period, supervisors only" {
	make_db
	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71 >/dev/null
	"$LAPOR" --as clerk3171 claim 1 >/dev/null
	run "$LAPOR" --as clerk3171 extend 1 --days 2 -m "Butuh survei"
	[ "$status" -eq 77 ]
	# The first-response stage runs: 5 working days at most.
	run "$LAPOR" --as sup3171 extend 1 --days 6 -m "Terlalu lama"
	[ "$status" -eq 1 ]
	due=$(case_field 1 due_at)
	run "$LAPOR" --as sup3171 extend 1 --days 2 -m "Butuh survei lapangan"
	[ "$status" -eq 0 ]
	[ "$(case_field 1 due_at)" != "$due" ]
	[ "$(case_field 1 extended_days)" = 2 ]
	run "$LAPOR" --as sup3171 extend 1 --days 1 -m "Lagi"
	[ "$status" -eq 1 ]
}

@test "sweep escalates an overdue case once; dry run writes nothing" {
	make_db
	import_reports 2
	"$LAPOR" --as coord31 verify 2 --agency 31.71 >/dev/null
	# Case 1 (new): verification due 3 working days later, Thursday 11-05.
	run "$LAPOR" sweep
	[ "$status" -eq 0 ]
	[ "$output" = "0 escalated, 0 closed, 0 skipped, 0 at the top, 0 failed" ]
	export LAPOR_NOW="2026-11-06T03:00:00Z"
	run "$LAPOR" sweep --dry-run
	[ "$status" -eq 0 ]
	[[ "$output" =~ "#1"$'\t'"escalated"$'\t'"31.71 -> 31" ]]
	[ "$(case_field 1 escalated_to)" = null ]
	run "$LAPOR" sweep --json
	[ "$status" -eq 0 ]
	[ "$(jq -r '"\(.escalated) \(.cases[0].case) \(.cases[0].to)"' <<<"$output")" = "1 1 31" ]
	[ "$(case_field 1 escalated_to)" = 31 ]
	[ "$(case_field 1 escalation)" = 1 ]
	[ "$(case_field 2 escalation)" = 0 ]
	v=$(case_field 1 version)
	run "$LAPOR" sweep
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "0 escalated, 0 closed, 0 skipped, 0 at the top, 0 failed" ]
	[ "$(case_field 1 version)" = "$v" ]
	run "$LAPOR" --as clerk3171 sweep
	[ "$status" -eq 77 ]
}

# Cases 1 and 2 answered (1 at +4 h, 2 at +2 h), 2 closed at +6 h; case 3 new.
answered_db() {
	make_db
	import_reports 3
	"$LAPOR" --as coord31 verify 1 --agency 31.71 >/dev/null
	"$LAPOR" --as coord31 verify 2 --agency 31.71 >/dev/null
	"$LAPOR" --as clerk3171 claim 1 >/dev/null
	"$LAPOR" --as clerk3171b claim 2 >/dev/null
	LAPOR_NOW="2026-11-02T07:00:00Z" "$LAPOR" --as clerk3171 reply 1 -m "Sudah dijadwalkan." >/dev/null
	LAPOR_NOW="2026-11-02T05:00:00Z" "$LAPOR" --as clerk3171b reply 2 -m "Sudah diperbaiki." >/dev/null
	LAPOR_NOW="2026-11-02T09:00:00Z" "$LAPOR" --as sup3171 close 2 --resolution resolved >/dev/null
}

@test "feedback: dissatisfied in the window reopens; others are recorded; re-import is a no-op" {
	answered_db
	{
		feedback WEB-1 1 2026-11-03T10:00:00+07:00 "Belum diperbaiki"
		feedback WEB-2 4 2026-11-03T10:00:00+07:00 "Bagus"
	} >"$BATS_TEST_TMPDIR/f.jsonl"
	export LAPOR_NOW="2026-11-03T03:00:00Z"
	run "$LAPOR" import "$BATS_TEST_TMPDIR/f.jsonl"
	[ "$status" -eq 0 ]
	[ "$(case_field 1 status)" = in_progress ]
	[ "$(case_field 1 clock_stage)" = settlement ]
	[ "$(case_field 2 status)" = closed ]
	run "$LAPOR" log 1 --json
	[ "$(jq -r '.[-1] | "\(.action) \(.officer) \(.visibility) \(.detail) \(.text)"' \
		<<<"$output")" = "feedback intake public 1 Belum diperbaiki" ]
	v1=$(case_field 1 version)
	v2=$(case_field 2 version)
	run "$LAPOR" import "$BATS_TEST_TMPDIR/f.jsonl"
	[ "$status" -eq 0 ]
	[ "$(case_field 1 version)" = "$v1" ]
	[ "$(case_field 2 version)" = "$v2" ]

	# Dissatisfied on the closed case 2 within the window after closing: reopens.
	feedback WEB-2 2 2026-11-04T10:00:00+07:00 "Rusak lagi" | "$LAPOR" import - >/dev/null
	[ "$(case_field 2 status)" = in_progress ]
}

@test "feedback: outside the window recorded without reopening; bad rating is 65 with the line" {
	answered_db
	export LAPOR_NOW="2026-12-20T03:00:00Z"
	feedback WEB-2 1 2026-12-20T10:00:00+07:00 "Terlambat" | "$LAPOR" import - >/dev/null
	[ "$(case_field 2 status)" = closed ]
	[ "$(case_field 2 event_count)" = 6 ]
	{
		feedback WEB-1 5 2026-12-20T10:00:00+07:00
		feedback WEB-1 9 2026-12-20T10:00:00+07:00
	} >"$BATS_TEST_TMPDIR/bad.jsonl"
	run "$LAPOR" import "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 65 ]
	[[ "$output" =~ "line 2: \"rating\" must be an integer from 1 to 5" ]]
	[ "$(case_field 1 status)" = responded ]
}

@test "stats: figures computed by hand" {
	answered_db
	{
		feedback WEB-1 3 2026-11-03T10:00:00+07:00
		feedback WEB-2 4 2026-11-03T10:00:00+07:00
	} | LAPOR_NOW="2026-11-03T03:00:00Z" "$LAPOR" import - >/dev/null
	# At 11-06 case 3's verification (due 11-05 end) is overdue.
	export LAPOR_NOW="2026-11-06T03:00:00Z"
	run "$LAPOR" stats --json
	[ "$status" -eq 0 ]
	# received 3, closed 1 (case 2), open 2, overdue 1 (case 3), responded 2;
	# first replies after 4 h and 2 h: lower median 2 h; case 2 closed after
	# 6 h; ratings 3 and 4: 3.5.
	[ "$(jq -c '.[0] | [.key, .received, .closed, .open, .overdue, .responded,
		.median_response_seconds, .median_closure_seconds, .satisfaction, .ratings]' \
		<<<"$output")" = '["",3,1,2,1,2,7200,21600,3.5,2]' ]
	run "$LAPOR" stats --by officer --csv
	[ "$status" -eq 0 ]
	lines=("${lines[@]%$'\r'}")     # CSV rows end in CRLF (RFC 4180)
	[ "${lines[0]}" = '"GROUP","RECEIVED","CLOSED","OPEN","OVERDUE","RESPONDED","MEDIAN_RESPONSE","MEDIAN_CLOSURE","SATISFACTION","RATINGS","ONTIME_VERIFICATION","ONTIME_FIRST_RESPONSE","ONTIME_SETTLEMENT"' ]
	# On time: case 3's verification is late (open, overdue): 0 of 1; cases
	# 1 and 2 were verified and answered within their deadlines.
	[ "${lines[1]}" = '"","1","0","1","1","0","","","","0","0.0000","",""' ]
	[ "${lines[2]}" = '"clerk3171","1","0","1","0","1","14400","","3.00","1","1.0000","1.0000",""' ]
	[ "${lines[3]}" = '"clerk3171b","1","1","0","0","1","7200","21600","4.00","1","1.0000","1.0000",""' ]
	[ "$("$LAPOR" stats --json | jq -c '.[0].on_time | [.verification.met,
		.verification.ended, .verification.late, .first_response.met,
		.first_response.ended, .settlement.rate]')" = '[2,2,1,2,2,null]' ]
	# The window: nothing received on 11-01, all three on 11-02.
	[ "$("$LAPOR" stats --from 2026-11-01 --to 2026-11-01 --json)" = "[]" ]
	[ "$("$LAPOR" stats --from 2026-11-02 --to 2026-11-02 --json | jq '.[0].received')" = 3 ]
	# Scope: an officer of Kota Bandung sees none of them.
	[ "$("$LAPOR" --as clerk3273 stats --json)" = "[]" ]
	run "$LAPOR" stats --agency 32.73 --json
	[ "$output" = "[]" ]
	run "$LAPOR" stats --by nothing
	[ "$status" -eq 64 ]
}

@test "show names the running clock and its state through a case's life" {
	make_db
	import_reports 2
	# New at 10:00 WIB on Monday: 3 working days to verify.
	run "$LAPOR" show 1
	[[ "$output" == *"Clock:       verification, running"* ]]
	# Two weeks later the verification clock is overdue.
	run env LAPOR_NOW=2026-11-16T03:00:00Z "$LAPOR" show 1
	[[ "$output" == *"Clock:       verification, overdue"* ]]
	# Routed and claimed: the first-response clock.
	"$LAPOR" --as coord31 verify 1 --agency 31.71 >/dev/null
	run "$LAPOR" show 1
	[[ "$output" == *"Clock:       first response, running"* ]]
	# Postponed, waiting for the citizen: paused since now.
	"$LAPOR" --as coord31 postpone 2 -m "Mohon sebutkan nama jalan." >/dev/null
	run "$LAPOR" show 2
	[[ "$output" == *"Clock:       verification, paused since 2026-11-02 10:00 WIB"* ]]
	# In Indonesian.
	run "$LAPOR" --lang id show 2
	[[ "$output" == *"Status SLA:  verifikasi, ditunda sejak 2 Nov 2026 10.00 WIB"* ]]
	# Closed: no clock.
	"$LAPOR" --as clerk3171 claim 1 >/dev/null
	"$LAPOR" --as sup3171 close 1 --resolution resolved >/dev/null
	run "$LAPOR" show 1
	[[ "$output" == *"Clock:       no clock"* ]]
}

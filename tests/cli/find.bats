#!/usr/bin/env bats
# Finding cases from the command line: ls and export with a query,
# search with snippets, saved queues with counts, the dashboard; and the
# privacy of all of them.

load helper

setup_cases() {
	make_db
	{
		report WEB-1 31.71 public "Jalan rusak di Menteng" "Aspal berlubang dekat sekolah."
		report WEB-2 31.71 secret "Pungutan liar di kelurahan" "Petugas minta uang rahasia."
		report WEB-3 32.73 public "Jalan rusak parah di Dago" "Lubang besar di tikungan."
		report WEB-4 31.71 public "Sampah menumpuk" "Bau busuk di pasar."
	} >"$BATS_TEST_TMPDIR/f.jsonl"
	"$LAPOR" import "$BATS_TEST_TMPDIR/f.jsonl" >/dev/null
	"$LAPOR" --as coord31 verify 1 --agency 31.71 >/dev/null
	"$LAPOR" --as coord31 verify 2 --agency 31.71 >/dev/null
	"$LAPOR" verify 3 --agency 32.73 >/dev/null
	"$LAPOR" --as clerk3171 claim 1 >/dev/null
	"$LAPOR" --as clerk3171 reply 1 -m "Kami akan menambal aspal minggu ini." >/dev/null
	"$LAPOR" --as clerk3171 note 2 -m "Saksi bernama Joko." >/dev/null
}

ids() { jq -r '[.[].id] | sort | map(tostring) | join(",")'; }

@test "ls QUERY: the positional words are a query, with the options" {
	setup_cases
	run "$LAPOR" ls --json jalan
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | ids)" = "1,3" ]
	run "$LAPOR" ls --json --agency 31.71 jalan
	[ "$(echo "$output" | ids)" = "1" ]
	run "$LAPOR" ls --json 'status:new' OR 'status:responded'
	[ "$(echo "$output" | ids)" = "1,4" ]
	run "$LAPOR" ls --json -- -status:new
	[ "$(echo "$output" | ids)" = "1,2,3" ]
}

@test "ls QUERY: one officer's cases are read from the assignee index" {
	setup_cases
	# Without statistics SQLite read a status index in id order and
	# filtered it, the whole status for an officer with none in it.
	run env LAPOR_TRACE_SQL=1 "$LAPOR" ls --json 'assignee:clerk3171 status:responded'
	[ "$status" -eq 0 ]
	[[ "$output" == *"INDEXED BY kase_assignee_status"* ]]
	run "$LAPOR" ls --json 'assignee:clerk3171 status:responded'
	[ "$(echo "$output" | ids)" = "1" ]
	run "$LAPOR" --as clerk3171 ls --json 'status:responded assignee:me'
	[ "$(echo "$output" | ids)" = "1" ]
	run "$LAPOR" ls --json 'assignee:clerk3171 status:new'
	[ "$(echo "$output" | ids)" = "" ]
	# Not when another branch may match without the officer.
	run env LAPOR_TRACE_SQL=1 "$LAPOR" ls --json 'assignee:clerk3171 OR status:new'
	[ "$status" -eq 0 ]
	[[ "$output" != *"INDEXED BY kase_assignee_status"* ]]
	run "$LAPOR" ls --json 'assignee:clerk3171 OR status:new'
	[ "$(echo "$output" | ids)" = "1,4" ]
}

@test "ls QUERY: escalated cases are read from their own index" {
	setup_cases
	"$LAPOR" --as sup3171 escalate 1 -m "Belum ditangani" >/dev/null
	run env LAPOR_TRACE_SQL=1 "$LAPOR" ls --json 'escalated status:responded'
	[ "$status" -eq 0 ]
	[[ "$output" == *"INDEXED BY kase_escalated"* ]]
	run "$LAPOR" ls --json escalated
	[ "$(echo "$output" | ids)" = "1" ]
	run "$LAPOR" ls --json -- -escalated
	[ "$(echo "$output" | ids)" = "2,3,4" ]
}

@test "ls QUERY: a bad query is a usage error naming the column" {
	setup_cases
	run "$LAPOR" ls 'kind:complaint stauts:new'
	[ "$status" -eq 64 ]
	[[ "$output" == *"column 16"* ]]
	[[ "$output" == *"stauts"* ]]
}

@test "export QUERY writes only the matching cases" {
	setup_cases
	run "$LAPOR" export region:32.*
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .id)" = "3" ]
	run "$LAPOR" export region:32.73.*
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}

@test "search: ranked, with the where and a highlighted snippet" {
	setup_cases
	run "$LAPOR" search --json menambal
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[0].id')" = 1 ]
	[ "$(echo "$output" | jq -r '.[0].where')" = reply ]
	[ "$(echo "$output" | jq -r '.[0].snippet')" = "Kami akan menambal aspal minggu ini." ]
	[ "$(echo "$output" | jq -c '.[0].highlights')" = "[[10,18]]" ]
	run "$LAPOR" search jalan rusak
	[ "$status" -eq 0 ]
	[[ "$output" == *"[Jalan] [rusak]"* ]]
	run "$LAPOR" search --limit 1 --json jalan
	[ "$(echo "$output" | jq length)" = 1 ]
	run "$LAPOR" search --limit 0 jalan
	[ "$status" -eq 64 ]
}

@test "search: a clerk never matches a secret case of another agency, nor the reporter" {
	setup_cases
	"$LAPOR" officer add clerk31 --name "Eko Clerk" --agency 31 --role clerk
	for who in coord31 clerk3273 clerk31; do
		run "$LAPOR" --as "$who" search --json pungutan
		[ "$(echo "$output" | jq length)" = 0 ]
		run "$LAPOR" --as "$who" search --json joko
		[ "$(echo "$output" | jq length)" = 0 ]
		run "$LAPOR" --as "$who" ls --json pungutan
		[ "$(echo "$output" | ids)" = "" ]
	done
	run "$LAPOR" --as clerk3171 search --json joko
	[ "$(echo "$output" | jq -r '.[0].where')" = note ]
	run "$LAPOR" search --json Siti
	[ "$(echo "$output" | jq length)" = 0 ]
}

@test "queue save, ls with counts, rm" {
	setup_cases
	run "$LAPOR" --as clerk3171 queue save mine assignee:me
	[ "$status" -eq 0 ]
	run "$LAPOR" --as clerk3171 queue save ours status:assigned --agency 31.71
	[ "$status" -eq 77 ]
	run "$LAPOR" --as sup3171 queue save ours status:assigned,responded --agency 31.71
	[ "$status" -eq 0 ]
	run "$LAPOR" --as sup3171 queue save theirs status:new --agency 32.73
	[ "$status" -eq 77 ]
	run "$LAPOR" --as clerk3171 queue ls --json
	[ "$(echo "$output" | jq -r '[.[] | "\(.name)=\(.count)"] | join(" ")')" = "mine=1 ours=2" ]
	run "$LAPOR" --as clerk3171 queue save bad 'stauts:x'
	[ "$status" -eq 64 ]
	run "$LAPOR" --as clerk3171 queue rm mine
	[ "$status" -eq 0 ]
	run "$LAPOR" --as clerk3171 queue rm mine
	[ "$status" -eq 66 ]
	run "$LAPOR" --as clerk3273 queue ls --json
	[ "$output" = "[]" ]
}

@test "dashboard: counts of the subtree; refused to a clerk" {
	setup_cases
	run "$LAPOR" dashboard --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq .total.open)" = 3 ]
	[ "$(echo "$output" | jq '.days | length')" = 30 ]
	[ "$(echo "$output" | jq '[.days[].received] | add')" = 4 ]
	run "$LAPOR" --as sup3171 dashboard --json
	[ "$(echo "$output" | jq .total.open)" = 2 ]
	run "$LAPOR" --as sup3171 dashboard
	[ "$status" -eq 0 ]
	[[ "$output" == *"Hot issues"* ]]
	run "$LAPOR" --as clerk3171 dashboard
	[ "$status" -eq 77 ]
}

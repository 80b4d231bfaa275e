#!/usr/bin/env bats
# Every exit status of lapor(1): 0, 1, 64, 65, 66, 74, 75, 77.

load helper

@test "64: usage errors print the command's usage line" {
	run "$LAPOR" frobnicate
	[ "$status" -eq 64 ]
	[[ "$output" =~ "lapor: " ]]
	run "$LAPOR" reply
	[ "$status" -eq 64 ]
	[[ "$output" =~ "usage: lapor reply ID (-m TEXT | -F FILE)" ]]
	run "$LAPOR" reply 1 --bogus
	[ "$status" -eq 64 ]
	[[ "$output" =~ "unknown option --bogus" ]]
	run "$LAPOR" reply abc -m x
	[ "$status" -eq 64 ]
	run "$LAPOR" reply 1
	[ "$status" -eq 64 ]
	run "$LAPOR" reply 1 -m x -F /dev/null
	[ "$status" -eq 64 ]
	run "$LAPOR" close 1 --resolution maybe
	[ "$status" -eq 64 ]
	run "$LAPOR" ls --status shiny
	[ "$status" -eq 64 ]
	run "$LAPOR" ls --limit many
	[ "$status" -eq 64 ]
	run "$LAPOR" transfer 1 -m x
	[ "$status" -eq 64 ]
	run "$LAPOR" export --format xml
	[ "$status" -eq 64 ]
	run "$LAPOR" show 1 2
	[ "$status" -eq 64 ]
	run "$LAPOR" reply 1 -m
	[ "$status" -eq 64 ]
	[[ "$output" =~ "needs an argument" ]]
}

@test "1: wrong status, and a stale --if-version names who changed the case" {
	make_db
	import_reports 1
	run "$LAPOR" --as clerk3171 claim 1
	[ "$status" -ne 0 ]
	run "$LAPOR" --as sup3171 close 1 --resolution resolved
	[ "$status" -ne 0 ]
	run "$LAPOR" --as coord31 close 1 --resolution resolved
	[ "$status" -ne 0 ]
	# The admin may do anything, but not close a new case.
	run "$LAPOR" close 1 --resolution resolved
	[ "$status" -eq 1 ]
	[[ "$output" =~ "lapor: " ]]

	v=$(case_field 1 version)
	"$LAPOR" --as coord31 verify 1 --agency 31.71 --if-version "$v"
	run "$LAPOR" --as sup3171 assign 1 --to clerk3171 --if-version "$v"
	[ "$status" -eq 1 ]
	[[ "$output" =~ coord31 ]]
	[ "$(case_field 1 assignee)" = null ]
}

@test "65: a bad import line, and a text over the size limit" {
	make_db
	{ report WEB-1 31.71 public "Judul" "Isi"; echo '{"tracking_id": "WEB-2", oops'; } \
		>"$BATS_TEST_TMPDIR/bad.jsonl"
	run "$LAPOR" import "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 65 ]
	[[ "$output" =~ "line 2" ]]
	[ "$("$LAPOR" ls --json | jq length)" = 0 ]

	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	truncate -s 2M "$BATS_TEST_TMPDIR/big.txt"
	run "$LAPOR" --as clerk3171 note 1 -F "$BATS_TEST_TMPDIR/big.txt"
	[ "$status" -eq 65 ]
	# Over the limit on stdin: refused without reading it all.
	run bash -c 'head -c 3000000 /dev/zero | tr "\0" a | "$LAPOR" --as clerk3171 note 1 -F -'
	[ "$status" -eq 65 ]
	printf 'bad \xff utf8' >"$BATS_TEST_TMPDIR/latin1.txt"
	run "$LAPOR" --as clerk3171 note 1 -F "$BATS_TEST_TMPDIR/latin1.txt"
	[ "$status" -eq 65 ]
}

@test "66: unknown case, agency, officer and file" {
	make_db
	import_reports 1
	run "$LAPOR" show 99
	[ "$status" -eq 66 ]
	run "$LAPOR" verify 1 --agency NOSUCH
	[ "$status" -eq 66 ]
	"$LAPOR" verify 1 --agency 31.71
	run "$LAPOR" assign 1 --to nobody.here
	[ "$status" -eq 66 ]
	run "$LAPOR" import "$BATS_TEST_TMPDIR/missing.jsonl"
	[ "$status" -eq 66 ]
	run "$LAPOR" note 1 -F "$BATS_TEST_TMPDIR/missing.txt"
	[ "$status" -eq 66 ]
	run "$LAPOR" officer add x.y --name X --agency NOSUCH --role clerk
	[ "$status" -eq 66 ]
	run "$LAPOR" ls --agency NOSUCH
	[ "$status" -eq 66 ]
	run "$LAPOR" --db "$BATS_TEST_TMPDIR/none.db" ls
	[ "$status" -eq 66 ]
	[[ "$output" =~ "lapor init" ]]
}

@test "77: a clerk acting outside its agency; an unknown login" {
	make_db
	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	run "$LAPOR" --as clerk3273 claim 1
	[ "$status" -eq 77 ]
	run "$LAPOR" --as clerk3273 show 1
	[ "$status" -eq 77 ]
	run "$LAPOR" --as aud31 note 1 -m "auditors only read"
	[ "$status" -eq 77 ]
	run "$LAPOR" --as no.such.officer ls
	[ "$status" -eq 77 ]
}

@test "77: a non-admin officer may not use --as" {
	command -v setpriv >/dev/null || skip "setpriv is missing"
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as another Unix user"
	scratch_dir as
	dir=$SCRATCH
	export LAPOR_DB="$dir/lapor.db"
	make_db
	"$LAPOR" officer add nobody --name "Nobody Clerk" --agency 31.71 --role clerk
	chmod 777 "$dir"
	chmod 666 "$dir"/lapor.db*
	run setpriv --reuid=nobody --regid=nogroup --clear-groups "$LAPOR" --as clerk3171 ls
	[ "$status" -eq 77 ]
	[[ "$output" =~ "--as" ]]
	run setpriv --reuid=nobody --regid=nogroup --clear-groups "$LAPOR" ls
	[ "$status" -eq 0 ]
	# Nor register officers.
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$LAPOR" officer add z.z --name Z --agency 31.71 --role clerk
	[ "$status" -eq 77 ]
}

@test "74: a database the user may not write" {
	command -v setpriv >/dev/null || skip "setpriv is missing"
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as another Unix user"
	scratch_dir ro
	dir=$SCRATCH
	export LAPOR_DB="$dir/lapor.db"
	make_db
	import_reports 1
	"$LAPOR" officer add nobody --name "Nobody Admin" --agency KEMENPANRB --role admin
	sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	chmod 755 "$dir"
	chmod 644 "$dir"/lapor.db*
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$LAPOR" verify 1 --agency 31.71
	[ "$status" -eq 74 ]
	[ "$(case_field 1 status)" = new ]
}

@test "75: the database is locked by another process" {
	make_db
	import_reports 1
	fifo="$BATS_TEST_TMPDIR/hold"
	mkfifo "$fifo"
	# sqlite3 takes the write lock and holds it until we close the fifo.
	sqlite3 "$LAPOR_DB" <"$fifo" >/dev/null &
	holder=$!
	exec 9>"$fifo"
	echo 'BEGIN IMMEDIATE; SELECT 1;' >&9
	sleep 0.5
	LAPOR_BUSY_TIMEOUT=200 run "$LAPOR" verify 1 --agency 31.71
	echo 'ROLLBACK;' >&9
	exec 9>&-
	wait "$holder"
	[ "$status" -eq 75 ]
	[[ "$output" =~ "busy" ]]
	run "$LAPOR" verify 1 --agency 31.71
	[ "$status" -eq 0 ]
}

@test "74: the disk is full (a file size limit); nothing is written" {
	command -v prlimit >/dev/null || skip "prlimit is missing"
	make_db
	"$PYTHON" -c '
import json
for i in range(3000):
    print(json.dumps({"tracking_id": "BIG-%d" % i, "kind": "complaint", "channel": "web",
        "submitted_at": "2026-11-01T10:00:00Z", "title": "t" * 200, "body": "b" * 2000,
        "category": "jalan", "region": "31.71", "privacy": "public"}))' \
		>"$BATS_TEST_TMPDIR/big.jsonl"
	before=$(db_sum)
	# Ignored, SIGXFSZ stays ignored in lapor, whose writes then fail with EFBIG.
	run bash -c 'trap "" XFSZ; exec prlimit --fsize=1000000 "$LAPOR" import "$1"' _ \
		"$BATS_TEST_TMPDIR/big.jsonl"
	[ "$status" -eq 74 ]
	[ "$(db_sum)" = "$before" ]
	[ "$("$LAPOR" ls --json | jq length)" = 0 ]
}

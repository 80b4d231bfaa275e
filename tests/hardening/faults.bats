#!/usr/bin/env bats
# Faults: a locked database (75, nothing changed), a read-only one (74 or
# 77, a clear message, reading still works), a full disk (74, intact and
# usable afterwards), a missing, damaged or foreign file (a clear
# message, never a crash), a schema from a newer lapor (refused, left as
# it is).  tests/cli/exits.bats has the first cases of 74 and 75.

load ../cli/helper

HERE="$BATS_TEST_DIRNAME"

# intact: the database passes integrity_check and lapor audit verify.
intact() {
	[ "$(sqlite3 "$LAPOR_DB" 'PRAGMA integrity_check')" = ok ]
	"$LAPOR" audit verify >/dev/null
}

# no_crash: the last `run` ended by exit, not by a signal or a sanitizer,
# and said why on one line that starts with "lapor: ".
no_crash() {
	[ "$status" -ne 0 ]
	[ "$status" -lt 128 ]
	[[ "$output" != *"Sanitizer"* ]]
	[[ "$output" != *"runtime error"* ]]
	[[ "$output" == "lapor: "* ]]
}

teardown() {
	if [ -n "${MNT:-}" ]; then
		umount "$MNT" 2>/dev/null || true
		rmdir "$MNT" 2>/dev/null || true
	fi
	if [ -n "${SCRATCH:-}" ]; then
		rm -rf "$SCRATCH"
	fi
}

@test "75: locked past the busy timeout, a reply and an import change nothing" {
	make_db
	import_reports 2
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	"$PYTHON" "$HERE/gen_reports.py" 50 LOCK >"$BATS_TEST_TMPDIR/l.jsonl"
	before=$(db_sum)
	fifo="$BATS_TEST_TMPDIR/hold"
	mkfifo "$fifo"
	sqlite3 "$LAPOR_DB" <"$fifo" >/dev/null &
	holder=$!
	exec 9>"$fifo"
	echo 'BEGIN EXCLUSIVE; SELECT 1;' >&9
	sleep 0.5
	LAPOR_BUSY_TIMEOUT=300 run "$LAPOR" --as clerk3171 reply 1 -m "terkunci"
	st_reply=$status out_reply=$output
	LAPOR_BUSY_TIMEOUT=300 run "$LAPOR" import "$BATS_TEST_TMPDIR/l.jsonl"
	st_import=$status out_import=$output
	echo 'ROLLBACK;' >&9
	exec 9>&-
	wait "$holder"
	echo "reply: $st_reply $out_reply; import: $st_import $out_import"
	[ "$st_reply" -eq 75 ]
	[ "$st_import" -eq 75 ]
	[[ "$out_reply" == *busy* ]]
	[ "$(db_sum)" = "$before" ]
	intact
	# And it works once the lock is gone.
	"$LAPOR" --as clerk3171 reply 1 -m "tidak terkunci"
	"$LAPOR" import "$BATS_TEST_TMPDIR/l.jsonl"
	[ "$("$LAPOR" ls --json --limit 1000 | jq length)" -eq 52 ]
}

@test "74/77: a read-only database: writes refused with a clear message, nothing changed" {
	command -v setpriv >/dev/null || skip "setpriv is missing"
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as another Unix user"
	scratch_dir ro
	export LAPOR_DB="$SCRATCH/lapor.db"
	make_db
	import_reports 2
	"$LAPOR" officer add nobody --name "Nobody Admin" --agency KEMENPANRB --role admin
	sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	chmod 755 "$SCRATCH"
	chmod 644 "$SCRATCH"/lapor.db*
	before=$(sha256sum "$LAPOR_DB")
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$LAPOR" "$@"; }
	run as_nobody note 1 -m "tidak bisa"
	echo "$output"
	[ "$status" -eq 74 ] || [ "$status" -eq 77 ]
	no_crash
	[[ "$output" == *"$LAPOR_DB is read-only"* ]]
	# (the reports on stdin: nobody may not read the test's directory)
	run bash -c 'setpriv --reuid=nobody --regid=nogroup --clear-groups "$LAPOR" import - <"$1"' \
		_ "$BATS_TEST_TMPDIR/reports.jsonl"
	[ "$status" -eq 74 ] || [ "$status" -eq 77 ]
	no_crash
	[ "$(sha256sum "$LAPOR_DB")" = "$before" ]
	[[ "$output" == *"$LAPOR_DB is read-only"* ]]
	# Reading works (the file opened immutable: no -wal or -shm to make)
	# and changes nothing.
	run as_nobody ls
	echo "ls: $status $output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Jalan rusak nomor 2"* ]]
	run as_nobody show 1
	[ "$status" -eq 0 ]
	[[ "$output" == *"Jalan rusak nomor 1"* ]]
	run as_nobody search rusak
	[ "$status" -eq 0 ]
	[[ "$output" == *"nomor 2"* ]]
	as_nobody audit verify
	[ "$(sha256sum "$LAPOR_DB")" = "$before" ]
	[ "$(ls "$SCRATCH")" = lapor.db ]
}

@test "74: a read-only file (chmod 444) in a writable directory: reads work, writes refused" {
	command -v setpriv >/dev/null || skip "setpriv is missing"
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as another Unix user"
	scratch_dir ro444
	export LAPOR_DB="$SCRATCH/lapor.db"
	make_db
	import_reports 2
	"$LAPOR" officer add nobody --name "Nobody Admin" --agency KEMENPANRB --role admin
	sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	chmod 777 "$SCRATCH"
	chmod 444 "$LAPOR_DB"
	before=$(sha256sum "$LAPOR_DB")
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$LAPOR" "$@"; }
	run as_nobody reply 1 -m "tidak bisa"
	echo "$output"
	[ "$status" -eq 74 ]
	no_crash
	[[ "$output" == *"$LAPOR_DB is read-only"* ]]
	run as_nobody ls --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq length)" -eq 2 ]
	# No -wal or -shm left behind owned by nobody (they would keep the
	# owner from writing once the file is writable again).
	[ "$(ls "$SCRATCH")" = lapor.db ]
	[ "$(sha256sum "$LAPOR_DB")" = "$before" ]
	chmod 644 "$LAPOR_DB"
	"$LAPOR" note 1 -m "bisa lagi"
	intact
}

@test "74: a full filesystem (a 3 MiB tmpfs): refused, intact and usable afterwards" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	MNT=$(mktemp -d /tmp/lapor-full.XXXXXX)
	mount -t tmpfs -o size=3m tmpfs "$MNT" || skip "cannot mount a tmpfs here"
	export LAPOR_DB="$MNT/lapor.db"
	make_db
	import_reports 3
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	"$PYTHON" "$HERE/hostile_corpus.py" "$BATS_TEST_TMPDIR/h.jsonl" /dev/null "$BATS_TEST_TMPDIR/mib.txt"
	# Fill the filesystem but for ~200 KiB.
	avail=$(df --output=avail -B1 "$MNT" | tail -1)
	head -c $((avail - 200 * 1024)) /dev/zero >"$MNT/filler" || true
	before=$(db_sum)
	run "$LAPOR" --as clerk3171 reply 1 -F "$BATS_TEST_TMPDIR/mib.txt"
	echo "$output"
	[ "$status" -eq 74 ]
	no_crash
	run "$LAPOR" import "$BATS_TEST_TMPDIR/h.jsonl"
	[ "$status" -eq 74 ]
	no_crash
	[ "$(db_sum)" = "$before" ]
	intact
	[ "$(case_field 1 event_count)" -eq 2 ]
	# Space again: the same commands succeed.
	rm -f "$MNT/filler"
	"$LAPOR" --as clerk3171 reply 1 -m "ada ruang lagi"
	[ "$(case_field 1 event_count)" -eq 3 ]
	intact
}

@test "74: a file size limit during a 1 MiB reply: refused, intact, usable" {
	command -v prlimit >/dev/null || skip "prlimit is missing"
	make_db
	import_reports 1
	"$LAPOR" --as coord31 verify 1 --agency 31.71
	"$PYTHON" "$HERE/hostile_corpus.py" "$BATS_TEST_TMPDIR/h.jsonl" /dev/null "$BATS_TEST_TMPDIR/mib.txt"
	sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	before=$(db_sum)
	run bash -c 'trap "" XFSZ; exec prlimit --fsize=600000 "$LAPOR" --as clerk3171 reply 1 -F "$1"' \
		_ "$BATS_TEST_TMPDIR/mib.txt"
	[ "$status" -eq 74 ]
	no_crash
	[ "$(db_sum)" = "$before" ]
	intact
	"$LAPOR" --as clerk3171 reply 1 -F "$BATS_TEST_TMPDIR/mib.txt"
	[ "$(case_field 1 event_count)" -eq 3 ]
}

@test "a missing database: a clear message naming lapor init, and no file made" {
	export LAPOR_DB="$BATS_TEST_TMPDIR/none/lapor.db"
	for cmd in "ls" "show 1" "reply 1 -m x" "import /dev/null" "audit verify" "search x" \
		"dashboard"; do
		# shellcheck disable=SC2086
		run "$LAPOR" $cmd
		echo "$cmd: $status $output"
		no_crash
		[[ "$output" == *"lapor init"* ]]
	done
	[ ! -e "$BATS_TEST_TMPDIR/none" ]
}

@test "a damaged or foreign file: a clear message, never a crash, never changed" {
	make_db
	import_reports 20
	sqlite3 "$LAPOR_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	size=$(stat -c %s "$LAPOR_DB")
	d="$BATS_TEST_TMPDIR/bad"
	mkdir "$d"
	head -c 100000 /dev/urandom >"$d/random.db"
	echo "not a database" >"$d/text.db"
	: >"$d/empty.db"
	head -c $((size / 2)) "$LAPOR_DB" >"$d/half.db"
	# Pages past the header overwritten with garbage.
	cp "$LAPOR_DB" "$d/pages.db"
	head -c 8192 /dev/urandom | dd of="$d/pages.db" bs=4096 seek=3 conv=notrunc status=none
	# The header's magic string damaged.
	cp "$LAPOR_DB" "$d/magic.db"
	printf 'SQLite formax 3' | dd of="$d/magic.db" conv=notrunc status=none
	for f in "$d"/*.db; do
		sum=$(sha256sum "$f")
		for cmd in "ls" "show 1" "show 1 --json" "reply 1 -m x" "audit verify" \
			"export --format csv"; do
			# shellcheck disable=SC2086
			LAPOR_DB=$f run "$LAPOR" $cmd
			echo "$(basename "$f") $cmd: $status $output"
			[ "$status" -lt 128 ]
			[[ "$output" != *"Sanitizer"* ]]
			[[ "$output" != *"runtime error"* ]]
			if [ "$status" -ne 0 ]; then
				[[ "$output" == *"lapor: "* ]]
			fi
		done
		# The damage is reported, not "repaired" by writing over it; an
		# empty file may become a database only through lapor init.
		[ "$(sha256sum "$f")" = "$sum" ]
	done
	LAPOR_DB="$d/random.db" run "$LAPOR" ls
	[ "$status" -eq 74 ]
	[[ "$output" == *"not a lapor database or is damaged"* ]]
}

@test "a schema from a newer lapor is refused and left as it is" {
	make_db
	import_reports 1
	sqlite3 "$LAPOR_DB" 'PRAGMA user_version = 99;'
	before=$(db_sum)
	for cmd in "ls" "show 1" "reply 1 -m x" "import /dev/null" "init" "audit verify"; do
		# shellcheck disable=SC2086
		run "$LAPOR" $cmd
		echo "$cmd: $status $output"
		no_crash
		[[ "$output" == *"newer"* ]]
	done
	[ "$(db_sum)" = "$before" ]
	[ "$(sqlite3 "$LAPOR_DB" 'PRAGMA user_version')" = 99 ]
}

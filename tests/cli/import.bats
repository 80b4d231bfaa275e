#!/usr/bin/env bats
# Import: idempotent, and all or nothing.

load helper

@test "importing the same file twice: same cases, database bytes unchanged" {
	make_db
	f="$BATS_TEST_TMPDIR/in.jsonl"
	for i in 1 2 3; do report "SMS-$i" 32.73 public "Sampah menumpuk $i" "Di pasar $i."; done >"$f"
	run "$LAPOR" import "$f"
	[ "$status" -eq 0 ]
	[[ "$output" =~ "3 new cases, 0 duplicates" ]]
	before=$(db_sum)
	cases_before=$("$LAPOR" export --format jsonl)
	run "$LAPOR" import "$f"
	[ "$status" -eq 0 ]
	[[ "$output" =~ "0 new cases, 3 duplicates" ]]
	[ "$(db_sum)" = "$before" ]
	[ "$("$LAPOR" export --format jsonl)" = "$cases_before" ]
	[ "$("$LAPOR" ls --json | jq -r '[.[].agency] | unique | join(",")')" = 32.73 ]
}

@test "an import with a bad line leaves the database byte for byte unchanged" {
	make_db
	import_reports 2
	before=$(db_sum)
	f="$BATS_TEST_TMPDIR/bad.jsonl"
	{
		report WEB-10 31.71 public "Baik" "Baris yang benar."
		report WEB-11 99.99 public "Wilayah tak dikenal" "Kode wilayah salah."
	} >"$f"
	run "$LAPOR" import "$f"
	[ "$status" -eq 65 ]
	[[ "$output" =~ "line 2" ]]
	[ "$(db_sum)" = "$before" ]
	[ "$("$LAPOR" ls --json | jq length)" = 2 ]
}

@test "import from stdin with --json statistics" {
	make_db
	for i in 1 2; do report "APP-$i" 35.78 public "Lampu mati $i" "Jalan gelap."; done \
		>"$BATS_TEST_TMPDIR/in.jsonl"
	run "$LAPOR" import - --json <"$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .created)" = 2 ]
	[ "$(echo "$output" | jq -r .lines)" = 2 ]
}

@test "only admins or root may import" {
	command -v setpriv >/dev/null || skip "setpriv is missing"
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as another Unix user"
	scratch_dir imp
	dir=$SCRATCH
	export LAPOR_DB="$dir/lapor.db"
	make_db
	"$LAPOR" officer add nobody --name "Nobody Clerk" --agency 31.71 --role clerk
	report WEB-1 31.71 public "Judul" "Isi" >"$dir/one.jsonl"
	chmod 777 "$dir"
	chmod 666 "$dir"/lapor.db* "$dir/one.jsonl"
	before=$(db_sum)
	run setpriv --reuid=nobody --regid=nogroup --clear-groups "$LAPOR" import "$dir/one.jsonl"
	[ "$status" -eq 77 ]
	[ "$(db_sum)" = "$before" ]
}

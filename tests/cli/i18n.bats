#!/usr/bin/env bats
# Bahasa Indonesia: the language from the locale, lapor.conf and --lang;
# Indonesian messages and dates; exit statuses and JSON unchanged.  The
# machine needs no id_ID locale (lapor falls back to C.UTF-8 + LANGUAGE).

load helper

# lapor in the environment of an officer whose locale is Indonesian.
lapor_id() {
	env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=id_ID.UTF-8 "$LAPOR" "$@"
}

@test "LANG=id_ID.UTF-8: an Indonesian error, the same exit status" {
	make_db
	run lapor_id show 999999
	[ "$status" -eq 66 ]
	[ "$output" = "lapor: tidak ada laporan 999999" ]
	run "$LAPOR" show 999999
	[ "$status" -eq 66 ]
	[ "$output" = "lapor: no case 999999" ]
}

@test "LC_ALL=id_ID.UTF-8 counts too; LANGUAGE alone does not switch" {
	make_db
	run env LC_ALL=id_ID.UTF-8 "$LAPOR" show 999999
	[ "$status" -eq 66 ]
	[ "$output" = "lapor: tidak ada laporan 999999" ]
	run env LANGUAGE=id "$LAPOR" show 999999
	[ "$output" = "lapor: no case 999999" ]
}

@test "--lang id and --lang en override the locale, before or after the command" {
	make_db
	run "$LAPOR" --lang id show 999999
	[ "$status" -eq 66 ]
	[ "$output" = "lapor: tidak ada laporan 999999" ]
	run "$LAPOR" show 999999 --lang=id
	[ "$output" = "lapor: tidak ada laporan 999999" ]
	run lapor_id --lang en show 999999
	[ "$status" -eq 66 ]
	[ "$output" = "lapor: no case 999999" ]
	run "$LAPOR" --lang fr show 1
	[ "$status" -eq 64 ]
	[[ "$output" =~ "--lang must be id or en" ]]
}

@test "set language id in lapor.conf; --lang still wins" {
	make_db
	mkdir -p "$XDG_CONFIG_HOME/lapor"
	echo "set language id" >"$XDG_CONFIG_HOME/lapor/lapor.conf"
	run "$LAPOR" show 999999
	[ "$status" -eq 66 ]
	[ "$output" = "lapor: tidak ada laporan 999999" ]
	run "$LAPOR" --lang en show 999999
	[ "$output" = "lapor: no case 999999" ]
	echo "set language en" >"$XDG_CONFIG_HOME/lapor/lapor.conf"
	run lapor_id show 999999
	[ "$output" = "lapor: no case 999999" ]
}

@test "usage errors and workflow refusals in Indonesian, statuses unchanged" {
	make_db
	import_reports 1
	run "$LAPOR" --lang id ls --bogus
	[ "$status" -eq 64 ]
	[[ "$output" =~ "opsi tidak dikenal --bogus" ]]
	run "$LAPOR" --lang id close 1 --resolution resolved
	[ "$status" -eq 1 ]
	[[ "$output" =~ "laporan 1 berstatus new" ]]
	run "$LAPOR" --lang id --as aud31 claim 1
	[ "$status" -eq 77 ]
	[[ "$output" =~ "Anda auditor" ]]
}

@test "dates in Indonesian form with the agency's zone" {
	make_db
	import_reports 1
	run "$LAPOR" show 1
	[ "$status" -eq 0 ]
	[[ "$output" =~ "2026-11-01 10:00 WIB" ]]
	run "$LAPOR" --lang id show 1
	[ "$status" -eq 0 ]
	[[ "$output" =~ "1 Nov 2026 10.00 WIB" ]]
	[[ "$output" =~ "Judul:" ]]
	[[ ! "$output" =~ "2026-11-01 10:00" ]]
}

@test "JSON output does not change with the language" {
	make_db
	import_reports 2
	"$LAPOR" verify 1 --agency 31.71 >/dev/null
	for cmd in "show 1" "log 1" "ls"; do
		# shellcheck disable=SC2086
		en=$("$LAPOR" --lang en $cmd --json)
		# shellcheck disable=SC2086
		id=$("$LAPOR" --lang id $cmd --json)
		[ -n "$en" ]
		[ "$en" = "$id" ]
	done
}

@test "help and plural counts in Indonesian" {
	make_db
	run "$LAPOR" --lang id help
	[ "$status" -eq 0 ]
	[[ "$output" =~ "Perintah:" ]]
	[[ "$output" =~ "tampilkan laporan dan riwayatnya" ]]
	run "$LAPOR" --lang id audit verify
	[ "$status" -eq 0 ]
	[[ "$output" =~ "audit ok: 0 laporan, 0 peristiwa diperiksa" ]]
}

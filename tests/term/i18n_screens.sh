#!/bin/bash
# i18n_screens.sh lang|locale: the console in Bahasa Indonesia at 80x24,
# chosen by `--lang id` (lang) or by LANG=id_ID.UTF-8 (locale; this
# machine need not have that locale generated).  Checks the queue list
# (Indonesian column headings, none cut, each column's heading over its
# values), the F-key bar, a case view (labels, values aligned), the help
# screen (Indonesian, wrapped, nothing cut) and the close dialog with its
# resolution picker, and that the case really is closed.
. "$(dirname "$0")/lib.sh"

MODE=${1:-lang}

# start_id COLS ROWS: the console in Indonesian in a fresh tmux session.
start_id() {
	local cols=$1 rows=$2 how
	case $MODE in
	lang) how="LANG=C.UTF-8 LC_ALL=C.UTF-8 $LAPOR --lang id --db $D" ;;
	locale) how="LANG=id_ID.UTF-8 $LAPOR --db $D" ;;
	*) fail "unknown mode $MODE (lang or locale)" ;;
	esac
	tm new-session -d -x "$cols" -y "$rows" \
		"env -u LC_ALL -u LC_MESSAGES -u LANGUAGE XDG_CONFIG_HOME=$XDG_CONFIG_HOME \
		 XDG_STATE_HOME=$XDG_STATE_HOME ${LAPOR_LOCALEDIR:+LAPOR_LOCALEDIR=$LAPOR_LOCALEDIR} \
		 $how; echo EXITED \$?; sleep 30" ||
		fail "tmux did not start"
	wait_for "LAPOR!" 5
}

# columns ROW: checks the case list's heading row against the rows below
# it: every heading is a whole Indonesian word, no heading is cut (…), and
# each column's values start (right-aligned number: end) under its heading.
columns() {
	screen | "$PYTHON" -c '
import sys
rows = sys.stdin.read().split("\n")
head = rows[int(sys.argv[1]) - 1]
want = ["No.", "Umur", "Tenggat", "Status", "Instansi", "Judul"]
words = head.split()
if words != want:
    print("headings are %r, want %r" % (words, want)); sys.exit(1)
if "\u2026" in head:
    print("a heading is cut: %r" % head); sys.exit(1)
pos = {w: head.index(w) for w in want}
no_end = pos["No."] + len("No.")
body = [r for r in rows[int(sys.argv[1]):] if r[:no_end].strip().isdigit()]
if len(body) < 5:
    print("only %d case rows under the headings" % len(body)); sys.exit(1)
for r in body:
    # The number column is right-aligned under "No.".
    if not r[no_end - 1].isdigit() or r[no_end] != " ":
        print("number not aligned under No.: %r" % r); sys.exit(1)
    for w in ("Umur", "Tenggat", "Status", "Instansi", "Judul"):
        x = pos[w]
        if r[x - 1] != " " or r[x] == " ":
            print("column %s (x=%d) not aligned in %r" % (w, x, r)); sys.exit(1)
' "$1" || fail "the case list columns are not right"
}

demo 300
set -- $(first_cases 2 --status in_progress)
A=$1
[ -n "$A" ] || fail "no in_progress case in the demo"

start_id 80 24

# The queue list (the first queue of an admin: To verify) and the F-key bar.
wait_line 2 "Tenggat"
wait_for "Perlu verifikasi ("
screen | sed -n 1p | grep -qF "urutan:" || fail "the header is not in Indonesian"
# Ages and deadlines in Indonesian units (the demo's cases are weeks
# old: "12mg", minggu), never the English "12w".
screen | sed -n 3p | grep -qE "^ +[0-9]+ +[0-9]+(mg|h|j) " || fail "the age is not in Indonesian units"
screen | sed -n '3,20p' | grep -qE " -?[0-9]+[wd] " && fail "an English duration unit is shown"
# A postponed case's clock is paused: its Due column says so.
screen | sed -n '3,22p' | grep -qE " ditunda +postponed " || fail "a paused clock is not shown as ditunda"
columns 2
wait_line 24 "Bantuan"
screen | sed -n 24p | grep -qF "Balas" || fail "the F-key bar lacks Balas (reply)"
screen | sed -n 24p | grep -qF "Keluar" || fail "the F-key bar lacks Keluar (quit)"
fits 80 || fail "the queue list is wider than 80 columns"

# Another queue: all open cases, sorted by last change.
keys Tab
wait_for "Antrean"
keys G Enter
wait_for "Semua laporan terbuka ("
columns 2
fits 80 || fail "the open cases list is wider than 80 columns"

# A case view: Indonesian labels, their values in one column.
keys o
wait_for "Buka laporan nomor:"
type_text "$A"
keys Enter
wait_for "Laporan $A"
for label in Jenis Status Pelapor Wilayah Petugas Tenggat Eskalasi; do
	line=$(screen | grep -E "^$label +" | head -1)
	[ -n "$line" ] || fail "the case view lacks the label $label"
	# Padded by display width to 12 columns and a space (the reporter's
	# value may itself start with blanks when the name is missing).
	[ "${line:12:1}" = " " ] && [ -z "$(echo "${line:${#label}:$((13 - ${#label}))}" | tr -d ' ')" ] ||
		fail "the label $label is not padded to column 13: $line"
	[ "$label" = Pelapor ] || [ "${line:13:1}" != " " ] ||
		fail "the value of $label does not start at column 14: $line"
done
screen | grep -qF "kategori" || fail "the case view lacks 'kategori'"
fits 80 || fail "the case view is wider than 80 columns"

# The help screen: every key's help in Indonesian, wrapped, none cut.
# Space pages through it; every page is kept in $T/help.
keys '?'
wait_for "Tombol: "
: >"$T/help"
for page in 1 2 3 4; do
	screen >>"$T/help"
	fits 80 || fail "the help screen is wider than 80 columns"
	keys Space
done
grep -E "^ *R, <F2> +reply +menjawab warga secara terbuka" "$T/help" >/dev/null ||
	fail "help lacks the Indonesian reply line"
grep -qF "menambahkan catatan internal" "$T/help" || fail "help lacks the note line"
grep -qF "Tombol huruf kecil untuk bergerak" "$T/help" || fail "help lacks its closing words"
grep -qF "…" "$T/help" && fail "a help line is cut instead of wrapped"
# A wrapped help line goes on under its own column (39).
grep -E "^ {39}[^ ]" "$T/help" >/dev/null || fail "no help line is wrapped under its column"
keys q
wait_gone "Tombol: "

# The close dialog: the resolution picker in Indonesian, then the
# closing words and the confirmation.
wait_for "Laporan $A"
keys C
wait_for "Tutup laporan $A: penyelesaiannya?"
wait_for "Ketik untuk menyaring:"
wait_for "Enter: pilih"
screen | grep -qF "masalahnya sudah diatasi" || fail "the picker lacks the resolved help"
screen | grep -E "partially_resolved +sebagian masalahnya sudah diatasi" >/dev/null ||
	fail "the picker lacks partially_resolved with its Indonesian help"
# The picker's frame: both borders straight, so no label pushed it out.
screen | "$PYTHON" -c '
import sys
rows = [r for r in sys.stdin.read().split("\n") if r.count("\u2502") >= 2]
if len(rows) < 5:
    print("no picker frame"); sys.exit(1)
edges = {(r.index("\u2502"), r.rindex("\u2502")) for r in rows}
if len(edges) != 1:
    print("picker borders not straight:", edges); sys.exit(1)
' || fail "the picker frame is broken"
fits 80 || fail "the picker is wider than 80 columns"
type_text "partially"
keys Enter
wait_for "Kata penutup (opsional):"
type_text "Sebagian jalan sudah ditambal."
keys Enter
wait_for "Tutup laporan $A sebagai partially_resolved? [y/N]"
keys y
wait_for "Laporan $A: close selesai (kini closed"
[ "$(field "$A" "d['status']")" = closed ] || fail "case $A is not closed"
[ "$(field "$A" "d['events'][-1]['detail']")" = partially_resolved ] ||
	fail "case $A: not closed as partially_resolved"
field "$A" "d['events'][-1]['text']" | grep -qF "Sebagian jalan sudah ditambal." ||
	fail "case $A: the closing words are not stored"

# A confirmation too long for the line: the question is cut, its [y/N]
# stays (here at 50 columns: archive a new case, then say no).
B=$(first_cases 1 --status new)
[ -n "$B" ] || fail "no new case in the demo"
keys q
tm resize-window -x 50 -y 24
sleep 0.3
keys o
type_text "$B"
keys Enter
wait_for "Laporan $B"
keys X
wait_for "apa alasannya?"
type_text "spam"
keys Enter
wait_for "Keterangan tambahan (opsional):"
keys Enter
wait_for "[y/N]"
screen | sed -n 23p | grep -E "^Arsipkan laporan $B .*… \[y/N\] *$" >/dev/null ||
	fail "the long question did not keep its [y/N]"
fits 50 || fail "the confirmation is wider than 50 columns"
keys n
wait_for "Dibatalkan; tidak ada yang berubah."
[ "$(field "$B" "d['status']")" = new ] || fail "case $B changed although the officer said no"

keys q
keys q
wait_for "EXITED 0" 5
echo "ok: the console in Indonesian ($MODE) at 80x24"

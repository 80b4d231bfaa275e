#!/usr/bin/env bats
# The privacy matrix: for every role (admin, coordinator, supervisor,
# clerk, auditor; inside the handling agency, above it, and in another
# agency) and every privacy level (public, anonymous, secret), every
# output path (show, ls, log, export jsonl and csv, --json, search,
# stats, dashboard, audit verify) is searched for the reporter's name, phone and
# email.  A value found where privacy.h says it is hidden fails the test;
# a value missing where it must be shown fails too (so the search works).
# The console's case view: tests/hardening/console.sh.

load ../cli/helper

# Reporter identities, one per privacy level (case 1 public, 2 anonymous,
# 3 secret), all handled by Kota Jakarta Pusat (31.71).
LEVELS=(public anonymous secret)
NAMES=("Publika Terbuka" "Anonima Tersembunyi" "Sekreta Rahasiawati")
PHONES=(081111000001 082222000002 083333000003)
EMAILS=(publika@warga.example anonima@warga.example sekreta@warga.example)

setup_matrix() {
	make_db
	"$LAPOR" officer add sup31 --name "Hadi Supervisor" --agency 31 --role supervisor
	"$LAPOR" officer add aud3171 --name "Lina Auditor" --agency 31.71 --role auditor
	"$LAPOR" officer add coord3171 --name "Joko Coordinator" --agency 31.71 --role coordinator
	"$LAPOR" officer add aud3273 --name "Eko Auditor" --agency 32.73 --role auditor
	local i f="$BATS_TEST_TMPDIR/m.jsonl"
	: >"$f"
	for i in 0 1 2; do
		jq -cn --arg tid "MTX-$i" --arg p "${LEVELS[$i]}" --arg n "${NAMES[$i]}" \
			--arg ph "${PHONES[$i]}" --arg e "${EMAILS[$i]}" \
			'{tracking_id: $tid, kind: "complaint", channel: "web",
			  submitted_at: "2026-11-01T10:00:00+07:00", title: ("Matriks " + $p),
			  body: ("Isi laporan matriks " + $p), category: "jalan", region: "31.71",
			  privacy: $p, reporter: {name: $n, phone: $ph, email: $e}}' >>"$f"
	done
	"$LAPOR" import "$f" >/dev/null
	for i in 1 2 3; do
		"$LAPOR" --as coord31 verify "$i" --agency 31.71 >/dev/null
		"$LAPOR" --as clerk3171 reply "$i" -m "Laporan matriks sedang diperiksa." >/dev/null
		"$LAPOR" --as sup3171 note "$i" -m "Catatan internal matriks." >/dev/null
	done
	# A citizen's follow-up message on each case.
	for i in 0 1 2; do
		message "MTX-$i" "Tambahan dari pelapor matriks."
	done >"$BATS_TEST_TMPDIR/msg.jsonl"
	"$LAPOR" import "$BATS_TEST_TMPDIR/msg.jsonl" >/dev/null
}

# Every output path of one officer into one file.
all_output() {
	local who=$1 out=$2 cmd i
	: >"$out"
	local cmds=("ls" "ls --json" "ls --limit 100 matriks" "export --format jsonl"
		"export --format csv" "dashboard" "dashboard --json" "audit verify"
		"search matriks" "search matriks --json" "stats" "stats --json --by officer"
		"stats --csv --by category")
	for i in 1 2 3; do
		cmds+=("show $i" "show $i --json" "log $i" "log $i --json")
	done
	for i in 0 1 2; do
		# Searching for the identity itself must not find it either.
		cmds+=("search ${NAMES[$i]%% *}" "search ${PHONES[$i]}" "search --json ${EMAILS[$i]%%@*}")
	done
	for cmd in "${cmds[@]}"; do
		# shellcheck disable=SC2086
		"$LAPOR" --as "$who" $cmd >>"$out" 2>&1 || true
	done
}

# may_see WHO LEVEL: privacy.h's rule for the reporter of a case handled
# by 31.71 (0: shown, 1: hidden).  Who sees the case at all: everyone at
# 31 or 31.71 and the admin; nobody at 32.73.
may_see() {
	local who=$1 level=$2
	case $who in
	"$(me)") return 0 ;;
	*3273) return 1 ;;
	esac
	case $level in
	public) return 0 ;;
	anonymous) return 1 ;;
	secret) [[ $who == *3171* ]] ;;
	esac
}

# Every officer's output, made once for both tests below: the matrix's
# database and each officer's every output path, in $BATS_FILE_TMPDIR.
setup_file() {
	BATS_TEST_TMPDIR=$BATS_FILE_TMPDIR setup
	BATS_TEST_TMPDIR=$BATS_FILE_TMPDIR setup_matrix
	local who
	for who in "$(me)" coord31 sup31 aud31 coord3171 sup3171 clerk3171 aud3171 \
		sup3273 clerk3273 aud3273; do
		all_output "$who" "$BATS_FILE_TMPDIR/all-$who"
	done
}

@test "privacy matrix: the reporter's name, phone and email leak on no output path" {
	local who i out leaks=() checked=0
	for who in "$(me)" coord31 sup31 aud31 coord3171 sup3171 clerk3171 aud3171 \
		sup3273 clerk3273 aud3273; do
		out="$BATS_FILE_TMPDIR/all-$who"
		for i in 0 1 2; do
			for v in "${NAMES[$i]}" "${PHONES[$i]}" "${EMAILS[$i]}"; do
				if may_see "$who" "${LEVELS[$i]}"; then
					# Shown where allowed: proves the values reach the output.
					grep -qF -- "$v" "$out" ||
						leaks+=("$who does not see $v (${LEVELS[$i]})")
				elif grep -qF -- "$v" "$out"; then
					leaks+=("LEAK: $who sees $v (${LEVELS[$i]}): $(grep -F -- "$v" "$out" |
						head -c 200)")
				fi
				checked=$((checked + 1))
			done
		done
	done
	printf '%s\n' "${leaks[@]}"
	[ "${#leaks[@]}" -eq 0 ]
	[ "$checked" -eq 99 ]
}

@test "privacy matrix: a secret case's title and body stay in the handling agency" {
	local who out
	for who in coord31 sup31 aud31 sup3273 clerk3273 aud3273; do
		out="$BATS_FILE_TMPDIR/all-$who"
		refute_in "$out" -F -e "Matriks secret" -e "Isi laporan matriks secret"
	done
	for who in "$(me)" coord3171 sup3171 clerk3171 aud3171; do
		out="$BATS_FILE_TMPDIR/all-$who"
		grep -qF "Isi laporan matriks secret" "$out"
	done
}

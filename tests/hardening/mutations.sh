#!/bin/bash
# mutations.sh: proves that the protection tests fail when their
# protection is removed.  Copies the source tree to a scratch directory,
# builds it once, then for each protection: removes it there (a sed edit
# of one line), rebuilds, runs the test that guards it, and reports
# whether that test failed (as it must), then puts the line back.  The
# tree it was run from is never changed.  Takes a few minutes; not part
# of `meson test`.  usage: tests/hardening/mutations.sh [SRCDIR]
set -uo pipefail
src=$(realpath "${1:-$(dirname "$0")/../..}")
work=$(mktemp -d /tmp/lapor-mutations.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
(cd "$src" && tar cf - --exclude='./build*' --exclude=./.git .) | tar xf - -C "$work/src"
cd "$work" || exit 1
meson setup b src >setup.log 2>&1 || { tail -5 setup.log; echo "setup failed"; exit 1; }
build() { ninja -C b -j2 tui/lapor tests/unit/test_bulk_intake >/dev/null 2>&1; }
build || { ninja -C b -j2 2>&1 | grep -m5 -E 'error|FAILED'; echo "build failed"; exit 1; }
export LAPOR=$work/b/tui/lapor SRCDIR=$work/src
bad=0

# mutate NAME FILE SED-EXPR TEST-COMMAND...
mutate() {
	local name=$1 file=$2 expr=$3 log="$work/$1.log"
	shift 3
	cp "src/$file" "$work/orig"
	sed -i "$expr" "src/$file"
	if cmp -s "src/$file" "$work/orig"; then
		echo "$name: the edit no longer applies (update mutations.sh)"
		bad=1
	elif ! build; then
		echo "$name: does not build without the protection (update mutations.sh)"
		bad=1
	elif "$@" >"$log" 2>&1; then
		echo "$name: NOT CAUGHT: the test passes without the protection"
		bad=1
	else
		echo "$name: caught ($(grep -m1 -E 'FAIL|not ok|ERROR' "$log" | cut -c1-100))"
	fi
	cp "$work/orig" "src/$file"
}

H=src/tests/hardening
# Terminal text: lp_safe_text copies its input unchanged.
raw='/char \*out = malloc(3 \* len + 1);/{n;n;n;s/^/\tmemcpy(out, in ? in : "", len); '
raw+='out[len] = 0; return out;\n/}'
mutate safetext core/safetext.c "$raw" bats $H/hostile.bats
mutate safetext-cli core/safetext.c "$raw" bats src/tests/cli/hostile.bats
# Privacy: anonymous reporters shown to everyone.
mutate privacy core/privacy.c \
	's/^\tcase LP_PRIVACY_ANONYMOUS:$/\tcase LP_PRIVACY_ANONYMOUS: return true;/' \
	bats $H/privacy.bats
# Faults: a full disk and a lock no longer recognised (other exit codes).
mutate disk-full db/sqlite/sq_stmt.c 's/case SQLITE_FULL:/case 4242:/' bats -f full $H/faults.bats
mutate busy db/sqlite/sq_stmt.c 's/\tcase SQLITE_BUSY:/\tcase 4243:/' bats -f 75 $H/faults.bats
# Read-only: no fallback to reading, or writes no longer refused up front.
mutate read-only-reads db/sqlite/sq_open.c \
	's/if (rc || sqlite3_db_readonly(q->db, "main") != 1)/if (rc || 1)/' \
	bats -f read-only $H/faults.bats
mutate read-only-writes db/sqlite/sq_open.c \
	's/if (write \&\& q->depth == 0 \&\& sqlite3_db_readonly(q->db, "main") == 1)/if (0)/' \
	bats -f read-only $H/faults.bats
# Bulk intake: triggers not created again, or no full-text fill.
mutate bulk-triggers db/sqlite/sq_bulk.c 's/rc = sq_exec(q, b->sql\[i\], err);/rc = LP_OK;/' \
	env CRASH_ROUNDS=1 bash $H/crash.sh
mutate bulk-triggers-unit db/sqlite/sq_bulk.c 's/rc = sq_exec(q, b->sql\[i\], err);/rc = LP_OK;/' \
	b/tests/unit/test_bulk_intake
mutate bulk-fts db/sqlite/sq_bulk.c \
	's/(rc = run_int(q, SQL_FILL_FTS, b->from, err)) != LP_OK ||/0 ||/' \
	env CRASH_ROUNDS=1 bash $H/crash.sh
mutate bulk-resync db/sqlite/sq_bulk.c 's/\t\tq->intake->resync = true;/\t\t;/' \
	b/tests/unit/test_bulk_intake
# All or nothing: an import commits every 100 new cases (a bad line then
# leaves part of the file; crash.sh sees half an import when a kill lands
# inside one: likely, not certain, so the unit test is the one run here).
split='s/^\t\tif (stats->created == BULK_AFTER \&\& !bulk) {/\t\tif (stats->created % 100 == 0'
split+=' \&\& stats->created \&\& !lp_store_commit(st, err)) lp_store_begin(st, true, err);\n&/'
mutate import-atomic core/intake.c "$split" b/tests/unit/test_bulk_intake
exit $bad

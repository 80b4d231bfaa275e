#!/bin/bash
# check_man_id.sh [SOURCE_ROOT]: man/id/lapor.1 keeps up with man/lapor.1.
#
# The Indonesian page translates the English one section by section, so
# the two must have the same number of .SH sections, and in each section
#  - the same .TP item heads (subcommands, exit codes, variables, privacy
#    levels, files: the words the program accepts, never translated),
#  - the same set of long options (\-\-name) and subcommand words.
# Both pages must also render with groff (tbl, man) without a warning.
# Exit 0 when all holds, 1 with the differences, 77 when groff is missing.
set -u
ROOT=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
EN=$ROOT/man/lapor.1
ID=$ROOT/man/id/lapor.1

# The Python to run: meson gives the one it runs under.
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
	echo "SKIP: $PYTHON is needed"
	exit 77
fi
[ -f "$EN" ] || { echo "FAIL: $EN is missing"; exit 1; }
[ -f "$ID" ] || { echo "FAIL: $ID is missing"; exit 1; }

"$PYTHON" - "$EN" "$ID" <<'PY' || exit 1
import re, shlex, sys

def sections(path):
    """The page as [(title, [lines])] per .SH (the part before the first .SH dropped)."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(".SH"):
            out.append((line[3:].strip().strip('"'), []))
        elif out:
            out[-1][1].append(line)
    return out

def head(line):
    """The first argument of a font macro line: the item's name."""
    m = re.match(r"\.(B|BI|BR|I|IR|IB|RB)\s+(.*)", line)
    if not m:
        return line.strip()
    try:
        args = shlex.split(m.group(2).replace("\\", "\\\\"), posix=True)
    except ValueError:
        args = m.group(2).split()
    return args[0].strip() if args else ""

def facts(lines):
    heads, opts = [], set()
    for i, line in enumerate(lines):
        if line.startswith(".\\\""):
            continue
        if line.strip() == ".TP" and i + 1 < len(lines):
            heads.append(head(lines[i + 1]))
        opts.update(re.findall(r"\\-\\-[a-z][a-z0-9]*(?:\\-[a-z0-9]+)*", line))
    return heads, opts

en, idn = sections(sys.argv[1]), sections(sys.argv[2])
bad = []
if len(en) != len(idn):
    bad.append("man/lapor.1 has %d sections (.SH), man/id/lapor.1 has %d:\n  %s\n  %s" % (
        len(en), len(idn), [t for t, _ in en], [t for t, _ in idn]))
for (te, le), (ti, li) in zip(en, idn):
    he, oe = facts(le)
    hi, oi = facts(li)
    if he != hi:
        miss = [h for h in he if h not in hi]
        extra = [h for h in hi if h not in he]
        bad.append("section %s / %s: items differ (missing in id: %s; only in id: %s%s)" % (
            te, ti, miss, extra, "; order differs" if not miss and not extra else ""))
    if oe - oi:
        bad.append("section %s / %s: options missing in id: %s" % (
            te, ti, sorted(o.replace("\\-", "-") for o in oe - oi)))
# Every option anywhere in the English page is somewhere in the Indonesian one.
alle = set().union(*(facts(l)[1] for _, l in en)) if en else set()
alli = set().union(*(facts(l)[1] for _, l in idn)) if idn else set()
if alle - alli:
    bad.append("options missing in man/id/lapor.1: %s" % sorted(
        o.replace("\\-", "-") for o in alle - alli))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

if ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: groff is not installed (the structure matched)"
	exit 77
fi
status=0
for page in "$EN" "$ID"; do
	warn=$(LC_ALL=C.UTF-8 groff -t -man -Tutf8 -ww -z "$page" 2>&1)
	if [ -n "$warn" ]; then
		echo "FAIL: $page renders with warnings:"
		echo "$warn"
		status=1
	fi
done
[ $status -eq 0 ] && echo "ok: man/id/lapor.1 matches man/lapor.1 and renders cleanly"
exit $status

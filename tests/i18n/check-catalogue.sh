#!/bin/sh
# check-catalogue.sh SRCDIR [WORKDIR]: fails when a user-visible string of
# the sources is not in po/id.po, or is there untranslated or fuzzy.
#
# Extracts a fresh template from every file of po/POTFILES (with the
# keywords of po/meson.build), first checking that POTFILES names every
# source under core/, db/ and tui/ that marks strings; then merges the
# Indonesian catalogue, po/id.po, into it.  Prints each missing,
# untranslated or fuzzy msgid with where it comes from.
set -eu
src=${1:?usage: check-catalogue.sh SRCDIR [WORKDIR]}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
rm -f "$work"/*.po "$work"/*.pot
cd "$src"
fail=0

# 1. POTFILES lists every source that marks strings.
grep -lE '(^|[^A-Za-z0-9_])(_|N_|P_|ngettext)\("' $(find core db tui -name '*.[ch]' | sort) |
	grep -vxE 'core/i18n.h|tui/i18n.h' >"$work/marked"
grep -v '^#' po/POTFILES | sed '/^$/d' | sort >"$work/listed"
if ! sort "$work/marked" | comm -23 - "$work/listed" >"$work/unlisted" || [ -s "$work/unlisted" ]; then
	echo "sources with marked strings missing from po/POTFILES:"
	sed 's/^/  /' "$work/unlisted"
	fail=1
fi

# 2. A fresh template from the sources.
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--keyword=ngettext:1,2 --keyword=X:3 --add-comments=TRANSLATORS: --package-name=lapor \
	-f "$work/listed" -o "$work/fresh.pot"

# 3. The catalogue: id.po's translated entries.
msgfmt --check -o /dev/null po/id.po
msgattrib --force-po --translated --no-fuzzy --no-obsolete -o "$work/have.po" po/id.po

# 4. Every msgid of the template translated, none fuzzy.
msgmerge --quiet --no-fuzzy-matching -o "$work/merged.po" "$work/have.po" "$work/fresh.pot"
msgattrib --force-po --no-wrap --untranslated --no-obsolete -o "$work/untranslated.po" "$work/merged.po"
msgattrib --force-po --no-wrap --only-fuzzy --no-obsolete -o "$work/fuzzy.po" "$work/merged.po"
for f in untranslated fuzzy; do
	n=$(grep -c '^msgid ' "$work/$f.po" 2>/dev/null || true)
	n=$((${n:-0} > 0 ? ${n:-0} - 1 : 0))   # minus the header
	if [ "$n" -gt 0 ]; then
		echo "$n $f message(s) in the sources:"
		grep -E '^(#:|msgid)' "$work/$f.po" | tail -n +2 | sed 's/^/  /'
		fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "catalogue: every marked string of the sources is translated"
exit "$fail"

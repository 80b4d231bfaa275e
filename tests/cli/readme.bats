#!/usr/bin/env bats
# The README's first command installs exactly the packages .ci/run
# installs (.ci/packages, one per line).

load helper

@test "README install line and .ci/packages agree" {
	readme="$SRCDIR/README.md"
	[ -f "$readme" ] && [ -f "$SRCDIR/.ci/packages" ]
	line=$(grep -m1 'apt-get install -y' "$readme")
	from_readme=$(echo "$line" | sed 's/.*apt-get install -y //; s/ *&&.*//' | tr ' ' '\n' |
		grep -v '^$' | sort)
	from_ci=$(grep -v '^#' "$SRCDIR/.ci/packages" | grep -v '^$' | sort)
	[ -n "$from_ci" ]
	[ "$from_readme" = "$from_ci" ]
}

@test "the README begins with the two commands" {
	readme="$SRCDIR/README.md"
	first=$(grep -m1 -n 'apt-get install -y' "$readme" | cut -d: -f1)
	second=$(grep -m1 -n 'meson test -C build' "$readme" | cut -d: -f1)
	[ "$first" -lt 12 ]
	[ "$second" -lt 20 ]
}

@test "the man page is well formed" {
	command -v groff >/dev/null || skip "groff is missing"
	run groff -t -ww -z -man "$SRCDIR/man/lapor.1"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

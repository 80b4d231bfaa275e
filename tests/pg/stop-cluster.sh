#!/bin/sh
# stop-cluster.sh: stops and removes a cluster made by start-cluster.sh.
#
# Usage: tests/pg/stop-cluster.sh [DIR]   (default: $LAPOR_TEST_PG_DIR)
set -eu

dir=${1:-${LAPOR_TEST_PG_DIR:-}}
case "$dir" in
/tmp/lapor-pg.*) ;;
*)
	echo "stop-cluster.sh: not a cluster of start-cluster.sh: '$dir'" >&2
	exit 64
	;;
esac
bindir=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -f "$dir/data/postmaster.pid" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	else
		"$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	fi
fi
rm -rf "$dir"

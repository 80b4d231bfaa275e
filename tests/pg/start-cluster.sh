#!/bin/sh
# start-cluster.sh: starts a throwaway PostgreSQL cluster for lapor's tests.
#
# Usage: eval "$(tests/pg/start-cluster.sh)"
#
# Runs initdb as the postgres user (CI runs as root) in a fresh directory
# under /tmp, listens on a socket in that directory and on 127.0.0.1 at a
# free port, trusts local connections (throwaway only), and prints shell
# assignments for LAPOR_TEST_PG_DIR (give it to stop-cluster.sh) and
# LAPOR_TEST_PG_URI (a superuser URI on the database "postgres").
# $PYTHON (default python3) finds the free port.
set -eu

bindir=""
if command -v pg_config >/dev/null 2>&1; then
	bindir=$(pg_config --bindir)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "start-cluster.sh: initdb not found; install postgresql" >&2
	exit 1
fi

as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

dir=$(mktemp -d /tmp/lapor-pg.XXXXXX)
chmod 755 "$dir"
mkdir "$dir/sock"
if [ "$(id -u)" -eq 0 ]; then
	chown -R postgres: "$dir"
fi

port=$("${PYTHON:-python3}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=$(if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi)

as_postgres "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 \
	--no-sync >"$dir/initdb.log" 2>&1 || {
	cat "$dir/initdb.log" >&2
	exit 1
}
as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	-o "-k $dir/sock -p $port -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
	start >/dev/null || {
	cat "$dir/server.log" >&2
	exit 1
}

echo "LAPOR_TEST_PG_DIR='$dir'; export LAPOR_TEST_PG_DIR;"
echo "LAPOR_TEST_PG_URI='postgresql://$user@127.0.0.1:$port/postgres'; export LAPOR_TEST_PG_URI;"

#!/bin/sh
# skip-without-pg.sh: runs a PostgreSQL test, or skips it (exit 77, the
# reason on stdout) when no server is given in $LAPOR_TEST_PG_URI.
if [ -z "${LAPOR_TEST_PG_URI:-}" ]; then
	echo "skipped: LAPOR_TEST_PG_URI is not set (start a server with tests/pg/start-cluster.sh)"
	exit 77
fi
exec "$@"

# pg_helper.bash: what the PostgreSQL bats tests share.  Needs $LAPOR
# (the program) and $LAPOR_TEST_PG_URI (a superuser URI; the tests skip
# without it).  Each test gets its own database on the server.  PYTHON
# names the Python to run (meson gives the one it runs under).

: "${PYTHON:=python3}"

pg_setup() {
	if [ -z "${LAPOR_TEST_PG_URI:-}" ]; then
		skip "LAPOR_TEST_PG_URI is not set (start a server with tests/pg/start-cluster.sh)"
	fi
	command -v psql >/dev/null || skip "psql is not installed"
	PGDB="lapor_bats_$$_${BATS_TEST_NUMBER}_$RANDOM"
	PGBASE="${LAPOR_TEST_PG_URI%/*}"        # postgresql://user@host:port
	PGHOST_PART="${PGBASE#postgresql://*@}" # host:port
	PGURI="$PGBASE/$PGDB"
	psql -qX "$LAPOR_TEST_PG_URI" -c "CREATE DATABASE \"$PGDB\"" >/dev/null
	export LAPOR_NOW=2026-11-28T09:00:00+07:00
}

pg_teardown() {
	if [ -n "${PGDB:-}" ]; then
		psql -qX "$LAPOR_TEST_PG_URI" -c "DROP DATABASE IF EXISTS \"$PGDB\" WITH (FORCE)" \
			>/dev/null 2>&1 || true
	fi
}

# The URI of the test database as the officer (role) $1.
pg_as() {
	echo "postgresql://$1@$PGHOST_PART/$PGDB"
}

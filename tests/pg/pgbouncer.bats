#!/usr/bin/env bats
# pgbouncer.bats: lapor through PgBouncer in session pooling mode, as the
# README advises for short-lived `lapor` processes: each officer's
# processes reuse one server session (pool size 1, so the test sees it
# reused), and each still reads and acts with its own rights, its actions
# keep their versions, and nothing one process set on the session reaches
# the next.  Skips without pgbouncer (CI installs it).

load pg_helper

setup() {
	pg_setup
	command -v pgbouncer >/dev/null || skip "pgbouncer is not installed"
	"$LAPOR" --db "$PGURI" demo --cases 60 --seed 5 >/dev/null
	ADMIN=$(psql -qXAt "$PGURI" -c \
		"SELECT login FROM officer WHERE role = 'admin' ORDER BY login LIMIT 1")
	CLERK=$(psql -qXAt "$PGURI" -c "SELECT o.login FROM officer o WHERE o.role = 'clerk'
		AND EXISTS (SELECT 1 FROM kase k WHERE k.agency = o.agency
			    AND k.status IN ('assigned', 'in_progress'))
		ORDER BY o.login LIMIT 1")
	[ -n "$ADMIN" ] && [ -n "$CLERK" ]
	BOUNCER=$(mktemp -d /tmp/lapor-pgb.XXXXXX)
	BPORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	local host=${PGHOST_PART%:*} port=${PGHOST_PART##*:}
	cat >"$BOUNCER/pgbouncer.ini" <<-EOF
		[databases]
		$PGDB = host=$host port=$port dbname=$PGDB
		[pgbouncer]
		listen_addr = 127.0.0.1
		listen_port = $BPORT
		unix_socket_dir = $BOUNCER
		auth_type = trust
		auth_file = $BOUNCER/users.txt
		pool_mode = session
		server_reset_query = DISCARD ALL
		default_pool_size = 1
		logfile = $BOUNCER/pgbouncer.log
		pidfile = $BOUNCER/pgbouncer.pid
	EOF
	printf '"%s" ""\n' "$ADMIN" "$CLERK" >"$BOUNCER/users.txt"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres "$BOUNCER"
		runuser -u postgres -- pgbouncer -d "$BOUNCER/pgbouncer.ini"
	else
		pgbouncer -d "$BOUNCER/pgbouncer.ini"
	fi
	for _ in $(seq 50); do
		[ -s "$BOUNCER/pgbouncer.pid" ] && break
		sleep 0.1
	done
}

teardown() {
	if [ -n "${BOUNCER:-}" ] && [ -s "$BOUNCER/pgbouncer.pid" ]; then
		kill "$(cat "$BOUNCER/pgbouncer.pid")" 2>/dev/null || true
		sleep 0.2
	fi
	[ -n "${BOUNCER:-}" ] && rm -rf "$BOUNCER"
	pg_teardown
}

# The URI of the test database as officer $1, through the bouncer.
via() {
	echo "postgresql://$1@127.0.0.1:$BPORT/$PGDB"
}

@test "officers' processes share a pooled session and keep their own rights" {
	# One server session per officer, reused by each process.
	a=$(psql -qXAt "$(via "$ADMIN")" -c "SELECT pg_backend_pid()")
	b=$(psql -qXAt "$(via "$ADMIN")" -c "SELECT pg_backend_pid()")
	[ -n "$a" ] && [ "$a" = "$b" ]
	# Each reads what it reads directly: the admin all, the clerk less.
	for who in "$ADMIN" "$CLERK"; do
		direct=$("$LAPOR" --db "$(pg_as "$who")" ls --limit 1000 --json)
		pooled=$("$LAPOR" --db "$(via "$who")" ls --limit 1000 --json)
		[ "$direct" = "$pooled" ]
	done
	all=$("$LAPOR" --db "$(via "$ADMIN")" ls --limit 1000 --json | "$PYTHON" -c \
		'import json,sys; print(len(json.load(sys.stdin)))')
	own=$("$LAPOR" --db "$(via "$CLERK")" ls --limit 1000 --json | "$PYTHON" -c \
		'import json,sys; print(len(json.load(sys.stdin)))')
	[ "$all" -eq 60 ]
	[ "$own" -gt 0 ] && [ "$own" -lt "$all" ]
	# The clerk's search, pooled, is the clerk's.
	[ "$("$LAPOR" --db "$(via "$CLERK")" search jalan --limit 50 --json)" = \
		"$("$LAPOR" --db "$(pg_as "$CLERK")" search jalan --limit 50 --json)" ]
}

@test "actions through the bouncer keep their versions, and refuse stale ones" {
	id=$(psql -qXAt "$PGURI" -c "SELECT id FROM kase WHERE status IN ('assigned', 'in_progress')
		ORDER BY id LIMIT 1")
	v=$(psql -qXAt "$PGURI" -c "SELECT version FROM kase WHERE id = $id")
	run "$LAPOR" --db "$(via "$ADMIN")" note "$id" -m "lewat pgbouncer" --if-version "$v"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(psql -qXAt "$PGURI" -c "SELECT version FROM kase WHERE id = $id")" -eq $((v + 1)) ]
	# The next process, on the same pooled session, is refused the old version.
	run "$LAPOR" --db "$(via "$ADMIN")" note "$id" -m "basi" --if-version "$v"
	[ "$status" -eq 1 ]
	[[ "$output" == *"changed since"* ]]
	run "$LAPOR" --db "$(via "$ADMIN")" audit verify
	[ "$status" -eq 0 ]
}

@test "nothing one process sets on the session reaches the next" {
	# A process that sets things on its session (as psql would through
	# lapor's pool: a read-only session, a lock timeout) leaves nothing
	# for the next: the bouncer's DISCARD ALL resets the session.
	psql -qXAt "$(via "$ADMIN")" -c "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY" \
		-c "SET lock_timeout = 1" -c "LISTEN elsewhere" >/dev/null
	[ "$(psql -qXAt "$(via "$ADMIN")" -c "SHOW default_transaction_read_only")" = off ]
	id=$(psql -qXAt "$PGURI" -c "SELECT id FROM kase WHERE status IN ('assigned', 'in_progress')
		ORDER BY id LIMIT 1")
	run "$LAPOR" --db "$(via "$ADMIN")" note "$id" -m "sesi bersih"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(psql -qXAt "$(via "$ADMIN")" -c "SELECT count(*) FROM pg_listening_channels()")" = 0 ]
}

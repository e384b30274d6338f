#!/bin/sh
# Entrypoint of Flyback's local PostgreSQL test image (built by .ci/build-postgres-image from Debian's packages).
# It behaves like the official postgres image where Testcontainers looks: POSTGRES_USER, POSTGRES_PASSWORD and
# POSTGRES_DB are honoured, and "database system is ready to accept connections" is logged twice (once here, once by
# the real server), which is what PostgreSQLContainer waits for.
set -e
PATH=/usr/lib/postgresql/15/bin:$PATH
PGDATA=/var/lib/postgresql/data
POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
printf '%s\n' "${POSTGRES_PASSWORD:-postgres}" > /tmp/pwfile
chown postgres /tmp/pwfile
runuser -u postgres -- initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile=/tmp/pwfile \
    --auth-host=scram-sha-256 --auth-local=trust >/dev/null
rm -f /tmp/pwfile
echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
if [ "$POSTGRES_DB" != "postgres" ]; then
    runuser -u postgres -- postgres --single -D "$PGDATA" postgres >/dev/null <<SQL
CREATE DATABASE "$POSTGRES_DB";
SQL
fi
echo "LOG:  database system is ready to accept connections (initialisation)"
[ "$1" = "postgres" ] && shift
exec runuser -u postgres -- postgres -D "$PGDATA" -c listen_addresses='*' "$@"

#!/usr/bin/env bash
# Runs a command with DATABASE_URL on a throwaway PostgreSQL cluster, removed afterwards.
# Used by `make test` to run the whole suite on PostgreSQL (and Redis) as well as SQLite:
#   tests/with_postgres.sh tests/with_redis.sh .venv/bin/pytest
# Needs Debian's postgresql package (`make tools` installs it as root). As root the
# cluster runs as the postgres user, as PostgreSQL requires.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (Debian/Ubuntu: sudo apt-get install postgresql)." >&2
  exit 1
fi
port=${LEERKRING_TEST_PG_PORT:-55432}
dir=$(mktemp -d /tmp/leerkring-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_owner() { su postgres -s /bin/sh -c "$1"; }
else
  as_owner() { sh -c "$1"; }
fi
stop() {
  as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_owner "'$bin/initdb' -D '$dir/data' -U leerkring --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
# fsync off: a test cluster that is thrown away needs no durability.
as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=120\" start" >/dev/null
DATABASE_URL="postgres://leerkring@127.0.0.1:$port/postgres" "$@"

#!/usr/bin/env bash
# Runs a command with the shared cache on a throwaway Redis server, stopped afterwards.
# Used by `make test` for the production-stack pass (with tests/with_postgres.sh):
#   tests/with_postgres.sh tests/with_redis.sh .venv/bin/pytest
# Needs Debian's redis-server package (`make tools` installs it as root).
set -euo pipefail
if ! command -v redis-server >/dev/null; then
  echo "Redis is not installed (Debian/Ubuntu: sudo apt-get install redis-server)." >&2
  exit 1
fi
port=${LEERKRING_TEST_REDIS_PORT:-56379}
dir=$(mktemp -d /tmp/leerkring-redis.XXXXXX)
stop() {
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
# Nothing is kept on disk: the cache of a test run is thrown away with it.
redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/log"
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
CACHE_BACKEND=django.core.cache.backends.redis.RedisCache \
CACHE_LOCATION="redis://127.0.0.1:$port/0" "$@"

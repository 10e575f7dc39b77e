# Sourced by .ci/run: start a throw-away PostgreSQL and export TEST_DATABASE_URL, so the
# store tests run against it as well as SQLite. Installs Debian's postgresql if needed.
start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed and we are not root: store tests run on SQLite only"
      return 0
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin dir port
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  dir=$(mktemp -d /tmp/pmhc-ci-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    run_pg() { runuser -u postgres -- "$@"; }
  else
    run_pg() { "$@"; }
  fi
  run_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  run_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  PG_STOP="$bin/pg_ctl -D $dir/data -m fast stop"
  trap 'run_pg $PG_STOP >/dev/null 2>&1 || true' EXIT
  run_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres bot_test
  export TEST_DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:$port/bot_test"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port for the store tests"
}

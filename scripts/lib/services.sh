# Helpers for scripts/test.sh: install Debian packages when missing, start and stop throwaway services.
# Sourced, not run. Every function is idempotent.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

APT_UPDATED=0
# ensure_packages PKG... : installs the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# free_port START : prints the first TCP port from START on that nothing listens to on 127.0.0.1.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

PG_BIN=""
PG_DATA=""
PG_USER_RUN=()
# start_postgres : starts a throwaway PostgreSQL cluster on a free port and exports PERMANENCE_TEST_POSTGRES.
start_postgres() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ]; then echo "error: PostgreSQL binaries not found" >&2; return 1; fi
  PG_DATA=$(mktemp -d /tmp/permanence-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    # The server refuses to run as root.
    chown postgres "$PG_DATA"
    PG_USER_RUN=(runuser -u postgres --)
  fi
  local port; port=$(free_port 55432)
  "${PG_USER_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DATA/db" -A trust -U postgres >/dev/null
  "${PG_USER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/db" -l "$PG_DATA/db/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  export PERMANENCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Maximum Pool Size=50"
  export PERMANENCE_REQUIRE_POSTGRES=1
  echo "==> PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  [ -n "$PG_DATA" ] || return 0
  "${PG_USER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/db" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"
  PG_DATA=""
}

SMTP_PID=""
SMTP_DIR=""
# start_smtp_sink : starts an aiosmtpd SMTP sink on a free port that writes every message to a folder, and exports
# PERMANENCE_TEST_SMTP (host:port) and PERMANENCE_TEST_SMTP_DIR (the folder).
start_smtp_sink() {
  SMTP_DIR=$(mktemp -d /tmp/permanence-smtp.XXXXXX)
  local port; port=$(free_port 2525)
  local lib; lib="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  # The Debian package installs for the system interpreter, which another python3 on PATH (pyenv) would not see.
  local python=/usr/bin/python3; [ -x "$python" ] || python=python3
  PERMANENCE_SMTP_SINK_DIR="$SMTP_DIR" PYTHONPATH="$lib" \
    "$python" -m aiosmtpd -n -l "127.0.0.1:$port" -c smtp_sink.FolderHandler >"$SMTP_DIR.log" 2>&1 &
  SMTP_PID=$!
  local tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 50 ] || ! kill -0 "$SMTP_PID" 2>/dev/null; then
      echo "error: the SMTP sink did not start (see $SMTP_DIR.log)" >&2; return 1
    fi
    sleep 0.1
  done
  export PERMANENCE_TEST_SMTP="127.0.0.1:$port"
  export PERMANENCE_TEST_SMTP_DIR="$SMTP_DIR"
  export PERMANENCE_REQUIRE_SMTP=1
  echo "==> SMTP sink on 127.0.0.1:$port writing to $SMTP_DIR"
}

stop_smtp_sink() {
  [ -n "$SMTP_PID" ] || return 0
  kill "$SMTP_PID" 2>/dev/null || true
  wait "$SMTP_PID" 2>/dev/null || true
  rm -rf "$SMTP_DIR" "$SMTP_DIR.log"
  SMTP_PID=""
  SMTP_DIR=""
}

REDIS_DIR=""
REDIS_PORT=""
# start_redis : starts a throwaway Redis server (no persistence) on a free port and exports PERMANENCE_TEST_REDIS.
start_redis() {
  REDIS_DIR=$(mktemp -d /tmp/permanence-redis.XXXXXX)
  REDIS_PORT=$(free_port 56379)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$REDIS_DIR" \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  local tries=0
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 50 ]; then echo "error: Redis did not start (see $REDIS_DIR/redis.log)" >&2; return 1; fi
    sleep 0.1
  done
  export PERMANENCE_TEST_REDIS="127.0.0.1:$REDIS_PORT"
  export PERMANENCE_REQUIRE_REDIS=1
  echo "==> Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$REDIS_PORT"
}

stop_redis() {
  [ -n "$REDIS_DIR" ] || return 0
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$REDIS_DIR"
  REDIS_DIR=""
  REDIS_PORT=""
}

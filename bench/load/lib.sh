# Helpers for the load scripts in bench/load: build in Release, start and stop the web host, record figures.
# Sourced, not run. Expects REPO (repository root) and WORK (a temp dir the caller removes) to be set.

# shellcheck source=../../scripts/lib/services.sh
. "$REPO/scripts/lib/services.sh"

SERVER_PID=""
SERVER_URL=""
API_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# build_release : builds the web host and the load driver in Release.
build_release() {
  echo "==> building in Release"
  dotnet build -c Release --nologo -v quiet "$REPO/src/Permanence.Web/Permanence.Web.csproj" >"$WORK/build-web.log" 2>&1 \
    || { cat "$WORK/build-web.log"; return 1; }
  dotnet build -c Release --nologo -v quiet "$REPO/bench/Permanence.LoadTests/Permanence.LoadTests.csproj" >"$WORK/build-load.log" 2>&1 \
    || { cat "$WORK/build-load.log"; return 1; }
}

# start_server sqlite|postgres [CONNECTION_STRING] : runs the built web host on a free loopback port, waits for /health.
start_server() {
  local provider=$1 port
  port=$(free_port 5180)
  SERVER_URL="http://127.0.0.1:$port"
  local env=(ASPNETCORE_ENVIRONMENT=Production Security__RequireTwoFactor=false Demo__Enabled=false Bootstrap__ApiKey="$API_KEY")
  if [ "$provider" = postgres ]; then
    env+=(Database__Provider=Postgres "ConnectionStrings__Postgres=$2")
  else
    env+=(Database__Provider=Sqlite "ConnectionStrings__Sqlite=Data Source=$WORK/permanence.db")
  fi
  local out="$REPO/src/Permanence.Web/bin/Release/net10.0"
  # The content root is the output folder, where appsettings.json is copied.
  (cd "$out" && exec env "${env[@]}" dotnet Permanence.Web.dll --urls "$SERVER_URL") >"$WORK/server-$provider.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$SERVER_URL/health" >/dev/null 2>&1; then
      echo "==> web host ($provider) on $SERVER_URL, pid $SERVER_PID"
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "error: the web host did not start" >&2
  tail -n 40 "$WORK/server-$provider.log" >&2
  return 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# load_driver ARGS... : runs the Release build of bench/Permanence.LoadTests.
load_driver() {
  dotnet "$REPO/bench/Permanence.LoadTests/bin/Release/net10.0/Permanence.LoadTests.dll" "$@"
}

# create_database NAME : creates NAME in the cluster of start_postgres and prints its connection string.
create_database() {
  local port
  port=$(echo "$PERMANENCE_TEST_POSTGRES" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
  "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE $1" >/dev/null
  echo "$PERMANENCE_TEST_POSTGRES;Database=$1"
}

# machine_facts : one line about the machine the figures come from.
machine_facts() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr), .NET $(dotnet --version)"
}

# write_section HEADING FILE : writes FILE's text as the "latest run" block of the section HEADING of bench/RESULTS.md,
# between the two latest-run markers, and keeps everything else in the file (history rows, notes). Without markers the
# block is appended at the end of the section; without the section, the section is appended at the end of the file.
write_section() {
  local heading=$1 body=$2 results="$REPO/bench/RESULTS.md"
  [ -f "$results" ] || printf '# Benchmark results\n\nFigures written by the scripts in `bench/load` (and BenchmarkDotNet runs). Compare ratios measured in one run, not absolute numbers across machines.\n' >"$results"
  awk -v heading="$heading" -v body="$body" '
    function emit(   line) {
      print "<!-- latest-run:start (written by the script; everything outside these markers is kept) -->"
      print ""
      while ((getline line < body) > 0) print line
      close(body)
      print ""
      print "<!-- latest-run:end -->"
      done = 1
    }
    $0 == heading { inside = 1; found = 1; print; next }
    skipping { if ($0 ~ /^<!-- latest-run:end/) skipping = 0; next }
    inside && /^<!-- latest-run:start/ { skipping = 1; emit(); next }
    inside && /^## / { if (!done) { emit(); print "" } inside = 0 }
    { print }
    END {
      if (inside && !done) { print ""; emit() }
      if (!found) { printf "\n%s\n\n", heading; emit() }
    }' "$results" >"$WORK/RESULTS.md"
  mv "$WORK/RESULTS.md" "$results"
}

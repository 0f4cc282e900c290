#!/usr/bin/env bash
# Load test of the call-event API: the web host in Release on a throwaway PostgreSQL cluster, N signed events posted by
# K concurrent workers over loopback, compared with GET /health in the same run; then the time until every
# acknowledged event is derived (the call's state and the distributor follow the 202 asynchronously), and a check of
# what is stored: the rows of call_events (the replays posted on purpose must not add any) and every call's derived
# state against what its events give, to prove no event was lost or counted twice.
# Both endpoints are first warmed up with the same number of unmeasured requests (default: as many as the measured
# events), so neither phase pays the JIT compiler's promotion of its hot methods, and the driver refreshes the
# database's statistics (ANALYZE) before the measured events, as autovacuum keeps them on a long-running database.
# Then two floors, in the machine's CPU per request or event (all processes): the events posted with a wrong signature
# (what an event costs before anything is stored), and, with the host stopped, the host's accept stage alone in the
# driver's process (EventLoad store-floor); together they bound what any ingestion that stores before it answers can
# reach against /health on this machine.
# Usage: bench/load/event-ingestion.sh [events=4000] [workers=16] [replays=500] [warm-up=events]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-4000}
WORKERS=${2:-16}
REPLAYS=${3:-500}
WARMUP=${4:-$EVENTS}
source scripts/lib/services.sh
# The host's log goes to a folder of this run, so two runs at once do not write into each other's log.
WORK=$(mktemp -d)
WEB_LOG="$WORK/web.log"
trap 'kill "$WEB_PID" 2>/dev/null || true; stop_postgres; rm -rf "$WORK"' EXIT
start_postgres
DATABASE="permanence_load_$$"
CONNECTION="$PERMANENCE_TEST_POSTGRES;Database=$DATABASE"
API_KEY="load-bootstrap-key-0123456789abcdef"
SECRET="load-event-signing-secret-0123456789"
PORT=$(free_port 5390)

dotnet build -c Release src/Permanence.Web -v q -nologo >/dev/null
dotnet build -c Release bench/Permanence.EventLoad -v q -nologo >/dev/null

ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
  Database__Provider=Postgres ConnectionStrings__Postgres="$CONNECTION" \
  Bootstrap__ApiKey="$API_KEY" Telephony__EventSigningSecret="$SECRET" Demo__Enabled=false \
  Logging__LogLevel__Default=Warning Serilog__MinimumLevel__Default=Warning \
  dotnet src/Permanence.Web/bin/Release/net10.0/Permanence.Web.dll >"$WEB_LOG" 2>&1 &
WEB_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  sleep 0.5
done
if ! curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; then
  echo "error: the web host did not start; its log:" >&2
  tail -n 40 "$WEB_LOG" >&2
  exit 1
fi

set +e
dotnet bench/Permanence.EventLoad/bin/Release/net10.0/Permanence.EventLoad.dll \
  "http://127.0.0.1:$PORT" "$API_KEY" "$SECRET" "$EVENTS" "$WORKERS" "$REPLAYS" "$WARMUP" "$CONNECTION" | tee "$WORK/load.txt"
LOAD_STATUS=${PIPESTATUS[0]}
set -e

PSQL=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
PGPORT=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PERMANENCE_TEST_POSTGRES")
read -r ROWS DISTINCT < <("$PSQL" -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DATABASE" -At -F ' ' \
  -c "select count(*), count(distinct \"EventId\") from call_events")
STORED=$((WARMUP + EVENTS))
echo "call_events rows: $ROWS, distinct event ids: $DISTINCT (expected $STORED: $WARMUP warm-up and $EVENTS measured; replays posted: $REPLAYS)"
# The store floor: the host's accept stage alone, in the driver's process, on the same database with the host stopped
# (its derivation sweep would otherwise run meanwhile).
kill "$WEB_PID" 2>/dev/null || true
wait "$WEB_PID" 2>/dev/null || true
set +e
dotnet bench/Permanence.EventLoad/bin/Release/net10.0/Permanence.EventLoad.dll store-floor "$CONNECTION" "$EVENTS" "$WORKERS" | tee "$WORK/floor.txt"
FLOOR_STATUS=${PIPESTATUS[0]}
set -e
# Machine CPU per request or event, all processes included: "machine CPU N µs per …" on each phase's line.
cpu_of() { awk -v p="$1" 'index($0, p) == 1 { for (i = 1; i <= NF; i++) if ($i == "µs") print $(i - 1) }' "$2"; }
HEALTH_CPU=$(cpu_of "GET /health:" "$WORK/load.txt")
EVENT_CPU=$(cpu_of "POST /api/telephony/events:" "$WORK/load.txt")
REJECT_CPU=$(cpu_of "POST rejected (wrong signature):" "$WORK/load.txt")
FLOOR_CPU=$(cpu_of "store floor:" "$WORK/floor.txt" | sort -n | head -n 1)
# With every phase keeping the cores busy, a phase's rate is the cores over its CPU per request. An accepted event
# costs at least what a rejected one does (request, body, signature) plus storing it, so
# events/health ≤ health / (rejected + store floor).
awk -v h="$HEALTH_CPU" -v e="$EVENT_CPU" -v r="$REJECT_CPU" -v f="$FLOOR_CPU" 'BEGIN {
  printf "machine CPU: GET /health %s µs per request, events %s, rejected events %s, store floor (cheapest shape) %s µs per event\n", h, e, r, f
  printf "events/health by CPU: %.1f %%; at most %.1f %% for any ingestion that costs a rejected event plus the store floor\n", 100 * h / e, 100 * h / (r + f) }'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), dotnet $(dotnet --version)"
[ "$LOAD_STATUS" -eq 0 ] && [ "$FLOOR_STATUS" -eq 0 ] && [ "$ROWS" -eq "$STORED" ] && [ "$DISTINCT" -eq "$STORED" ]

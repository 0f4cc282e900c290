#!/usr/bin/env bash
# p99 latency of the slot search against GET /health, with the same wrk settings in the same run. Goal: ≤ 2×.
# A practice of 10 practitioners with 70 % of its next two weeks booked; the slot requests cycle through 42 queries
# (first page of 20): across the practice or for one of two practitioners, a 15- or 30-minute type, and one-week
# windows starting on each of the next 7 days, so the figure is not that of one repeated URL.
#
#   bench/load/slots-vs-health.sh [--postgres] [--duration 15] [--threads 2] [--connections 16]
#
# Builds in Release, runs the built web host on a throwaway SQLite file (or a throwaway PostgreSQL cluster), stops
# everything on exit, and writes the figures into bench/RESULTS.md.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/permanence-bench.XXXXXX)
PROVIDER=sqlite DURATION=15 THREADS=2 CONNECTIONS=16
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) PROVIDER=postgres ;;
    --duration) DURATION=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    *) echo "usage: $0 [--postgres] [--duration S] [--threads N] [--connections N]" >&2; exit 2 ;;
  esac
  shift
done
PG_FLAG="" SUFFIX=" (SQLite)"
if [ "$PROVIDER" = postgres ]; then PG_FLAG=" --postgres" SUFFIX=" (PostgreSQL)"; fi
COMMAND="bench/load/slots-vs-health.sh$PG_FLAG --duration $DURATION --threads $THREADS --connections $CONNECTIONS"

. "$REPO/bench/load/lib.sh"
cleanup() { stop_server; stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null 2>&1 || ensure_packages wrk
build_release
if [ "$PROVIDER" = postgres ]; then
  ensure_packages postgresql
  start_postgres
  start_server postgres "$(create_database permanence_bench)"
else
  start_server sqlite
fi

echo "==> seeding: 10 practitioners, Mon–Fri 08:00–12:00 and 14:00–19:00, 15- and 30-minute types, ~70 % of two weeks booked"
load_driver seed-agenda --url "$SERVER_URL" --key "$API_KEY" --practitioners 10 --share 0.7 --days 14 | tee "$WORK/seed.txt"
read -r PRACTICE TYPES PRACTITIONERS < <(tail -n 1 "$WORK/seed.txt")
IFS=, read -r -a TYPE_IDS <<<"$TYPES"
IFS=, read -r -a PRACTITIONER_IDS <<<"$PRACTITIONERS"
# Across the practice (first available), the first practitioner and the fifth.
WHO=("" "&practitionerId=${PRACTITIONER_IDS[0]}" "&practitionerId=${PRACTITIONER_IDS[4]}")
PATHS=()
for day in 1 2 3 4 5 6 7; do
  FROM=$(date -u -d "today + $day days" +%Y-%m-%dT00:00:00Z)
  TO=$(date -u -d "today + $((day + 7)) days" +%Y-%m-%dT00:00:00Z)
  for type in "${TYPE_IDS[@]}"; do
    for who in "${WHO[@]}"; do
      PATHS+=("/api/practices/$PRACTICE/slots?appointmentTypeId=$type$who&from=$FROM&to=$TO&limit=20")
    done
  done
done
export BENCH_API_KEY=$API_KEY
export BENCH_SLOTS_PATHS="${PATHS[*]}"
echo "==> ${#PATHS[@]} slot queries, e.g. ${PATHS[0]}"
curl -fsS -H "Authorization: Bearer $API_KEY" "$SERVER_URL${PATHS[0]}" | head -c 300; echo

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WRK=(wrk -t "$THREADS" -c "$CONNECTIONS" --latency --timeout 10s)
echo "==> warm-up (3 s each)"
"${WRK[@]}" -d 3s "$SERVER_URL/health" >/dev/null
"${WRK[@]}" -d 3s -s "$REPO/bench/load/slots.lua" "$SERVER_URL" >/dev/null
# CPU time of the web host (user + system, clock ticks), read around each phase: the load of the other processes on
# the machine moves the p99 more than the CPU a request costs.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
echo "==> /health, ${DURATION} s"
T0=$(server_ticks)
"${WRK[@]}" -d "${DURATION}s" "$SERVER_URL/health" | tee "$WORK/health.txt"
T1=$(server_ticks)
echo "==> slots, ${DURATION} s"
"${WRK[@]}" -d "${DURATION}s" -s "$REPO/bench/load/slots.lua" "$SERVER_URL" | tee "$WORK/slots.txt"
T2=$(server_ticks)

# p99 in milliseconds from wrk's latency distribution ("99%   12.34ms").
p99() { awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
  m = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v; printf "%.2f", m }' "$1"; }
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
# Web host CPU per request in microseconds: TICKS clock ticks over the requests wrk counted in FILE.
cpu_per_request() { awk -v ticks="$1" -v hz="$(getconf CLK_TCK)" '/ requests in / { printf "%.1f", ticks * 1000000 / hz / $1 }' "$2"; }
non2xx() { awk '/Non-2xx/ { print $NF }' "$1"; }
for f in health slots; do
  if grep -q -E 'Non-2xx|Socket errors' "$WORK/$f.txt"; then echo "error: $f had errors: $(grep -E 'Non-2xx|Socket errors' "$WORK/$f.txt")" >&2; exit 1; fi
done
HEALTH=$(p99 "$WORK/health.txt") SLOTS=$(p99 "$WORK/slots.txt")
RATIO=$(awk -v a="$SLOTS" -v b="$HEALTH" 'BEGIN { printf "%.2f", a / b }')
VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r <= 2 ? "meets" : "misses") }')
HEALTH_CPU=$(cpu_per_request $((T1 - T0)) "$WORK/health.txt") SLOTS_CPU=$(cpu_per_request $((T2 - T1)) "$WORK/slots.txt")
echo "p99 /health = $HEALTH ms, p99 slots = $SLOTS ms, ratio = ${RATIO}× ($VERDICT the ≤ 2× goal); web host CPU per request: $HEALTH_CPU µs and $SLOTS_CPU µs"

{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(machine_facts); database: $PROVIDER; load average before the phases: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "Command: \`$COMMAND\` (wrk ${THREADS} threads, ${CONNECTIONS} connections, ${DURATION} s per phase after a 3 s warm-up each)."
  echo
  echo "Data: $(head -n 1 "$WORK/seed.txt" | sed 's/^seeded: //'); queries: ${#PATHS[@]} in turn (across the practice or one of two practitioners × 15- or 30-minute type × one-week windows from each of the next 7 days), limit 20."
  echo
  echo "| endpoint | p99 (ms) | requests/s | web host CPU per request (µs) |"
  echo "|---|---:|---:|---:|"
  echo "| \`GET /health\` | $HEALTH | $(rps "$WORK/health.txt") | $HEALTH_CPU |"
  echo "| \`GET /slots\` | $SLOTS | $(rps "$WORK/slots.txt") | $SLOTS_CPU |"
  echo
  echo "**Ratio slots / health p99: ${RATIO}×** ($VERDICT the ≤ 2× goal)."
  echo
  echo "<details><summary>Raw wrk output</summary>"
  echo
  echo '```'
  cat "$WORK/health.txt"
  echo
  cat "$WORK/slots.txt"
  echo '```'
  echo
  echo "</details>"
} >"$WORK/section.md"
write_section "## Scheduling — slots endpoint p99 vs /health$SUFFIX" "$WORK/section.md"
echo "==> figures written to bench/RESULTS.md"

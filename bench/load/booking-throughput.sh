#!/usr/bin/env bash
# Bookings/s through POST /appointments against plain single-row INSERTs/s on the same PostgreSQL database, with the
# same number of concurrent workers in the same run (goal: ≥ 50 %), then a check that no two booked appointments of a
# practitioner overlap. For reading the ratio, it also measures, with the same workers: the booking path's own
# statements sent over Npgsql without HTTP (both round trips), the least any booking writes (appointment, history
# entry, audit entry) in one transaction and one round trip, single-row INSERTs into the appointments table (its
# exclusion constraint, indexes and foreign keys), and GET /health requests/s with the same client (an HTTP request
# that does nothing).
#
#   bench/load/booking-throughput.sh [--seconds 15] [--workers 16] [--practitioners 50] [--history-years 0]
#
# With --history-years Y, every practitioner first gets Y years of past appointments (20 per weekday), as a practice
# has after years of use.
#
# Starts a throwaway PostgreSQL cluster and the Release web host on it, stops both on exit, and writes the figures
# into bench/RESULTS.md.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_PHASE=15 WORKERS=16 PRACTITIONERS=50 HISTORY_YEARS=0
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) SECONDS_PER_PHASE=$2; shift ;;
    --workers) WORKERS=$2; shift ;;
    --practitioners) PRACTITIONERS=$2; shift ;;
    --history-years) HISTORY_YEARS=$2; shift ;;
    *) echo "usage: $0 [--seconds S] [--workers N] [--practitioners N] [--history-years Y]" >&2; exit 2 ;;
  esac
  shift
done
COMMAND="bench/load/booking-throughput.sh --seconds $SECONDS_PER_PHASE --workers $WORKERS --practitioners $PRACTITIONERS"
if [ "$HISTORY_YEARS" != 0 ]; then COMMAND="$COMMAND --history-years $HISTORY_YEARS"; fi
WORK=$(mktemp -d /tmp/permanence-bench.XXXXXX)

. "$REPO/bench/load/lib.sh"
cleanup() { stop_server; stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT

ensure_packages postgresql
build_release
start_postgres
DB=$(create_database permanence_bench)
start_server postgres "$DB"

load_driver booking --url "$SERVER_URL" --key "$API_KEY" --postgres "$DB" \
  --practitioners "$PRACTITIONERS" --workers "$WORKERS" --seconds "$SECONDS_PER_PHASE" --history-years "$HISTORY_YEARS" | tee "$WORK/booking.txt"

value() { sed -n "s/^$1=//p" "$WORK/booking.txt"; }
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(machine_facts); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') (throwaway cluster, fsync off as in scripts/lib/services.sh)."
  echo
  echo "Command: \`$COMMAND\` (the web host, the load driver and PostgreSQL share the machine)."
  echo
  echo "| phase | per second |"
  echo "|---|---:|"
  echo "| bookings \`POST /appointments\` (201) | $(value bookings_per_s) |"
  echo "| plain single-row \`INSERT\` | $(value inserts_per_s) |"
  echo "| for reading the ratio: the booking path's statements without HTTP (both round trips) | $(value statements_per_s) ($(value statements_ratio) of INSERTs) |"
  echo "| for reading the ratio: the least any booking writes (appointment, history entry, audit entry), one transaction, one round trip, nothing read | $(value least_rows_per_s) ($(value least_rows_ratio) of INSERTs) |"
  echo "| for reading the ratio: single-row \`INSERT\` into \`appointments\` (exclusion constraint, indexes, foreign keys), as the baseline inserts | $(value appointment_rows_per_s) ($(value appointment_rows_ratio) of INSERTs) |"
  echo "| for reading the ratio: \`GET /health\` (no work, same client and workers) | $(value health_per_s) ($(value health_ratio) of INSERTs) |"
  echo
  echo "**Bookings / INSERTs: $(value ratio)** (goal ≥ 50 %). Overlapping booked appointments: **$(value overlaps)**."
  echo
  echo '```'
  grep -v '=' "$WORK/booking.txt"
  echo '```'
} >"$WORK/section.md"
write_section "## Scheduling — booking throughput vs plain INSERT (PostgreSQL)" "$WORK/section.md"
echo "==> figures written to bench/RESULTS.md"

#!/usr/bin/env bash
# Runs every test suite against real services: installs what is missing (apt-get, idempotent), starts throwaway
# services, runs the tests, stops what it started (also on failure), and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

cleanup() { stop_smtp_sink; stop_redis; stop_postgres; }
trap cleanup EXIT

ensure_packages postgresql-15 redis-server python3-aiosmtpd chromium poppler-utils fontconfig fonts-dejavu-core
# Chromium is installed just above: the console browser tests must run, not skip.
export PERMANENCE_REQUIRE_BROWSER=1
start_postgres
start_redis
start_smtp_sink
# poppler-utils is installed above: the PDF report tests must run, not skip.
export PERMANENCE_REQUIRE_POPPLER=1

mkdir -p artifacts
log=artifacts/test-output.log
status=0
dotnet test --solution Permanence.slnx --results-directory artifacts/test-results 2>&1 | tee "$log" || status=$?

# The runner's summary: "total: N / failed: N / succeeded: N / skipped: N".
summary() { grep -E "^\s+$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || true; }
passed=$(summary succeeded); failed=$(summary failed); skipped=$(summary skipped)
if [ -z "$passed" ]; then
  echo "error: no test summary (the build or the test host failed; see $log)" >&2
  passed=0; failed=${failed:-1}
  [ "$status" -ne 0 ] || status=1
fi
[ "${failed:-0}" -eq 0 ] || [ "$status" -ne 0 ] || status=1
echo "${passed} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"

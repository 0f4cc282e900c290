-- wrk script for the slots endpoint: the path and the API key come from the environment
-- (BENCH_SLOTS_PATH, BENCH_API_KEY), set by slots-vs-health.sh.
wrk.method = "GET"
wrk.path = os.getenv("BENCH_SLOTS_PATH")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_API_KEY")
wrk.headers["Accept"] = "application/json"

-- wrk script for the slots endpoint. BENCH_SLOTS_PATHS holds the request paths separated by spaces (set by
-- slots-vs-health.sh); each thread walks through them in turn, so the run mixes practitioners, windows and types
-- instead of repeating one URL. BENCH_API_KEY is the bearer key.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_API_KEY")
wrk.headers["Accept"] = "application/json"

local paths = {}
for path in string.gmatch(os.getenv("BENCH_SLOTS_PATHS"), "%S+") do
  paths[#paths + 1] = path
end
local next_index = 0

request = function()
  next_index = next_index % #paths + 1
  return wrk.format(nil, paths[next_index])
end

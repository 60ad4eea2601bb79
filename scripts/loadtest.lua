-- wrk script of scripts/loadtest.sh: every request takes a path drawn at
-- random (uniformly, seeded per thread) from the file named by $PATHS, one
-- path per line; at the end it prints one line of figures for the script.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
	if line ~= "" then paths[#paths + 1] = line end
end
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("seed", counter)
end

function init(args)
	math.randomseed(tonumber(seed) or 1)
end

function request()
	return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
	local s = summary.duration / 1e6
	local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
	io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%d paths=%d\n",
		summary.requests, s, summary.requests / s,
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
		bad, #paths))
end

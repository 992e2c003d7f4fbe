-- wrk script for benchmarks/casework_load.py: a caseworker mix, or the static health endpoint as the ceiling.
--
--   wrk -t2 -c16 -d60s -s benchmarks/casework_load.lua http://127.0.0.1:8765 -- DATA_FILE MODE
--
-- DATA_FILE (written by casework_load.py) defines `users`: per caseworker a Cookie header (a pre-verified
-- two-factor session plus the CSRF cookie), the CSRF token, and references of cases they can see.
-- MODE is "mix" (default: pages for reads, API for writes), "api" (the API for everything) or "health". Results are printed as one JSON line starting with RESULT.

local threads = {}
local thread_count = 0

function setup(thread)
   thread_count = thread_count + 1
   thread:set("thread_id", thread_count)
   table.insert(threads, thread)
end

local mode = "mix"
local counter = 0
statuses = {}
kinds = {}

function init(args)
   math.randomseed(os.time() * 1000 + (thread_id or 0))
   if args[1] then
      dofile(args[1])
   end
   mode = args[2] or "mix"
end

local function pick(list)
   return list[math.random(#list)]
end

local function json_headers(user)
   return {
      ["Cookie"] = user.cookie,
      ["X-CSRFToken"] = user.csrf,
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json",
   }
end

-- The caseworker mix (percentages): list my cases 35, open a case page 35, add an incident 15, add a note 15.
function request()
   counter = counter + 1
   if mode == "health" then
      return wrk.format("GET", "/health")
   end
   local user = pick(users)
   local roll = math.random(100)
   if roll <= 35 then
      kinds.list = (kinds.list or 0) + 1
      if mode == "api" then
         return wrk.format("GET", "/api/casework/cases?mine=true&status=open&limit=20", json_headers(user))
      end
      return wrk.format("GET", "/casework/cases/?mine=1&status=open", { ["Cookie"] = user.cookie })
   elseif roll <= 70 then
      kinds.case = (kinds.case or 0) + 1
      if mode == "api" then
         return wrk.format("GET", "/api/casework/cases/" .. pick(user.cases), json_headers(user))
      end
      return wrk.format("GET", "/casework/cases/" .. pick(user.cases) .. "/", { ["Cookie"] = user.cookie })
   elseif roll <= 85 then
      kinds.incident = (kinds.incident or 0) + 1
      local body = string.format(
         '{"occurred_at": "2026-11-01T%02d:%02d:00+00:00", "location_text": "Load test: %d Example Road", '
            .. '"asb_category": "nuisance", "asb_type": "Noise", "description": "Synthetic load-test incident %d", '
            .. '"area": "Oxford"}',
         math.random(0, 23), math.random(0, 59), math.random(1, 200), counter
      )
      return wrk.format("POST", "/api/casework/incidents", json_headers(user), body)
   else
      kinds.note = (kinds.note or 0) + 1
      local body = string.format('{"text": "Synthetic load-test note %d"}', counter)
      return wrk.format("POST", "/api/casework/cases/" .. pick(user.cases) .. "/notes", json_headers(user), body)
   end
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
   local merged_status = {}
   local merged_kinds = {}
   for _, thread in ipairs(threads) do
      for key, value in pairs(thread:get("statuses") or {}) do
         merged_status[key] = (merged_status[key] or 0) + value
      end
      for key, value in pairs(thread:get("kinds") or {}) do
         merged_kinds[key] = (merged_kinds[key] or 0) + value
      end
   end
   local function encode(map)
      local parts = {}
      for key, value in pairs(map) do
         table.insert(parts, string.format('"%s": %d', key, value))
      end
      return "{" .. table.concat(parts, ", ") .. "}"
   end
   local errors = summary.errors
   io.write(string.format(
      'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
         .. '"max_us": %d, "mean_us": %.1f, "connect_errors": %d, "read_errors": %d, "write_errors": %d, '
         .. '"status_errors": %d, "timeouts": %d, "statuses": %s, "kinds": %s}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      encode(merged_status), encode(merged_kinds)
   ))
end

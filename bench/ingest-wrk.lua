-- wrk script for bench/ingest-bench.sh: single-alert generic webhooks over 1000 dedup keys; counts non-202 answers.
counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local body = '{"title":"wrk alert ' .. counter .. '","dedupKey":"wrk-' .. (counter % 1000) ..
      '","severity":"warning"}'
  return wrk.format(nil, nil, nil, body)
end

local not_accepted = 0
response = function(status, headers, body)
  if status ~= 202 then
    not_accepted = not_accepted + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("wrk: %d requests in %.1f s = %.0f req/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
      .. "non-2xx %d, socket errors %d\n", summary.requests, summary.duration / 1e6,
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, summary.errors.status, summary.errors.connect + summary.errors.read +
      summary.errors.write + summary.errors.timeout))
end

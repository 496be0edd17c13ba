-- wrk script: replay pre-signed raw HTTP requests from a file (bench/signed.py writes it),
-- in order, each once; after the last one it starts again (the node answers those as
-- replays, which run_wrk's caller counts from the node's database).
-- Usage: wrk -s bench/inbox.lua URL -- FILE
local requests = {}
local index = 0

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  local separator = "\n--8<--\n"
  local start = 1
  while true do
    local first, last = string.find(data, separator, start, true)
    if not first then break end
    requests[#requests + 1] = string.sub(data, start, first - 1)
    start = last + 1
  end
end

function request()
  index = index % #requests + 1
  return requests[index]
end

-- Where a node's reader stands after it (re)connects, and a repair for a Redis that lost its data.
--
-- KEYS[1] the sequence hash; KEYS[2] the stream (see append.lua)
-- ARGV[1] the newest position this node delivered (0 when it has delivered nothing)
-- Returns {sequence, first, last}: the sequence's position before any repair, and the positions of
-- the stream's first and last entries (0 when it is empty).
--
-- A sequence behind what the node delivered means Redis lost it (a restart without persistence, a
-- flush): it is set forward, so that new appends get positions after everything any node delivered.

local sequence = tonumber(redis.call('HGET', KEYS[1], 'position') or '0')
local delivered = tonumber(ARGV[1])
if sequence < delivered then
  redis.call('HSET', KEYS[1], 'position', ARGV[1])
end

local function position(entries)
  local entry = entries[1]
  if not entry then
    return 0
  end
  return tonumber(string.sub(entry[1], 3))
end

return {sequence,
  position(redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)),
  position(redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1))}

-- The start of a resume, read in one atomic step so that the window, the index lookup and the first
-- entries agree: which position the replay starts after, the head, and the first chunk of entries.
--
-- KEYS[1] the stream; KEYS[2] the id index (see append.lua)
-- ARGV[1] the id to resume after, or '' for the earliest retained update; ARGV[2] the history size;
-- ARGV[3] how many entries to return at most
-- Returns {resumed, head, entries}: resumed is 1 when the id is retained (the replay starts after its
-- earliest retained occurrence), 0 when the replay starts at the earliest retained update; head is
-- the newest position (0 for an empty stream); entries are XRANGE's answer up to the head.

local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
if not newest then
  return {0, 0, {}}
end
local head = tonumber(string.sub(newest[1], 3))

-- The window is exactly the newest historySize positions: the stream may hold a few more until '~'
-- trimming drops a whole node, and those are not history.
local after = math.max(0, head - tonumber(ARGV[2]))
local resumed = 0
if ARGV[1] ~= '' then
  local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
  if score and tonumber(score) > after then
    after = tonumber(score)
    resumed = 1
  end
end

local entries = redis.call('XRANGE', KEYS[1], '0-' .. string.format('%d', after + 1),
  '0-' .. string.format('%d', head), 'COUNT', tonumber(ARGV[3]))
return {resumed, head, entries}

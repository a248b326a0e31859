-- One further page of a resume, read in one atomic step so that the window check and the entries
-- agree: nothing the replay still needs may have left the history without the reader being told.
--
-- KEYS[1] the stream
-- ARGV[1] the position the page starts after; ARGV[2] the replay's head; ARGV[3] the history size;
-- ARGV[4] how many entries to return at most
-- Returns {1, entries} with XRANGE's answer after ARGV[1] up to the head, or {0} when the position
-- right after ARGV[1] is no longer in the window of the newest historySize positions (the replay was
-- overtaken by retention: the stream may still hold it, but it is not history any more).

local after = tonumber(ARGV[1])
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
if not newest then
  return {0}
end
local current = tonumber(string.sub(newest[1], 3))
if after + 1 <= current - tonumber(ARGV[3]) then
  return {0}
end

local entries = redis.call('XRANGE', KEYS[1], '0-' .. string.format('%d', after + 1),
  '0-' .. ARGV[2], 'COUNT', tonumber(ARGV[4]))
return {1, entries}

-- The position of the stream's newest entry (0 when it is empty): where every node's reader must get
-- to. A script, so that only the position crosses the network, not the entry (an update of up to the
-- hub's body limit); the entry id is 0-<position> (see append.lua).
--
-- KEYS[1] the stream

local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
if not newest then
  return 0
end
return tonumber(string.sub(newest[1], 3))

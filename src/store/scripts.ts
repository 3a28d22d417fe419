// Lua scripts that turn many small Redis commands into one round trip. Keys
// a script touches but does not declare are built from the same prefix, so a
// hash-tagged prefix ({sw}) keeps them on one Redis Cluster slot.
import type { Redis } from 'ioredis';

const SCRIPTS = {
  // KEYS[1] item key, KEYS[2] source index, KEYS[3] pending hash (optional); ARGV json, score, id, alert flag.
  // Stores a new item (never overwrites) and lists it as pending enrichment. Returns 1 when new.
  swAddItem: {
    numberOfKeys: undefined,
    lua: `if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if KEYS[3] then redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
return 1`,
  },
  // KEYS[1] item key, KEYS[2..] index sorted sets; ARGV json, score, id
  swIndexItem: {
    numberOfKeys: undefined,
    lua: `redis.call('SET', KEYS[1], ARGV[1])
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3]) end
return 1`,
  },
  // KEYS band sets; ARGV min, max, limit, signature key prefix, own item id, members read per band.
  // Returns the stored signatures of the items sharing the most bands.
  swStoryCandidates: {
    numberOfKeys: undefined,
    lua: `local counts = {}
for i = 1, #KEYS do
  -- Only a band's newest members count: a band of a very common word says little, and must cost little.
  for _, id in ipairs(redis.call('ZREVRANGEBYSCORE', KEYS[i], ARGV[2], ARGV[1], 'LIMIT', 0, tonumber(ARGV[6]))) do
    if id ~= ARGV[5] then counts[id] = (counts[id] or 0) + 1 end
  end
end
local ids = {}
for id, _ in pairs(counts) do ids[#ids + 1] = id end
if #ids == 0 then return {} end
table.sort(ids, function(a, b) if counts[a] == counts[b] then return a < b end return counts[a] > counts[b] end)
local keys = {}
for i = 1, math.min(#ids, tonumber(ARGV[3])) do keys[#keys + 1] = ARGV[4] .. ids[i] end
return redis.call('MGET', unpack(keys))`,
  },
  // KEYS[1] signature key, KEYS[2..] band sets; ARGV json, ttl seconds, score, item id, band keep
  swStoryRecord: {
    numberOfKeys: undefined,
    lua: `redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local keep = tonumber(ARGV[5])
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[3], ARGV[4])
  if redis.call('ZCARD', KEYS[i]) > keep + 20 then redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -keep - 1) end
  redis.call('EXPIRE', KEYS[i], ARGV[2])
end
return 1`,
  },
  // KEYS word sets (scores: published times); ARGV limit. The newest items that have every word:
  // walks the smallest set newest-first and checks the others in chunks, stopping at `limit`
  // (so common words cost little and the work is bounded by the smallest set).
  swSearch: {
    numberOfKeys: undefined,
    lua: `local limit = tonumber(ARGV[1])
local smallest, size = 1, redis.call('ZCARD', KEYS[1])
for i = 2, #KEYS do
  local n = redis.call('ZCARD', KEYS[i])
  if n < size then smallest, size = i, n end
end
local out = {}
local start = 0
while #out < limit and start < size do
  local ids = redis.call('ZREVRANGE', KEYS[smallest], start, start + 199)
  local keep = {}
  for j = 1, #ids do keep[j] = true end
  for i = 1, #KEYS do
    if i ~= smallest then
      local scores = redis.call('ZMSCORE', KEYS[i], unpack(ids))
      for j = 1, #ids do if not scores[j] then keep[j] = false end end
    end
  end
  for j = 1, #ids do
    if keep[j] and #out < limit then out[#out + 1] = ids[j] end
  end
  start = start + 200
end
return out`,
  },
} as const;

export type ScriptName = keyof typeof SCRIPTS;

export interface ScriptedRedis {
  swIndexItem(numKeys: number, ...args: (string | number)[]): Promise<number>;
  swAddItem(numKeys: number, ...args: (string | number)[]): Promise<number>;
  swStoryCandidates(numKeys: number, ...args: (string | number)[]): Promise<(string | null)[]>;
  swStoryRecord(numKeys: number, ...args: (string | number)[]): Promise<number>;
  swSearch(numKeys: number, ...args: (string | number)[]): Promise<string[]>;
}

/** Registers the scripts on a client once (EVALSHA with a fallback to EVAL). */
export function withScripts(redis: Redis): Redis & ScriptedRedis {
  const client = redis as Redis & ScriptedRedis & { __swScripts?: boolean };
  if (!client.__swScripts) {
    for (const [name, script] of Object.entries(SCRIPTS)) client.defineCommand(name, { lua: script.lua });
    client.__swScripts = true;
  }
  return client;
}

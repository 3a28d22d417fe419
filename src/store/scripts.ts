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
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -keep - 1)
  redis.call('EXPIRE', KEYS[i], ARGV[2])
end
return 1`,
  },
  // KEYS[1] a scratch key, KEYS[2..] word sets; ARGV limit. Newest items that have every word.
  swSearch: {
    numberOfKeys: undefined,
    lua: `local words = {}
for i = 2, #KEYS do words[#words + 1] = KEYS[i] end
redis.call('ZINTERSTORE', KEYS[1], #words, unpack(words))
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
redis.call('DEL', KEYS[1])
return ids`,
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

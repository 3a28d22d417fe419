// Benchmark 1 + the reference workload: N local feeds, a seeding round, then
// M new items per feed polled, enriched and delivered to a recording sink.
// Compares with the raw limit (the same fetches and parses, nothing else),
// and reports fetch→alert latency and peak memory.
//   npx tsx bench/pipeline.ts --feeds 200 --new 20
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createApp } from '../src/app/app.js';
import { startPipelineWorkers } from '../src/app/pipeline.js';
import { buildConfig, readConfigDocuments } from '../src/config/load.js';
import { readSource } from '../src/feeds/read-source.js';
import { createLogger } from '../src/logger.js';
import { countPending } from '../src/jobs/queues.js';
import { startFeedFarm } from './lib/feed-farm.js';
import { createRecordingSink } from './lib/recording-sink.js';
import { percentile, rssSampler, table } from './lib/stats.js';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '200' }, new: { type: 'string', default: '20' }, seed: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '16' } } });
const FEEDS = Number(values.feeds);
const NEW = Number(values.new);
const SEED = Number(values.seed);
const CONC = Number(values.concurrency);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-${Date.now().toString(36)}`;

async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

async function main() {
  const farm = await startFeedFarm(FEEDS, SEED);
  const sources = Array.from({ length: FEEDS }, (_, f) => `  - { id: f${f}, kind: rss, url: "${farm.url(f)}", every: 1h }`).join('\n');
  const documents = [...(await readConfigDocuments({ files: [] })), { name: 'bench.yaml', isDefault: false, text: `sources:\n${sources}\nfetch:\n  allowHosts: ["127.0.0.1"]\n` }];
  const config = buildConfig({ env: { REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'error' }, documents, noDefaultSources: true });
  const log = createLogger({ level: 'error', pretty: false });
  const app = await createApp({ config, log, terminalStream: process.stderr });
  const sink = createRecordingSink();
  app.sinks.terminal = sink;
  const rss = rssSampler();
  const workers = startPipelineWorkers(app, {}, { poll: CONC, enrich: CONC, deliver: CONC * 2 });

  const pollAll = () => app.queues.poll.addBulk(config.sources.map((s) => ({ name: 'poll', data: { sourceId: s.id, force: true } })));
  const drained = async () => (await countPending(app.queues.poll)) + (await countPending(app.queues.enrich)) + (await countPending(app.queues.deliver)) === 0;

  // Seeding round: stored and enriched, no alerts.
  const s0 = Date.now();
  await pollAll();
  await waitFor(async () => (await app.stores.items.count()) >= FEEDS * SEED && (await drained()), 600_000);
  const seedMs = Date.now() - s0;

  // The measured round: NEW new items in every feed.
  for (let f = 0; f < FEEDS; f++) farm.set(f, SEED + NEW);
  const t0 = Date.now();
  await pollAll();
  const ok = await waitFor(() => sink.received.length >= FEEDS * NEW, 600_000);
  const t1 = Date.now();
  const pipelineRate = (FEEDS * NEW) / ((t1 - t0) / 1000);

  // Latency: each alert's arrival minus the moment its item was stored (the fetch).
  const items = await app.stores.items.latest({ limit: FEEDS * (SEED + NEW) });
  const seen = new Map(items.map((i) => [i.id, Date.parse(i.seenAt)]));
  const latencies = sink.received.map((r) => r.at - (seen.get(r.key.split('-').at(-1)!) ?? r.at));
  await workers.close();
  const peakRss = rss.stop();

  // The raw limit: the same fetches and parses, nothing else, same concurrency.
  const r0 = Date.now();
  let parsed = 0;
  const queue = [...config.sources];
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const res = await app.fetcher.fetch({ url: s.url });
        if (res.status === 'ok') parsed += (await readSource(s, { body: res.body, contentType: res.contentType, url: res.url })).items.length;
      }
    }),
  );
  const rawSec = (Date.now() - r0) / 1000;
  const rawItemsRate = parsed / rawSec;
  const rawNewRate = (FEEDS * NEW) / rawSec;

  const redis = new Redis(REDIS_URL);
  const info = await redis.info('memory');
  const redisMb = Math.round(Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1048576);
  redis.disconnect();

  console.log(`\n## Pipeline: ${FEEDS} feeds × ${NEW} new items (after seeding ${SEED} each), concurrency ${CONC}${ok ? '' : ' — TIMED OUT'}\n`);
  console.log(
    table([
      { measure: 'alerts delivered', value: sink.received.length },
      { measure: 'pipeline rate (new items fetched→delivered per s)', value: pipelineRate },
      { measure: 'raw limit (fetch+parse only, items per s)', value: rawItemsRate },
      { measure: 'raw limit counted in new items per s (same feeds)', value: rawNewRate },
      { measure: 'pipeline / raw (new items)', value: `${((pipelineRate / rawNewRate) * 100).toFixed(0)}%` },
      { measure: 'latency fetch→alert p50 (ms)', value: percentile(latencies, 50) },
      { measure: 'latency fetch→alert p95 (ms)', value: percentile(latencies, 95) },
      { measure: 'latency fetch→alert p99 (ms)', value: percentile(latencies, 99) },
      { measure: 'seeding round (ms)', value: seedMs },
      { measure: 'peak RSS of the bot process (MB)', value: peakRss },
      { measure: 'Redis used_memory (MB, whole server)', value: redisMb },
    ]),
  );

  await app.redis.eval("for _,k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end", 0, `${prefix}:*`);
  await app.close();
  await farm.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

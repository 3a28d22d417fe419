// Benchmark 1 + the reference workload: N local feeds, a seeding round, then
// M new items per feed polled, enriched and delivered to a recording sink.
// Compares with the raw limit (the same fetches and parses, nothing else),
// and reports fetch→alert latency and peak memory.
//   npx tsx bench/pipeline.ts --feeds 200 --new 20
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startPipelineWorkers } from '../src/app/pipeline.js';
import { readSource } from '../src/feeds/read-source.js';
import { startFeedFarm } from './lib/feed-farm.js';
import { benchApp, commandStats, drained, dropPrefix, REDIS_URL, waitFor } from './lib/setup.js';
import { percentile, rssSampler, table } from './lib/stats.js';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '200' }, new: { type: 'string', default: '20' }, seed: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '16' } } });
const FEEDS = Number(values.feeds);
const NEW = Number(values.new);
const SEED = Number(values.seed);
const CONC = Number(values.concurrency);

async function main() {
  const farm = await startFeedFarm(FEEDS, SEED);
  const { app, sink, prefix } = await benchApp({ sourceUrls: Array.from({ length: FEEDS }, (_, f) => farm.url(f)) });
  const config = app.config;
  const rss = rssSampler();
  const workers = startPipelineWorkers(app, {}, { poll: CONC, enrich: CONC, deliver: CONC * 2 });

  const pollAll = () => app.queues.poll.addBulk(config.sources.map((s) => ({ name: 'poll', data: { sourceId: s.id, force: true } })));

  // Seeding round: stored and enriched, no alerts.
  const s0 = Date.now();
  await pollAll();
  await waitFor(async () => (await app.stores.items.count()) >= FEEDS * SEED && (await drained(app)), 600_000);
  const seedMs = Date.now() - s0;

  // The measured round: NEW new items in every feed.
  for (let f = 0; f < FEEDS; f++) farm.set(f, SEED + NEW);
  const stats0 = await commandStats();
  const t0 = Date.now();
  await pollAll();
  const ok = await waitFor(() => sink.received.length >= FEEDS * NEW, 600_000);
  const t1 = Date.now();
  const stats1 = await commandStats();
  const perItem = [...stats1].map(([cmd, n]) => [cmd, (n - (stats0.get(cmd) ?? 0)) / (FEEDS * NEW)] as const).filter(([, n]) => n > 0.05).sort((a, b) => b[1] - a[1]);
  const commandsPerItem = perItem.reduce((a, [, n]) => a + n, 0);
  const pipelineRate = (FEEDS * NEW) / ((t1 - t0) / 1000);

  // Latency: each alert's arrival minus the moment its item was stored (the fetch).
  // Read back only the delivered items' first-seen times, in chunks (the store may hold far more).
  const seen = new Map<string, number>();
  const ids = sink.received.map((r) => r.key.split('-').at(-1)!);
  for (let i = 0; i < ids.length; i += 500) for (const item of await app.stores.items.getMany(ids.slice(i, i + 500))) seen.set(item.id, Date.parse(item.seenAt));
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
      { measure: 'Redis commands per new item (incl. inside Lua)', value: commandsPerItem },
      { measure: '… most frequent', value: perItem.slice(0, 8).map(([c, n]) => `${c} ${n.toFixed(1)}`).join(', ') },
      { measure: 'peak RSS of the bot process (MB)', value: peakRss },
      { measure: 'peak V8 heap used (MB)', value: rss.peakHeapMb() },
      { measure: 'node flags', value: process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || '(none)' },
      { measure: 'Redis used_memory (MB, whole server)', value: redisMb },
    ]),
  );

  await app.close();
  await dropPrefix(prefix);
  await farm.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Benchmark 2: a poll round where every feed answers 304. Reports requests/s,
// CPU per request, and what was written to Redis (expected: only the health
// record per source, besides BullMQ's own job bookkeeping; no parse, no enrich —
// test/unit/poll-source.test.ts asserts that the 304 path writes only the health record).
//   npx tsx bench/unchanged.ts --feeds 1000
import { parseArgs } from 'node:util';
import { startPipelineWorkers } from '../src/app/pipeline.js';
import { startFeedFarm } from './lib/feed-farm.js';
import { benchApp, commandStats, drained, dropPrefix, waitFor } from './lib/setup.js';
import { table } from './lib/stats.js';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '100,1000' }, concurrency: { type: 'string', default: '16' } } });
const rows: Record<string, string | number>[] = [];

for (const feeds of values.feeds!.split(',').map(Number)) {
  const farm = await startFeedFarm(feeds, 50);
  const { app, prefix } = await benchApp({ sourceUrls: Array.from({ length: feeds }, (_, f) => farm.url(f)) });
  const workers = startPipelineWorkers(app, {}, { poll: Number(values.concurrency), enrich: 16, deliver: 16 });
  const pollAll = () => app.queues.poll.addBulk(app.config.sources.map((s) => ({ name: 'poll', data: { sourceId: s.id, force: true } })));
  await pollAll();
  await waitFor(async () => (await app.stores.items.count()) >= feeds * 50 && (await drained(app)), 900_000);

  const before = await commandStats();
  const items0 = await app.stores.items.count();
  const requests0 = farm.requests;
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  await pollAll();
  await waitFor(async () => farm.notModified >= feeds && (await drained(app)), 300_000);
  const sec = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const after = await commandStats();
  rows.push({
    feeds,
    'requests/s': (farm.requests - requests0) / sec,
    '304s': farm.notModified,
    'CPU ms per request': (cpu.user + cpu.system) / 1000 / (farm.requests - requests0),
    'items written': (await app.stores.items.count()) - items0,
    'health records': (await app.stores.health.all()).length,
    'Redis commands per poll (all, incl. BullMQ job bookkeeping)': [...after].reduce((a, [cmd, n]) => a + n - (before.get(cmd) ?? 0), 0) / feeds,
  });
  await workers.close();
  await app.close();
  await dropPrefix(prefix);
  await farm.close();
}
console.log('\n## Unchanged feeds: a poll round of 304s\n');
console.log(table(rows));

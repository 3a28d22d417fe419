// Benchmark 3: an item appearing in a feed → its alert at the sink, with the
// real poller (one jittered job scheduler per source, interval compressed to
// --every) and workers in this process. New items appear at random moments in
// random feeds for --seconds; each one's latency is measured.
//   npx tsx bench/latency.ts --feeds 1000 --every 10s --seconds 40
import { parseArgs } from 'node:util';
import { startPipelineWorkers } from '../src/app/pipeline.js';
import { parseDuration } from '../src/config/duration.js';
import { syncPollSchedules } from '../src/jobs/schedules.js';
import { itemId } from '../src/core/ids.js';
import { startFeedFarm } from './lib/feed-farm.js';
import { benchApp, drained, dropPrefix, waitFor } from './lib/setup.js';
import { percentile, rssSampler, table } from './lib/stats.js';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '1000' }, every: { type: 'string', default: '10s' }, seconds: { type: 'string', default: '40' }, rate: { type: 'string', default: '20' } } });
const FEEDS = Number(values.feeds);
const EVERY = values.every!;
const everyMs = parseDuration(EVERY)!;
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate); // new items per second across all feeds

const farm = await startFeedFarm(FEEDS, 10);
const { app, sink, prefix } = await benchApp({ sourceUrls: Array.from({ length: FEEDS }, (_, f) => farm.url(f)), every: EVERY });
const rss = rssSampler();
const workers = startPipelineWorkers(app, {}, { poll: 16, enrich: 16, deliver: 32 });

// Seeding: every source's first poll (no alerts), then the schedulers take over.
await app.queues.poll.addBulk(app.config.sources.map((s) => ({ name: 'poll', data: { sourceId: s.id, force: true } })));
await waitFor(async () => (await app.stores.items.count()) >= FEEDS * 10 && (await drained(app)), 600_000);
await syncPollSchedules(app.queues.poll, app.config.sources);

const counts = new Array<number>(FEEDS).fill(10);
const appeared = new Map<string, number>();
const end = Date.now() + SECONDS * 1000;
while (Date.now() < end) {
  const f = Math.floor(Math.random() * FEEDS);
  const i = counts[f]!;
  counts[f] = i + 1;
  farm.set(f, i + 1);
  appeared.set(itemId(`f${f}`, { guid: `f${f}-i${i}` }), Date.now());
  await new Promise((r) => setTimeout(r, 1000 / RATE));
}
// Every item has been polled within one interval (plus the jitter offset); wait for the last alerts.
await waitFor(() => sink.received.length >= appeared.size, everyMs * 2 + 30_000);
const seenAt = new Map<string, number>();
const deliveredIds = sink.received.map((r) => r.key.split('-').at(-1)!);
for (let i = 0; i < deliveredIds.length; i += 500) for (const item of await app.stores.items.getMany(deliveredIds.slice(i, i + 500))) seenAt.set(item.id, Date.parse(item.seenAt));
const toFetch: number[] = [];
// Each alert (or edit of a story's first alert) is keyed by the item that caused it.
const latencies = sink.received.flatMap((r) => {
  const id = r.key.split('-').at(-1)!;
  const at = appeared.get(id);
  const seen = seenAt.get(id);
  if (at !== undefined && seen !== undefined) toFetch.push(seen - at);
  return at === undefined ? [] : [r.at - at];
});
await workers.close();
const peak = rss.stop();
const gaps = [...farm.requestTimes.values()].flatMap((t) => t.slice(2).map((x, i) => x - t[i + 1]!));

console.log(`\n## Latency: ${FEEDS} feeds polled every ${EVERY} (jittered), ${appeared.size} new items over ${SECONDS} s\n`);
console.log(
  table([
    { measure: 'items appeared', value: appeared.size },
    { measure: 'alerts received', value: latencies.length },
    { measure: 'appear → alert p50 (ms)', value: percentile(latencies, 50) },
    { measure: 'appear → alert p95 (ms)', value: percentile(latencies, 95) },
    { measure: 'appear → alert p99 (ms)', value: percentile(latencies, 99) },
    { measure: `target p99: interval + 2 s (ms)`, value: everyMs + 2000 },
    { measure: 'of which appear → fetched p50 / p99 (ms)', value: `${percentile(toFetch, 50)} / ${percentile(toFetch, 99)}` },
    { measure: 'polls answered 304', value: farm.notModified },
    { measure: 'time between polls of a feed p50 / p99 (ms)', value: `${percentile(gaps, 50)} / ${percentile(gaps, 99)}` },
    { measure: 'peak RSS (MB)', value: peak },
  ]),
);
await app.queues.poll.obliterate({ force: true }).catch(() => undefined);
await app.close();
await dropPrefix(prefix);
await farm.close();

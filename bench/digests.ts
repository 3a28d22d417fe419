// Benchmark 6: composing and sending N digests (each with its matched items,
// grouped by tag, and the upcoming meetings of its groups) to a recording sink.
//   npx tsx bench/digests.ts --subs 10,100,1000 --items 30
import { parseArgs } from 'node:util';
import { digestDeps } from '../src/app/pipeline.js';
import type { Item, Subscription } from '../src/core/types.js';
import { sendDigest } from '../src/jobs/processors/digest.js';
import { benchApp, dropPrefix } from './lib/setup.js';
import { percentile, rssSampler, table } from './lib/stats.js';

const { values } = parseArgs({ options: { subs: { type: 'string', default: '10,100,1000' }, items: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '8' } } });
const PER = Number(values.items);
const TAGS = ['digital-identity', 'surveillance', 'privacy', 'metaverse', 'encryption', 'censorship'];

const rows: Record<string, string | number>[] = [];
for (const count of values.subs!.split(',').map(Number)) {
  const { app, sink, prefix } = await benchApp({ sourceUrls: [] });
  const rss = rssSampler();
  const now = Date.now();
  // A pool of enriched items the digests draw from.
  const pool: Item[] = Array.from({ length: 2000 }, (_, n) => {
    const published = new Date(now - (n % 1440) * 60_000).toISOString();
    return { id: `id${n}`, sourceId: `src${n % 20}`, url: `https://example.org/${n}`, title: `Item ${n} on ${TAGS[n % TAGS.length]}`, published, seenAt: published, content: '', summary: `Summary ${n}.`, tags: [TAGS[n % TAGS.length]!, TAGS[(n * 7) % TAGS.length]!], entities: [], groups: n % 3 ? ['itu-t-fg-mv'] : [], score: 0.6, storyId: `s${n % 1500}`, enriched: true };
  });
  for (let i = 0; i < pool.length; i += 200) await Promise.all(pool.slice(i, i + 200).map((it) => app.stores.items.saveEnriched(it)));
  const subs: Subscription[] = Array.from({ length: count }, (_, n) => ({
    id: `d${n}`, platform: 'terminal', target: `t${n}`, personal: false,
    filter: { tags: [TAGS[n % TAGS.length]!], keywords: [], groups: n % 2 ? ['itu-t-fg-mv'] : [], sources: [], minScore: 0 },
    mode: 'daily', at: '09:00', timeZone: 'Europe/Brussels', createdBy: 'bench', createdAt: new Date(now - 86_400_000).toISOString(),
  }));
  for (const s of subs) await app.stores.subscriptions.add(s);
  await app.digestStore.recordMatches(subs.flatMap((s, n) => Array.from({ length: PER }, (_, k) => ({ subscriptionId: s.id, itemId: pool[(n * 13 + k * 17) % pool.length]!.id }))), now - 3_600_000);

  const deps = digestDeps(app);
  const times: number[] = [];
  const t0 = performance.now();
  const queue = [...subs];
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const t = performance.now();
        await sendDigest({ subscriptionId: s.id, firedAt: now }, deps);
        times.push(performance.now() - t);
      }
    }),
  );
  const totalMs = performance.now() - t0;
  rows.push({ digests: count, 'items each': PER, 'sent': sink.received.length, 'total s': totalMs / 1000, 'digests/s': count / (totalMs / 1000), 'p50 ms': percentile(times, 50), 'p99 ms': percentile(times, 99), 'peak RSS MB': rss.stop() });
  await app.close();
  await dropPrefix(prefix);
}
console.log('\n## Digests: compose and send\n');
console.log(table(rows));

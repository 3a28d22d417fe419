// Benchmark 5: lookup answer times (next-meeting, latest, latest of a tag,
// search) at 1k / 10k / 100k stored items, through the command core exactly
// as a chat user would ask. Items are written straight into the store.
//   npx tsx bench/lookups.ts --sizes 1000,10000,100000
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { runTokens } from '../src/bot/commands/dispatch.js';
import { commands } from '../src/bot/commands/registry.js';
import type { Item } from '../src/core/types.js';
import { benchApp, dropPrefix } from './lib/setup.js';
import { percentile, rssSampler, table } from './lib/stats.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,100000' }, runs: { type: 'string', default: '200' } } });
const TAGS = ['digital-identity', 'surveillance', 'privacy', 'metaverse', 'encryption', 'censorship', 'ai', 'standards-process'];
const GROUPS = ['itu-t-fg-mv', 'itu-t-sg17', 'ietf', 'w3c', '3gpp'];
const WORDS = 'identity wallet metaverse police biometric encryption shutdown election proposal standard draft liaison delegation registry satellite spectrum'.split(' ');

function item(n: number): Item {
  const published = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
  return {
    id: `ib${n.toString(16).padStart(15, '0')}`, sourceId: `f${n % 100}`, url: `https://example.org/${n}`,
    title: `${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} report ${n}`, published, seenAt: published,
    content: '', summary: `Summary of item ${n} about ${WORDS[(n * 3) % WORDS.length]} and ${WORDS[(n * 5) % WORDS.length]}.`,
    tags: [TAGS[n % TAGS.length]!, TAGS[(n * 3) % TAGS.length]!], entities: ['ITU'], groups: [GROUPS[n % GROUPS.length]!],
    score: (n % 10) / 10, storyId: `s${n}`, enriched: true,
  };
}

const QUERIES: [string, string[]][] = [
  ['next-meeting fg-mv', ['next-meeting', 'fg-mv']],
  ['latest', ['latest']],
  ['latest digital-identity', ['latest', 'digital-identity', '10']],
  ['latest sg17', ['latest', 'sg17', '10']],
  ['search two words', ['search', 'metaverse report']],
  ['search one word', ['search', 'metaverse']],
];

const rows: Record<string, string | number>[] = [];
for (const size of values.sizes!.split(',').map(Number)) {
  const { app, prefix } = await benchApp({ sourceUrls: [] });
  app.services.limiter = undefined; // one "user" asks thousands of times here
  const rss = rssSampler();
  for (let i = 0; i < size; i += 500) await Promise.all(Array.from({ length: Math.min(500, size - i) }, (_, k) => app.stores.items.saveEnriched(item(i + k))));
  const ctx = { platform: 'terminal' as const, target: 'bench', user: { id: 'bench' }, isDirect: false, can: { manageTarget: true, operator: true }, timeZone: 'UTC', clock: app.clock, services: app.services };
  const log = pino({ level: 'silent' });
  for (const [label, tokens] of QUERIES) {
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < Number(values.runs); r++) {
      const t = performance.now();
      const answer = await runTokens(commands, tokens, ctx, log);
      times.push(performance.now() - t);
      if (answer.kind === 'error') throw new Error(`${label}: ${answer.text}`);
      found = answer.sections?.[0]?.lines.length ?? answer.fields?.length ?? (answer.text ? 1 : 0);
    }
    rows.push({ items: size, lookup: label, 'p50 ms': percentile(times, 50), 'p99 ms': percentile(times, 99), 'lines answered': found });
  }
  rows.push({ items: size, lookup: '(peak RSS MB)', 'p50 ms': rss.stop(), 'p99 ms': '', 'lines answered': '' });
  await app.close();
  await dropPrefix(prefix);
}
console.log('\n## Lookups through the command core\n');
console.log(table(rows));

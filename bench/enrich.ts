// Times enrich() over many ~5 KB items built from the labelled set and the seed articles:
// warm-up, then per-item latency (p50, p99, mean, max) and throughput, printed as a table.
// Run: npx tsx bench/enrich.ts [items]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Group } from '../src/core/types.js';
import { buildEnrichModel, enrich, type EnrichInput, type Organisation, type TaxonomyEntry } from '../src/core/enrich/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'enrich');
const read = (...p: string[]): string => readFileSync(join(root, ...p), 'utf8');

const model = buildEnrichModel({
  taxonomy: (parse(read('config', 'taxonomy.yaml')) as { taxonomy: Record<string, TaxonomyEntry> }).taxonomy,
  organisations: (parse(read('config', 'organisations.yaml')) as { organisations: Organisation[] }).organisations,
  groups: JSON.parse(readFileSync(join(fixtures, 'groups.json'), 'utf8')) as Group[],
});

interface Labelled { title: string; content: string }
const labelled = (JSON.parse(readFileSync(join(fixtures, 'labelled.json'), 'utf8')) as { items: Labelled[] }).items;
const seeds = ['000_254cb7f8a557f87f.txt', '001_05a0526a49a17bfd.txt'].map((f) => {
  const [title = '', ...rest] = readFileSync(join(fixtures, 'seeds', f), 'utf8').split('\n');
  return { title, content: rest.map((l) => (l.trim() ? `<p>${l}</p>` : '')).join('\n') };
});
const pool: Labelled[] = [...labelled, ...seeds];

/** A ~5 KB HTML item: paragraphs of several pool items, in a rotating order. */
function makeItem(i: number): EnrichInput {
  const parts: string[] = [];
  let k = i;
  while (parts.join('').length < 5000) parts.push((pool[k++ % pool.length] as Labelled).content);
  return { title: (pool[i % pool.length] as Labelled).title, content: parts.join('\n').slice(0, 5200), sourceTags: ['press'] };
}

const n = Number(process.argv[2] ?? 2000);
const items = Array.from({ length: n }, (_, i) => makeItem(i));
const warm = Math.min(300, n);
for (let i = 0; i < warm; i++) enrich(items[i] as EnrichInput, model);

const times: number[] = [];
const t0 = performance.now();
for (const item of items) {
  const s = performance.now();
  enrich(item, model);
  times.push(performance.now() - s);
}
const total = performance.now() - t0;
times.sort((a, b) => a - b);
const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
const avgBytes = items.reduce((s, it) => s + Buffer.byteLength(it.content), 0) / items.length;

const rows: Array<[string, string]> = [
  ['items', String(n)],
  ['avg item size', `${(avgBytes / 1024).toFixed(1)} KB`],
  ['p50 per item', `${q(0.5).toFixed(2)} ms`],
  ['p99 per item', `${q(0.99).toFixed(2)} ms`],
  ['mean per item', `${(total / n).toFixed(2)} ms`],
  ['max per item', `${(times[times.length - 1] as number).toFixed(2)} ms`],
  ['throughput', `${Math.round((n / total) * 1000)} items/s (one core)`],
];
const w = Math.max(...rows.map((r) => r[0].length));
process.stdout.write(`enrich() on ${process.version}\n`);
for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(w)}  ${v}\n`);

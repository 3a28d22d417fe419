// Benchmark 7: throughput with 1, 2 and 4 worker processes on one Redis.
// This process seeds the store and enqueues the polls; separate
// `standards-watch start --roles worker` processes do the work.
//   npx tsx bench/scale-out.ts --feeds 100 --new 20 --workers 1,2,4
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPipelineWorkers } from '../src/app/pipeline.js';
import { countPending } from '../src/jobs/queues.js';
import { startFeedFarm } from './lib/feed-farm.js';
import { benchApp, drained, dropPrefix, REDIS_URL, waitFor } from './lib/setup.js';
import { table } from './lib/stats.js';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '100' }, new: { type: 'string', default: '20' }, workers: { type: 'string', default: '1,2,4' }, dist: { type: 'boolean', default: false } } });
const FEEDS = Number(values.feeds);
const NEW = Number(values.new);
const cli = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../src/cli.ts');

function startWorker(configFile: string, prefix: string): Promise<ChildProcess> {
  // --dist: the compiled bot (npm run build), as deployed; else the sources through tsx.
  const entry = values.dist ? ['--max-old-space-size=' + (process.env.BENCH_HEAP_MB ?? '192'), path.resolve(path.dirname(cli), '../bin/standards-watch.js')] : ['--max-old-space-size=192', '--import', 'tsx', cli];
  const child = spawn(process.execPath, [...entry, 'start', '--roles', 'worker', '--no-default-sources', '--config', configFile], {
    env: { ...process.env, REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

const rows: Record<string, string | number>[] = [];
for (const count of values.workers!.split(',').map(Number)) {
  const farm = await startFeedFarm(FEEDS, 20);
  const urls = Array.from({ length: FEEDS }, (_, f) => farm.url(f));
  const { app, prefix } = await benchApp({ sourceUrls: urls });
  // Seeding round in this process (stores and enriches; no alerts).
  const seeder = startPipelineWorkers(app, {}, { poll: 16, enrich: 16, deliver: 16 });
  await app.queues.poll.addBulk(app.config.sources.map((s) => ({ name: 'poll', data: { sourceId: s.id, force: true } })));
  await waitFor(async () => (await app.stores.items.count()) >= FEEDS * 20 && (await drained(app)), 600_000);
  await seeder.close();

  const dir = await mkdtemp(path.join(tmpdir(), 'sw-bench-'));
  const configFile = path.join(dir, 'sources.yaml');
  await writeFile(configFile, `sources:\n${urls.map((u, f) => `  - { id: f${f}, kind: rss, url: "${u}", every: 1h }`).join('\n')}\nfetch:\n  allowHosts: ["127.0.0.1"]\n`);
  const workers = await Promise.all(Array.from({ length: count }, () => startWorker(configFile, prefix)));

  for (let f = 0; f < FEEDS; f++) farm.set(f, 20 + NEW);
  const delivered0 = (await app.queues.deliver.getJobCounts('completed')).completed ?? 0;
  const t0 = Date.now();
  await app.queues.poll.addBulk(app.config.sources.map((s) => ({ name: 'poll', data: { sourceId: s.id, force: true } })));
  await waitFor(async () => ((await app.queues.deliver.getJobCounts('completed')).completed ?? 0) - delivered0 >= FEEDS * NEW && (await countPending(app.queues.deliver)) === 0, 600_000);
  const sec = (Date.now() - t0) / 1000;
  const delivered = ((await app.queues.deliver.getJobCounts('completed')).completed ?? 0) - delivered0;
  // Peak resident memory of each worker process, from the kernel (VmHWM).
  const peaks = await Promise.all(workers.map(async (w) => Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${w.pid}/status`, 'utf8').catch(() => ''))?.[1] ?? 0) / 1024));
  rows.push({ 'worker processes': count, 'alerts delivered': delivered, seconds: sec, 'items/s': delivered / sec, 'peak RSS per worker (MB)': peaks.map((p) => Math.round(p)).join(', ') });

  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
  await app.close();
  await dropPrefix(prefix);
  await farm.close();
}
console.log(`\n## Scale-out: ${FEEDS} feeds × ${NEW} new items\n`);
console.log(table(rows));

// Fault: a worker process is SIGKILLed while its enrich jobs are active (the
// article fetches hang for seconds). Another worker process, started after the
// kill, picks the stalled jobs up (stalled interval shortened through
// SW_WORKER_STALLED_INTERVAL_MS / SW_WORKER_LOCK_DURATION_MS) and every new item
// is alerted exactly once across both processes' terminals.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix } from '../../src/jobs/queues.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { rssFeed, type TestEntry } from '../helpers/rss.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';
import { sleep, until } from './helpers/wait.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GROUP = 'worker SIGKILL with active jobs';
const prefix = testPrefix('faults-worker-kill');
const N = 8;
let server: FeedServer;
let dir: string;
let configFile: string;
interface Proc { name: string; child: ChildProcess; out: string[]; err: string[] }
const procs: Proc[] = [];

const TOPICS = [
  'The IETF working group on privacy pass adopted a draft on rate limited tokens for anonymous browsing.',
  'W3C published a candidate recommendation of the verifiable credentials data model with selective disclosure.',
  'A 3GPP study item on satellite access for narrowband devices closed after the plenary in Maastricht.',
  'The European Parliament civil liberties committee voted on chat control scanning of encrypted messages.',
  'ITU-T study group 17 discussed quantum key distribution network security requirements in Geneva.',
  'Researchers found that smart television sets send content recognition fingerprints to advertisers.',
  'A court in Buenos Aires suspended the facial recognition system of the city subway after a complaint.',
  'The Unicode consortium approved new emoji proposals and a script encoding for a minority language.',
];

function entry(i: number): TestEntry {
  return { guid: `urn:wk:${i}`, title: `News ${i}: ${TOPICS[i]!.split(' ').slice(0, 8).join(' ')}`, link: server.url(`/slow/${i}`), description: TOPICS[i]!, pubDate: `Tue, ${10 + i} Feb 2024 09:00:00 GMT` };
}
const seed: TestEntry = { guid: 'urn:wk:seed', title: 'Seed: ITU council meets', link: 'https://example.org/seed', description: 'The ITU council met in Geneva.', pubDate: 'Mon, 01 Jan 2024 10:00:00 GMT' };

function launch(name: string, roles: string): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--roles', roles, '--no-default-sources', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', SW_CONFIG: '', DISCORD_TOKEN: '', MATRIX_ACCESS_TOKEN: '', HTTP_PORT: '0', SW_WORKER_STALLED_INTERVAL_MS: '1000', SW_WORKER_LOCK_DURATION_MS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p: Proc = { name, child, out: [], err: [] };
  child.stdout!.on('data', (d: Buffer) => p.out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => p.err.push(d.toString()));
  procs.push(p);
  return p;
}
const alertLines = (p: Proc) => p.out.join('').split('\n').filter((l) => l.startsWith('▶ '));

beforeAll(async () => {
  server = await startFeedServer();
  server.set('/feed.xml', { body: rssFeed('Worker kill', [seed]), contentType: 'application/rss+xml' });
  for (let i = 0; i < N; i++) server.set(`/slow/${i}`, { body: `<html><body><article><p>${TOPICS[i]}</p></article></body></html>`, contentType: 'text/html', delayMs: 4000 });
  dir = await mkdtemp(path.join(tmpdir(), 'sw-faults-wk-'));
  configFile = path.join(dir, 'config.yaml');
  await writeFile(configFile, `sources:\n  - id: wk-news\n    kind: rss\n    url: ${server.url('/feed.xml')}\n    every: 1s\nfetch:\n  allowHosts: ["127.0.0.1"]\n  timeout: 10s\n`);
});

afterAll(async () => {
  printSummary();
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await server?.close();
  await rm(dir, { recursive: true, force: true });
  await deleteByPrefix(prefix);
});

describe('a worker killed with active jobs', () => {
  it('leaves its stalled jobs to another worker; every item is alerted exactly once', async () => {
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const enrich = new Queue('enrich', { connection, prefix: bullPrefix(prefix) });
    try {
      const poller = launch('poller', 'poller');
      const a = launch('worker-a', 'worker');
      await until('the seeding poll', () => /first poll — stored 1 item/.test(a.err.join('')), 30_000);
      server.set('/feed.xml', { body: rssFeed('Worker kill', [...Array.from({ length: N }, (_, i) => entry(i)), seed]), contentType: 'application/rss+xml' });
      await until('enrich jobs active in worker A', async () => (await enrich.getActiveCount()) >= N, 20_000);
      a.child.kill('SIGKILL');
      tally(GROUP).faults += 1;
      await new Promise((r) => a.child.once('exit', r));
      const activeAtKill = await enrich.getActiveCount();
      const b = launch('worker-b', 'worker');
      await until(`${N} alerts from worker B`, () => alertLines(b).length >= N, 40_000);
      await sleep(2000); // polls go on every second: a duplicate would show now
      const lines = [...alertLines(a), ...alertLines(b)];
      const expected = Array.from({ length: N }, (_, i) => `News ${i}:`);
      const keys = lines.map((l) => expected.find((e) => l.startsWith(`▶ ${e}`)) ?? l);
      const counted = countDeliveries(GROUP, expected, keys);
      console.info(`worker kill: ${activeAtKill} enrich jobs active when A died; A printed ${alertLines(a).length}, B printed ${alertLines(b).length}`);
      expect(alertLines(a)).toHaveLength(0);
      expect(counted).toEqual({ sent: N, duplicated: 0, lost: 0 });
      expect(await enrich.getFailedCount()).toBe(0);
      poller.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    } finally {
      await enrich.close();
      connection.disconnect();
    }
  }, 80_000);
});

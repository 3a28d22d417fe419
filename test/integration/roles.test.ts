// Running at scale: one `poller` process and two `worker` processes against the
// same Redis (own prefix), real child processes started the way an operator does.
// After the seeding poll the feed gains 10 items: each is enriched once and
// alerted exactly once across the two workers; then SIGTERM stops all three
// within a bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bullPrefix } from '../../src/jobs/queues.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { rssFeed, type TestEntry } from '../helpers/rss.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHUTDOWN_BOUND_MS = 10_000;
const prefix = testPrefix('roles');

// Ten unrelated stories, so that story clustering keeps them apart (one alert each, no edits).
const TOPICS = [
  'The IETF working group on privacy pass adopted a draft on rate-limited tokens for anonymous web browsing.',
  'W3C published a candidate recommendation of the verifiable credentials data model with new selective disclosure text.',
  'A 3GPP study item on satellite access for narrowband devices closed after the radio access network plenary in Maastricht.',
  'The European Parliament civil liberties committee voted on chat control scanning of encrypted messages in Brussels.',
  'ITU-T study group 17 discussed quantum key distribution network security requirements at its Geneva session.',
  'A coalition of digital rights groups wrote to the ITU Plenipotentiary about internet shutdowns during elections in Africa.',
  'The internet architecture board held a workshop on the environmental impact of network protocols and data centres.',
  'Researchers found that smart television sets send automated content recognition fingerprints to advertisers every minute.',
  'A court in Buenos Aires suspended the facial recognition system of the city subway after a complaint by civil society.',
  'The Unicode consortium approved new emoji proposals and a script encoding for a minority language of Southeast Asia.',
];

let server: FeedServer;
let configFile: string;
const procs: { name: string; child: ChildProcess; out: string[]; err: string[]; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> }[] = [];

function seedEntry(n: number): TestEntry {
  return {
    guid: `urn:roles:seed:${n}`,
    title: `Seed ${n}: ITU-T focus group on metaverse debates digital identity`,
    link: server.url(`/seed/${n}`),
    description: `Seed story ${n}. China Mobile proposed to the ITU-T Focus Group on metaverse a digital identity system for every user.`,
    pubDate: `Mon, 0${n} Jan 2024 10:00:00 GMT`,
  };
}

function newEntry(i: number): TestEntry {
  return {
    guid: `urn:roles:new:${i}`,
    title: `News ${i}: ${TOPICS[i]!.split(' ').slice(0, 8).join(' ')}`,
    link: server.url(`/news/${i}`),
    description: TOPICS[i]!,
    pubDate: `Tue, ${10 + i} Feb 2024 09:00:00 GMT`,
  };
}

function launch(name: string, roles: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--roles', roles, '--no-default-sources', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', SW_CONFIG: '', DISCORD_TOKEN: '', MATRIX_ACCESS_TOKEN: '', HTTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { name, child, out: [] as string[], err: [] as string[], exit: new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))) };
  child.stdout!.on('data', (d: Buffer) => entry.out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => entry.err.push(d.toString()));
  procs.push(entry);
  return entry;
}

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) {
      const dump = procs.map((p) => `--- ${p.name} stdout\n${p.out.join('')}\n--- ${p.name} stderr\n${p.err.join('').slice(-4000)}`).join('\n');
      throw new Error(`timed out waiting for ${what}\n${dump}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alertLines = (p: (typeof procs)[number]) => p.out.join('').split('\n').filter((l) => l.startsWith('▶ '));

beforeAll(async () => {
  server = await startFeedServer();
  server.set('/feed.xml', { body: rssFeed('Roles test', [1, 2, 3].map(seedEntry)), contentType: 'application/rss+xml' });
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-roles-'));
  configFile = path.join(dir, 'config.yaml');
  await writeFile(configFile, `sources:\n  - id: roles-news\n    kind: rss\n    url: ${server.url('/feed.xml')}\n    every: 1s\n    tags: [press]\nfetch:\n  allowHosts: ["127.0.0.1"]\n`);
});

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await server?.close();
  await deleteByPrefix(prefix);
});

describe('poller and two workers as separate processes', () => {
  it('enriches each new item once, alerts it exactly once across the workers, and stops on SIGTERM within the bound', async () => {
    const workers = [launch('worker-a', 'worker'), launch('worker-b', 'worker')];
    const poller = launch('poller', 'poller');
    const all = [...workers, poller];

    // The seeding poll: stored, nobody alerted (the first-poll notice goes to stderr).
    await until('the seeding poll', () => workers.some((w) => /roles-news: first poll — stored 3 items/.test(w.err.join(''))), 30_000);
    server.set('/feed.xml', { body: rssFeed('Roles test', [...TOPICS.map((_, i) => newEntry(i)), ...[1, 2, 3].map(seedEntry)]), contentType: 'application/rss+xml' });

    await until('10 alerts', () => workers.reduce((n, w) => n + alertLines(w).length, 0) >= 10, 30_000);
    // Several more polls run meanwhile (every 1 s): give a duplicate every chance to show up.
    await new Promise((r) => setTimeout(r, 2500));

    const lines = workers.flatMap(alertLines);
    expect(lines).toHaveLength(10);
    expect(new Set(lines).size).toBe(10);
    for (let i = 0; i < 10; i++) expect(lines.filter((l) => l.startsWith(`▶ News ${i}:`))).toHaveLength(1);
    expect(lines.some((l) => l.includes('Seed'))).toBe(false);
    expect(poller.out.join('')).not.toContain('▶');

    // Each item enriched by exactly one job run, each alert delivered by exactly one job run.
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const enrich = new Queue('enrich', { connection, prefix: bullPrefix(prefix) });
    const deliver = new Queue('deliver', { connection, prefix: bullPrefix(prefix) });
    try {
      const enriched: Job[] = await enrich.getCompleted(0, -1);
      expect(enriched).toHaveLength(13);
      expect(new Set(enriched.map((j) => j.data.itemId)).size).toBe(13);
      for (const job of enriched) expect(job.attemptsStarted).toBe(1);
      expect(await enrich.getFailedCount()).toBe(0);
      const delivered: Job[] = await deliver.getCompleted(0, -1);
      expect(delivered).toHaveLength(10);
      for (const job of delivered) expect(job.attemptsStarted).toBe(1);
      const itemKeys = (await connection.keys(`${prefix}:item:*`)).sort();
      expect(itemKeys).toHaveLength(13);
      const items = (await connection.mget(...itemKeys)).map((v) => JSON.parse(v!) as { enriched: boolean });
      expect(items.every((i) => i.enriched)).toBe(true);
      // Which worker did what (not asserted: BullMQ hands jobs to whichever asks first).
      console.info(`alerts printed: ${workers.map((w) => `${w.name} ${alertLines(w).length}`).join(', ')}`);
    } finally {
      await enrich.close();
      await deliver.close();
      connection.disconnect();
    }

    // Graceful shutdown: every process leaves with code 0 within the bound.
    const sentAt = Date.now();
    for (const p of all) p.child.kill('SIGTERM');
    const exits = await Promise.all(all.map((p) => Promise.race([p.exit, new Promise<undefined>((r) => setTimeout(() => r(undefined), SHUTDOWN_BOUND_MS + 2000))])));
    for (const [i, exit] of exits.entries()) {
      expect(exit, `${all[i]!.name} did not exit`).toBeDefined();
      expect(exit!.code, `${all[i]!.name} exit code (stderr: ${all[i]!.err.join('').slice(-1500)})`).toBe(0);
      expect(exit!.at - sentAt).toBeLessThan(SHUTDOWN_BOUND_MS);
    }
    for (const p of all) expect(p.err.join('')).toContain('shutting down');
    console.info(`exited after SIGTERM: ${all.map((p, i) => `${p.name} ${exits[i]!.at - sentAt} ms`).join(', ')}`);
  }, 90_000);
});

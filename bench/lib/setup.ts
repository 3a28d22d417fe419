// Shared set-up for benchmarks: an App on the real Redis under a fresh prefix,
// with N local feeds as its only sources and a recording sink as the terminal.
import { Redis } from 'ioredis';
import { createApp, type App } from '../../src/app/app.js';
import { buildConfig, readConfigDocuments } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { countPending } from '../../src/jobs/queues.js';
import { createRecordingSink, type RecordingSink } from './recording-sink.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function benchApp(opts: { sourceUrls: string[]; every?: string; prefix?: string }): Promise<{ app: App; sink: RecordingSink; prefix: string }> {
  const prefix = opts.prefix ?? `bench-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const sources = opts.sourceUrls.map((url, f) => `  - { id: f${f}, kind: rss, url: "${url}", every: ${opts.every ?? '1h'} }`).join('\n');
  const documents = [...(await readConfigDocuments({ files: [] })), { name: 'bench.yaml', isDefault: false, text: `sources:\n${sources || '  []'}\nfetch:\n  allowHosts: ["127.0.0.1"]\n` }];
  const config = buildConfig({ env: { REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'error' }, documents, noDefaultSources: true });
  const app = await createApp({ config, log: createLogger({ level: 'error', pretty: false }), terminalStream: process.stderr });
  const sink = createRecordingSink();
  app.sinks.terminal = sink;
  return { app, sink, prefix };
}

export async function drained(app: App): Promise<boolean> {
  const pending = await Promise.all([countPending(app.queues.poll), countPending(app.queues.enrich), countPending(app.queues.deliver)]);
  return pending.every((n) => n === 0);
}

export async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

/** Redis command counts (calls per command) from INFO commandstats. */
export async function commandStats(): Promise<Map<string, number>> {
  const redis = new Redis(REDIS_URL);
  const info = await redis.info('commandstats');
  redis.disconnect();
  const out = new Map<string, number>();
  for (const m of info.matchAll(/cmdstat_([a-z|_-]+):calls=(\d+)/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

// Builds a real App (real Redis, own prefix) for the HTTP tests, from YAML as the CLI would read it.
import { pino } from 'pino';
import { createApp, type App } from '../../../src/app/app.js';
import { buildConfig, readConfigDocuments } from '../../../src/config/load.js';
import type { Item } from '../../../src/core/types.js';
import { Capture } from '../../helpers/streams.js';
import { TEST_REDIS_URL } from '../../helpers/redis.js';

export async function testApp(prefix: string, opts: { yaml?: string; env?: Record<string, string> } = {}): Promise<App> {
  const documents = [...(await readConfigDocuments({ files: [] })), { name: 'test.yaml', text: opts.yaml ?? '', isDefault: false }];
  const config = buildConfig({
    env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', HTTP_PORT: '0', ...opts.env },
    documents,
    noDefaultSources: true,
  });
  return createApp({ config, log: pino({ level: 'silent' }), terminalStream: new Capture() });
}

export function testItem(n: number, extra: Partial<Item> = {}): Item {
  const published = new Date(Date.UTC(2024, 0, 1 + n, 10)).toISOString();
  return {
    id: `i${n.toString(16).padStart(16, '0')}`,
    sourceId: 'test-news',
    url: `https://news.example.org/articles/${n}`,
    title: `Item ${n}`,
    published,
    seenAt: published,
    content: `Body ${n}`,
    summary: `Summary ${n}.`,
    tags: ['surveillance'],
    entities: [],
    groups: [],
    score: 0.6,
    storyId: `s${n}`,
    enriched: true,
    ...extra,
  };
}

/** Stores items as the pipeline would: raw first, then enriched. */
export async function storeItems(app: App, items: Item[]): Promise<void> {
  for (const item of items) {
    await app.stores.items.addIfNew({ ...item, enriched: false });
    if (item.enriched) await app.stores.items.saveEnriched(item);
  }
}

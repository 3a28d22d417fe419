// The pipeline's hooks reach the metrics: polls by source and status, new items, enrich time,
// messages sent and delivery latency — as /metrics shows them.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { runOnce } from '../../src/app/once.js';
import { buildConfig, readConfigDocuments } from '../../src/config/load.js';
import { startFeedServer } from '../fakes/feed-server.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { rssFeed } from '../helpers/rss.js';
import { Capture } from '../helpers/streams.js';

const prefix = testPrefix('metrics');
afterAll(() => deleteByPrefix(prefix));

describe('pipeline metrics', () => {
  it('counts polls, new items, enrichment, alerts and their latency', async () => {
    const server = await startFeedServer();
    const entry = (n: number) => ({ guid: `m${n}`, title: `Item ${n} about digital identity at the ITU`, description: 'China Mobile proposed a digital identity system to the ITU-T focus group on metaverse; experts warned about surveillance and privacy for every user of the virtual worlds.', link: server.url(`/a/${n}`) });
    server.set('/f.xml', { body: rssFeed('F', [entry(1)]), contentType: 'application/rss+xml' });
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-metrics-'));
    const file = path.join(dir, 'c.yaml');
    await writeFile(file, `sources:\n  - id: metered\n    kind: rss\n    url: ${server.url('/f.xml')}\nfetch:\n  allowHosts: ["127.0.0.1"]\n`);
    const config = buildConfig({ env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix }, documents: await readConfigDocuments({ files: [file] }), noDefaultSources: true });
    const app = await createApp({ config, log: pino({ level: 'silent' }), terminalStream: new Capture() });
    try {
      await runOnce(app, { json: true, out: new Capture(), notices: new Capture() });
      server.set('/f.xml', { body: rssFeed('F', [entry(2), entry(1)]), contentType: 'application/rss+xml' });
      await runOnce(app, { json: true, out: new Capture(), notices: new Capture() });
      const text = await app.metrics.registry.metrics();
      expect(text).toMatch(/sw_polls_total\{source="metered",status="new-items"\} 2/);
      expect(text).toMatch(/sw_items_new_total\{source="metered"\} 2/);
      expect(text).toMatch(/sw_enrich_duration_seconds_count 2/);
      expect(text).toMatch(/sw_messages_sent_total\{platform="terminal",kind="alert"\} 1/);
      expect(text).toMatch(/sw_delivery_latency_seconds_count\{platform="terminal"\} 1/);
    } finally {
      await app.close();
      await server.close();
    }
  });
});

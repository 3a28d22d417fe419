// `start` with every role in one process: schedules and polls its source, answers /healthz,
// survives a taken HTTP port, and stops (closing the HTTP server) on request.
import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { roleStarters } from '../../src/app/role-starters.js';
import { startRoles } from '../../src/app/start.js';
import { buildConfig } from '../../src/config/load.js';
import { freePort } from '../../src/store/redis.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { Capture } from '../helpers/streams.js';

const prefix = testPrefix('start');
afterAll(() => deleteByPrefix(prefix));

// One source on a closed local port: polled (and failing fast) without touching the network.
const ONE_SOURCE = 'sources:\n  - { id: closed, kind: rss, url: "http://127.0.0.1:9/feed.xml", every: 1h }\nfetch:\n  allowHosts: ["127.0.0.1"]\n';

async function appOn(port: number, log = pino({ level: 'silent' })) {
  const config = buildConfig({ env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, HTTP_PORT: String(port) }, documents: [{ name: 'start.yaml', text: ONE_SOURCE, isDefault: false }] });
  return createApp({ config, log, terminalStream: new Capture() });
}

describe('start', () => {
  it('runs every role in one process, answers /healthz, and stops within the bound', async () => {
    const port = await freePort();
    const app = await appOn(port);
    const running = await startRoles(app, { roles: new Set(['poller', 'worker', 'bot', 'http']), starters: roleStarters, notices: new Capture(), shutdownTimeoutMs: 5000 });
    expect((await app.queues.poll.getJobSchedulers()).map((s) => s.key)).toEqual(['poll-closed']);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    await expect.poll(async () => (await app.stores.health.get('closed'))?.consecutiveFailures ?? 0, { timeout: 5000 }).toBe(1);
    const started = Date.now();
    await running.stop();
    await running.stopped;
    expect(Date.now() - started).toBeLessThan(6000);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('keeps running without its web pages when HTTP_PORT is taken, and says so', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '0.0.0.0', r));
    const port = (blocker.address() as { port: number }).port;
    const lines = new Capture();
    const app = await appOn(port, pino({ level: 'error' }, lines));
    const running = await startRoles(app, { roles: new Set(['worker', 'http']), starters: roleStarters, notices: new Capture() });
    expect(lines.text).toContain(`HTTP_PORT ${port} is already in use`);
    await expect.poll(() => app.queues.enrich.getWorkersCount(), { timeout: 5000 }).toBeGreaterThan(0);
    await running.stop();
    blocker.close();
  });
});

// `start` with every role in one process: runs, answers /healthz, survives a taken HTTP port, stops on request.
import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { roleStarters } from '../../src/app/role-starters.js';
import { startRoles } from '../../src/app/start.js';
import { buildConfig } from '../../src/config/load.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { Capture } from '../helpers/streams.js';

const prefix = testPrefix('start');
afterAll(() => deleteByPrefix(prefix));

async function appOn(port: number, log = pino({ level: 'silent' })) {
  const config = buildConfig({ env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, HTTP_PORT: String(port) }, documents: [] });
  return createApp({ config, log, terminalStream: new Capture() });
}

describe('start', () => {
  it('runs every role in one process, answers /healthz, and stops within the bound', async () => {
    const app = await appOn(0);
    const running = await startRoles(app, { roles: new Set(['poller', 'worker', 'bot', 'http']), starters: roleStarters, notices: new Capture(), shutdownTimeoutMs: 5000 });
    const counts = await app.queues.poll.getJobSchedulersCount();
    expect(counts).toBe(0); // no sources configured here
    const started = Date.now();
    await running.stop();
    await running.stopped;
    expect(Date.now() - started).toBeLessThan(6000);
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

// A real redis-server of the test's own (free port, AOF fsync always, temp dir)
// that the test can SIGKILL and restart on the same port and directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, pingRedis } from '../../../src/store/redis.js';

export const REDIS_SERVER_BIN = '/usr/bin/redis-server';

export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// While the AOF loads Redis answers LOADING: pingRedis waits for a real PONG.
const answers = (url: string) => pingRedis(url, 300);

export async function startOwnRedis(): Promise<OwnRedis> {
  try {
    accessSync(REDIS_SERVER_BIN, constants.X_OK);
  } catch {
    throw new Error(`${REDIS_SERVER_BIN} is missing: the Redis-restart fault test needs a real redis-server (Debian: apt-get install redis-server)`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-faults-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = spawn(
      REDIS_SERVER_BIN,
      ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while (!(await answers(url))) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function signal(sig: NodeJS.Signals): Promise<void> {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(sig);
    });
  }

  await start();
  return {
    url,
    port,
    dir,
    kill: () => signal('SIGKILL'),
    start,
    async stop() {
      await signal('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

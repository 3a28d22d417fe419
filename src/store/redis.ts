// Connecting to Redis: the configured URL, else 127.0.0.1:6379, else a private
// redis-server we start ourselves (data under ./data, AOF on) — else a clear
// message of what to install or set. Also checks maxmemory-policy.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

export interface RedisHandle {
  url: string;
  /** The private server we started, if any; stopped by close(). */
  privateServer?: ChildProcess;
  close(): Promise<void>;
}

export async function pingRedis(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK); // runs once at start: sync is fine
      return candidate;
    } catch {
      /* not in this directory */
    }
  }
  return undefined;
}

/** A TCP port nothing listens on right now (on 127.0.0.1). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const NO_REDIS_MESSAGE = [
  'standards-watch needs Redis and none answers at redis://127.0.0.1:6379.',
  'Either start one (Debian/Ubuntu: `sudo apt-get install -y redis-server`, macOS: `brew install redis`;',
  'with redis-server on the PATH the bot starts a private one under ./data by itself),',
  'or set REDIS_URL to a Redis you have, e.g. REDIS_URL=redis://my-redis:6379 (docker compose up starts one).',
].join(' ');

export async function ensureRedis(opts: { url?: string; dataDir: string; log: Logger; defaultUrl?: string; redisServer?: string }): Promise<RedisHandle> {
  if (opts.url) {
    if (!(await pingRedis(opts.url, 3000))) {
      throw new RedisUnavailableError(`Redis does not answer at REDIS_URL=${redactUrl(opts.url)}. Check that it runs and that the URL (host, port, password) is right.`);
    }
    return { url: opts.url, close: async () => undefined };
  }
  const defaultUrl = opts.defaultUrl ?? DEFAULT_REDIS_URL;
  if (await pingRedis(defaultUrl)) return { url: defaultUrl, close: async () => undefined };
  const binary = opts.redisServer ?? which('redis-server');
  if (!binary) throw new RedisUnavailableError(NO_REDIS_MESSAGE);
  return startPrivateRedis(binary, opts.dataDir, opts.log);
}

async function startPrivateRedis(binary: string, dataDir: string, log: Logger): Promise<RedisHandle> {
  await mkdir(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', path.resolve(dataDir), '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = `redis://127.0.0.1:${port}`;
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null || spawnError) break;
    if (await pingRedis(url, 200)) {
      log.info({ port, dataDir }, 'started a private redis-server (AOF on); it stops when the bot exits');
      const stop = () => {
        if (child.exitCode === null) child.kill('SIGTERM');
      };
      process.once('exit', stop);
      return {
        url,
        privateServer: child,
        close: async () => {
          process.removeListener('exit', stop);
          if (child.exitCode !== null) return;
          await new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  const why = spawnError ? `could not start ${binary} (${(spawnError as NodeJS.ErrnoException).code ?? spawnError.message})` : `started ${binary} under ${dataDir} but it did not answer`;
  throw new RedisUnavailableError(`${why[0]!.toUpperCase()}${why.slice(1)}. ${NO_REDIS_MESSAGE}`);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A client for commands (fails fast) or for BullMQ workers (retries forever). */
export function createRedisClient(url: string, kind: 'command' | 'worker', log: Logger): Redis {
  const options: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 3, enableReadyCheck: true, enableAutoPipelining: true, retryStrategy: (times) => Math.min(times * 200, 2000) };
  const client = new Redis(url, options);
  let lastError = '';
  client.on('error', (err: Error) => {
    if (err.message !== lastError) log.warn({ err: err.message }, 'redis connection problem; retrying');
    lastError = err.message;
  });
  client.on('ready', () => {
    if (lastError) log.info('redis connection restored');
    lastError = '';
  });
  return client;
}

export async function checkEvictionPolicy(client: Redis, log: Logger): Promise<string | undefined> {
  try {
    const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      log.warn({ policy }, `Redis maxmemory-policy is "${policy}": set it to noeviction (redis-server --maxmemory-policy noeviction), or Redis may evict queued jobs and stored items under memory pressure`);
    }
    return policy;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction');
    return undefined;
  }
}

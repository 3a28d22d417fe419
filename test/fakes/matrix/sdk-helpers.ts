/** Helpers for tests that drive the real matrix-js-sdk against the fake homeserver. */
import { ClientEvent, createClient, SyncState, type ICreateClientOpts, type MatrixClient } from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { FakeHomeserver } from './types.js';

/** The SDK's global logger prints every sync step at debug level; keep warnings and errors. */
export function quietSdkLogs(): void {
  (sdkLogger as unknown as { setLevel(level: string): void }).setLevel('warn');
}

/** A logger for `createClient({ logger })` that drops everything. */
export function silentLogger(): NonNullable<ICreateClientOpts['logger']> {
  const noop = (): void => undefined;
  const logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, getChild: () => logger };
  return logger;
}

/** Resolves with the value passed to `resolve`, or rejects after `ms` naming `what`. */
export function within<T>(ms: number, what: string, executor: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    executor((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Polls `check` every 20 ms until it holds, or throws after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Registers `userId` on the fake (idempotent), creates a real SDK client for it, starts it and
 * waits for SYNCING. The caller must `stopClient()` it.
 */
export async function startSdkClient(
  fake: FakeHomeserver,
  userId: string,
  opts: { displayName?: string; initialSyncLimit?: number } = {},
): Promise<MatrixClient> {
  const { accessToken, deviceId } = fake.registerUser(userId, opts.displayName !== undefined ? { displayName: opts.displayName } : {});
  const client = createClient({ baseUrl: fake.baseUrl, accessToken, userId, deviceId, logger: silentLogger() });
  const syncing = within<void>(10_000, `${userId} to reach SYNCING`, (resolve) => {
    client.on(ClientEvent.Sync, (state) => {
      if (state === SyncState.Syncing) resolve();
    });
  });
  await client.startClient({ initialSyncLimit: opts.initialSyncLimit ?? 10 });
  try {
    await syncing;
  } catch (err) {
    client.stopClient();
    throw err;
  }
  return client;
}

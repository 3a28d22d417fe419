// Notices source changes made by any process (a version counter in Redis, read
// every few seconds: one GET) and hands the new list to `onChange` — the poller
// re-syncs its job schedulers there. A failed `onChange` is retried next tick.
import type { Logger } from 'pino';
import type { Source } from '../core/types.js';
import type { SourceRegistryAdmin } from './registry.js';

export interface SourceChange {
  /** Sources that are new, or were resumed, since the last call. */
  added: Source[];
  /** Ids of sources that were removed or paused. */
  removed: string[];
}

export interface SourceWatch {
  name: string;
  /** Checks now (tests, or after a local change); resolves when onChange has run. */
  check(): Promise<void>;
  stop(): Promise<void>;
}

export function watchSourceChanges(
  registry: Pick<SourceRegistryAdmin, 'list' | 'version'>,
  onChange: (sources: Source[], change: SourceChange) => void | Promise<void>,
  opts: { intervalMs?: number; log?: Logger } = {},
): SourceWatch {
  let seenVersion: number | undefined;
  let active: Set<string> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function baseline() {
    seenVersion = await registry.version();
    active = new Set((await registry.list()).filter((s) => !s.paused).map((s) => s.id));
  }

  async function tick() {
    if (seenVersion === undefined || !active) return baseline();
    const version = await registry.version();
    if (version === seenVersion) return;
    const sources = await registry.list();
    const now = sources.filter((s) => !s.paused);
    const change: SourceChange = {
      added: now.filter((s) => !active!.has(s.id)),
      removed: [...active].filter((id) => !now.some((s) => s.id === id)),
    };
    await onChange(sources, change);
    seenVersion = version;
    active = new Set(now.map((s) => s.id));
    opts.log?.info({ version, added: change.added.map((s) => s.id), removed: change.removed }, 'sources changed: schedules re-synced');
  }

  const check = () =>
    (running ??= tick()
      .catch((err: unknown) => opts.log?.error({ err }, 'checking for source changes failed; trying again shortly'))
      .finally(() => (running = undefined)));

  void check();
  const timer = setInterval(() => {
    if (!stopped) void check();
  }, opts.intervalMs ?? 2000);
  timer.unref();

  return {
    name: 'source-watch',
    async check() {
      await running;
      await check();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

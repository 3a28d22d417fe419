// Politeness per host: at most `concurrency` requests in flight, starts at least `spacingMs`
// apart, and a cool-down after the host said 429/503 with Retry-After.

interface HostState {
  active: number;
  lastStart: number;
  waiters: Array<() => void>;
  coolDownUntil: number;
}

export interface HostLimiterOptions {
  concurrency: number;
  spacingMs: number;
  now?: () => number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly now: () => number;

  constructor(private readonly opts: HostLimiterOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds the host asked us to wait, or 0. */
  coolDownRemaining(host: string): number {
    const s = this.hosts.get(host);
    return s ? Math.max(0, s.coolDownUntil - this.now()) : 0;
  }

  coolDown(host: string, ms: number): void {
    const s = this.state(host);
    s.coolDownUntil = Math.max(s.coolDownUntil, this.now() + ms);
  }

  /** Wait for a slot; returns the release function. Rejects when the signal aborts. */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    const s = this.state(host);
    while (s.active >= Math.max(1, this.opts.concurrency)) {
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          s.waiters = s.waiters.filter((w) => w !== wake);
          reject(signal?.reason);
        };
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        s.waiters.push(wake);
      });
    }
    s.active += 1;
    const wait = s.lastStart + this.opts.spacingMs - this.now();
    s.lastStart = Math.max(this.now(), s.lastStart + this.opts.spacingMs);
    if (wait > 0) {
      try {
        await sleep(wait, signal);
      } catch (err) {
        this.release(host, s);
        throw err;
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(host, s);
    };
  }

  private release(host: string, s: HostState): void {
    s.active -= 1;
    const next = s.waiters.shift();
    if (next) next();
    else if (s.active === 0 && s.coolDownUntil <= this.now() && s.lastStart + this.opts.spacingMs <= this.now()) {
      this.hosts.delete(host);
    }
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, lastStart: -Infinity, waiters: [], coolDownUntil: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

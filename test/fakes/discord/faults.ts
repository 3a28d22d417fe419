import type { FakeFault, FaultMatch } from './types.js';

interface Armed {
  match: FaultMatch;
  fault: FakeFault;
  remaining: number;
}

/** Faults armed by failNext, consumed by the next matching REST requests in arrival order. */
export class FaultQueue {
  private readonly armed: Armed[] = [];

  add(match: FaultMatch, fault: FakeFault, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new Error('fake-discord: failNext times must be >= 1');
    this.armed.push({ match, fault, remaining: times });
  }

  take(method: string, path: string): FakeFault | undefined {
    const i = this.armed.findIndex(
      (a) =>
        (a.match.method === undefined || a.match.method.toUpperCase() === method.toUpperCase()) &&
        (a.match.path === undefined || matches(a.match.path, path)),
    );
    const hit = i >= 0 ? this.armed[i] : undefined;
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining === 0) this.armed.splice(i, 1);
    return hit.fault;
  }
}

function matches(re: RegExp, path: string): boolean {
  re.lastIndex = 0; // a /g or /y regex keeps state between test() calls
  return re.test(path);
}

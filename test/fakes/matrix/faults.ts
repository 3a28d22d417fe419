/** Faults queued by tests, consumed by the next matching requests. */
import type { Fault, FaultMatch } from './types.js';

interface QueuedFault {
  match: FaultMatch;
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private readonly queued: QueuedFault[] = [];

  add(match: FaultMatch, fault: Fault, times = 1): void {
    if (times < 1) return;
    this.queued.push({ match, fault, remaining: times });
  }

  /** The first queued fault matching this request, consuming one of its uses. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queued.findIndex(
      (q) =>
        (q.match.method === undefined || q.match.method.toUpperCase() === method.toUpperCase()) &&
        (q.match.path === undefined || matches(q.match.path, path)),
    );
    const entry = this.queued[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queued.splice(index, 1);
    return entry.fault;
  }
}

function matches(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
  return pattern.test(path);
}

export function describeFault(fault: Fault): string {
  if ('reset' in fault) return `reset-${fault.reset}`;
  if ('afterStore' in fault) return '500-after-store';
  return String(fault.status);
}

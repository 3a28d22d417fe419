// Errors by outcome. A UserError is shown to the person who asked; a
// TransientError is retried; a PermanentError is not (BullMQ's
// UnrecoverableError at the queue edge). Log text stays apart from what users read.

export class UserError extends Error {
  constructor(readonly identifier: string, message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export class TransientError extends Error {
  constructor(message: string, readonly retryAfterMs?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** The platform says the bot can no longer post to this target (kicked, channel deleted, access removed). */
export class TargetLostError extends PermanentError {
  constructor(readonly platform: string, readonly target: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`${platform} target ${target} is no longer reachable: ${reason}`, options);
    this.name = 'TargetLostError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

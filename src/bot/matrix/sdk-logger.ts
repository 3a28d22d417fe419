// matrix-js-sdk logs every sync step; route its client logger into pino at
// quiet levels, and silence its global logger (its messages there are about sync internals; failures that matter reach us as request errors).
import { logger as globalSdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Logger } from 'pino';

function text(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ').slice(0, 500);
}

export function sdkLogger(log: Logger): SdkLogger {
  const sdk = log.child({ module: 'matrix-js-sdk' });
  const logger: SdkLogger = {
    trace: () => undefined,
    debug: () => undefined,
    info: (...parts: unknown[]) => sdk.trace(text(parts)),
    warn: (...parts: unknown[]) => sdk.debug(text(parts)),
    error: (...parts: unknown[]) => sdk.warn(text(parts)),
    getChild: () => logger,
  };
  return logger;
}

export function quietGlobalSdkLogger(): void {
  (globalSdkLogger as unknown as { setLevel(level: string): void }).setLevel('silent');
}

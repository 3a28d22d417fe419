// The terminal as a subscriber: with no chat credentials, alerts and digests
// print here as readable text.
import type { Message } from '../../core/message.js';
import type { PlatformSink } from '../../core/ports.js';
import type { Subscription } from '../../core/types.js';
import { emptyFilter } from '../../core/filter.js';
import { renderTerminal } from './render.js';

export const TERMINAL_SUBSCRIPTION_ID = 'terminal';

export function terminalSubscription(timeZone: string): Subscription {
  return {
    id: TERMINAL_SUBSCRIPTION_ID,
    platform: 'terminal',
    target: 'terminal',
    personal: false,
    filter: emptyFilter(),
    mode: 'instant',
    timeZone,
    createdBy: 'standards-watch',
    createdAt: new Date(0).toISOString(),
  };
}

export function createTerminalSink(stream: NodeJS.WritableStream & { isTTY?: boolean }): PlatformSink & { printed: number } {
  let counter = 0;
  const sink = {
    platform: 'terminal' as const,
    printed: 0,
    async send(_target: string, message: Message) {
      stream.write(`\n${renderTerminal(message, { color: Boolean(stream.isTTY) })}\n`);
      sink.printed++;
      return { messageId: `t${++counter}` };
    },
    async edit(_target: string, messageId: string, message: Message) {
      const also = message.sections?.find((s) => s.heading === 'Also reported by');
      const last = also?.lines.at(-1);
      stream.write(`\n  ↳ also reported by ${last?.text ?? 'another source'}: ${message.title ?? ''}${last?.url ? `\n    ${last.url}` : ''}\n`);
      return { messageId };
    },
  };
  return sink;
}

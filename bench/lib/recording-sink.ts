// A PlatformSink that records when each alert arrived, for benchmarks.
import type { Message } from '../../src/core/message.js';
import type { PlatformSink } from '../../src/core/ports.js';

export interface RecordingSink extends PlatformSink {
  received: { at: number; key: string; title?: string }[];
}

export function createRecordingSink(): RecordingSink {
  const received: RecordingSink['received'] = [];
  let n = 0;
  return {
    platform: 'terminal',
    received,
    async send(_target: string, message: Message, opts) {
      received.push({ at: Date.now(), key: opts.idempotencyKey, title: message.title });
      return { messageId: `m${++n}` };
    },
    async edit(_target: string, messageId: string, message: Message, opts) {
      received.push({ at: Date.now(), key: opts.idempotencyKey, title: message.title });
      return { messageId };
    },
  };
}

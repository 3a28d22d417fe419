// A recording fake of our PlatformSink port: what was sent, edited and sent to users.
// It records every call, so a test sees a processor that sends twice.
import type { Message } from '../../../src/core/message.js';
import type { PlatformSink, SendOptions } from '../../../src/core/ports.js';
import type { Platform } from '../../../src/core/types.js';

export interface Recorded {
  op: 'send' | 'edit' | 'sendToUser';
  target: string;
  message: Message;
  key: string;
  messageId: string;
}

export class RecordingSink implements PlatformSink {
  records: Recorded[] = [];
  private counter = 0;
  constructor(readonly platform: Platform = 'discord') {}

  private record(op: Recorded['op'], target: string, message: Message, opts: SendOptions, messageId?: string) {
    const id = messageId ?? `m${++this.counter}`;
    this.records.push({ op, target, message, key: opts.idempotencyKey, messageId: id });
    return { messageId: id };
  }
  async send(target: string, message: Message, opts: SendOptions) {
    return this.record('send', target, message, opts);
  }
  async edit(target: string, messageId: string, message: Message, opts: SendOptions) {
    return this.record('edit', target, message, opts, messageId);
  }
  async sendToUser(userId: string, message: Message, opts: SendOptions) {
    return this.record('sendToUser', userId, message, opts);
  }
  of(kind: Message['kind']): Recorded[] {
    return this.records.filter((r) => r.message.kind === kind);
  }
}

// In-memory fakes of our own ports for command tests, and a context builder.
import pino from 'pino';
import type { CommandContext } from '../../../src/bot/commands/define.js';
import { runTokens } from '../../../src/bot/commands/dispatch.js';
import { tokenize } from '../../../src/bot/commands/parse-text.js';
import { commands } from '../../../src/bot/commands/registry.js';
import type { CommandServices, DigestScheduler } from '../../../src/bot/commands/services.js';
import type { ItemStore, SubscriptionStore } from '../../../src/core/ports.js';
import type { Group, Item, Subscription } from '../../../src/core/types.js';

export class MemorySubscriptions implements SubscriptionStore {
  subs = new Map<string, Subscription>();
  async add(sub: Subscription) {
    this.subs.set(sub.id, sub);
  }
  async update(sub: Subscription) {
    if (this.subs.has(sub.id)) this.subs.set(sub.id, sub);
  }
  async remove(id: string) {
    return this.subs.delete(id);
  }
  async get(id: string) {
    return this.subs.get(id);
  }
  async forTarget(platform: string, target: string) {
    return [...this.subs.values()].filter((s) => s.platform === platform && s.target === target);
  }
  async all() {
    return [...this.subs.values()];
  }
}

export class RecordingScheduler implements DigestScheduler {
  scheduled: Subscription[] = [];
  unscheduled: string[] = [];
  async schedule(sub: Subscription) {
    this.scheduled.push(sub);
  }
  async unschedule(sub: Subscription) {
    this.unscheduled.push(sub.id);
  }
}

export const groups: Group[] = [
  { id: 'itu-t-fg-mv', body: 'itu', names: ['FG-MV', 'metaverse focus group'], title: 'ITU-T FG-MV' },
  { id: 'itu-t-sg17', body: 'itu', names: ['SG17', 'Study Group 17'] },
];

export function services(extra: Partial<CommandServices> = {}, recent: Item[] = []): CommandServices & { subscriptions: MemorySubscriptions; digests: RecordingScheduler } {
  const items = { latest: async () => recent } as unknown as ItemStore;
  return {
    items,
    subscriptions: new MemorySubscriptions(),
    meetings: { all: async () => [] },
    sources: { list: async () => [{ id: 'itu-news', kind: 'rss', url: 'https://itu.example/feed', everyMs: 60_000, tags: [], fetchArticle: false, title: 'ITU News' }], health: async () => [] },
    groups,
    tags: [
      { id: 'digital-identity', label: 'Digital identity' },
      { id: 'surveillance', label: 'Surveillance' },
      { id: 'privacy', label: 'Privacy' },
    ],
    resolveGroup: (text) => groups.find((g) => g.id === text.toLowerCase() || g.names.some((n) => n.toLowerCase() === text.toLowerCase())),
    suggestGroups: (text) => groups.filter((g) => g.names.some((n) => n.toLowerCase().startsWith(text.slice(0, 2).toLowerCase()))),
    publicUrl: 'https://sw.example',
    digests: new RecordingScheduler(),
    ...extra,
  } as CommandServices & { subscriptions: MemorySubscriptions; digests: RecordingScheduler };
}

export function context(svc: CommandServices, extra: Partial<CommandContext> = {}): CommandContext {
  return {
    platform: 'matrix',
    target: '!room:example.org',
    user: { id: '@alice:example.org' },
    isDirect: false,
    can: { manageTarget: true, operator: false },
    timeZone: 'UTC',
    clock: { now: () => new Date('2024-03-29T12:00:00Z') },
    services: svc,
    ...extra,
  };
}

const log = pino({ level: 'silent' });

/** Runs a command in its text form, as Matrix and the terminal do. */
export function run(ctx: CommandContext, text: string) {
  return runTokens(commands, tokenize(text), ctx, log);
}

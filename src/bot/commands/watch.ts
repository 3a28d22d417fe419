// `watch add|list|remove`: instant-alert subscriptions of a channel or room,
// or of the asker personally (in a DM, or with personal:true).
import { randomBytes } from 'node:crypto';
import { UserError } from '../../core/errors.js';
import { describeSchedule } from '../../core/digest/period.js';
import { describeFilter, emptyFilter, type FilterNames } from '../../core/filter.js';
import { reply } from '../../core/message.js';
import type { Filter, Group, Subscription } from '../../core/types.js';
import { defineGroup, defineSubcommand, type CommandContext, type OptionSpec } from './define.js';

export function newSubscriptionId(): string {
  return `w${randomBytes(4).toString('hex')}`;
}

export const filterOptions = {
  tags: { type: 'tags', description: 'Any of these tags (comma-separated)', autocomplete: 'tag', maxLength: 500 },
  keywords: { type: 'list', description: 'All of these words (comma-separated)', maxLength: 500 },
  groups: { type: 'groups', description: 'Any of these groups (comma-separated)', autocomplete: 'group', maxLength: 500 },
  sources: { type: 'sources', description: 'Any of these source ids', autocomplete: 'source', maxLength: 500 },
  'min-score': { type: 'number', description: 'Minimum relevance, 0–1', min: 0, max: 1 },
  personal: { type: 'boolean', description: 'Send to you directly instead of here', positional: false },
} satisfies Record<string, OptionSpec>;

export function filterFrom(options: Record<string, unknown>): Filter {
  const filter = emptyFilter();
  filter.tags = (options.tags as string[] | undefined) ?? [];
  filter.keywords = ((options.keywords as string[] | undefined) ?? []).map((k) => k.slice(0, 100));
  filter.groups = ((options.groups as Group[] | undefined) ?? []).map((g) => g.id);
  filter.sources = (options.sources as string[] | undefined) ?? [];
  filter.minScore = (options['min-score'] as number | undefined) ?? 0;
  return filter;
}

export async function checkSources(ctx: CommandContext, filter: Filter) {
  if (filter.sources.length === 0) return;
  const known = new Set((await ctx.services.sources.list()).map((s) => s.id));
  const unknown = filter.sources.filter((s) => !known.has(s));
  if (unknown.length) throw new UserError('unknown-source', `Unknown source${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. "sources" lists them.`);
}

/** Display names for explaining a filter back: tag labels and group names rather than ids. */
export function filterNames(ctx: CommandContext): Required<Pick<FilterNames, 'tag' | 'group'>> {
  return {
    tag: (id) => ctx.services.tags.find((t) => t.id === id)?.label ?? id,
    group: (id) => {
      const g = ctx.services.groups.find((x) => x.id === id);
      return g ? g.title ?? g.names[0] ?? g.id : id;
    },
  };
}

function sameFilter(a: Filter, b: Filter): boolean {
  const norm = (f: Filter) =>
    JSON.stringify([f.tags, f.groups, f.sources, f.keywords.map((k) => k.toLowerCase())].map((l) => [...l].sort()).concat([[String(f.minScore)]]));
  return norm(a) === norm(b);
}

/** Where a subscription made here goes: this channel/room, or the user directly. */
export function destination(ctx: CommandContext, options: Record<string, unknown>): { target: string; personal: boolean } {
  const personal = ctx.isDirect || options.personal === true;
  return { target: personal ? ctx.user.id : ctx.target, personal };
}

const MAX_PER_TARGET = 25;

export const watchCommand = defineGroup({
  name: 'watch',
  description: 'Instant alerts for this channel or room',
  subcommands: {
    add: defineSubcommand({
      description: 'Alert here on items that match',
      options: filterOptions,
      permission: 'manage-target',
      async run(ctx, options) {
        const filter = filterFrom(options);
        await checkSources(ctx, filter);
        const { target, personal } = destination(ctx, options);
        const existing = await ctx.services.subscriptions.forTarget(ctx.platform, target);
        const twin = existing.find((s) => s.mode === 'instant' && sameFilter(s.filter, filter));
        if (twin) throw new UserError('duplicate', `That is already watched ${personal ? 'for you' : 'here'} (id ${twin.id}): ${describeFilter(filter, filterNames(ctx))}.`);
        if (existing.length >= MAX_PER_TARGET) throw new UserError('too-many', `There are already ${existing.length} subscriptions here; remove one first (watch list shows them).`);
        const sub: Subscription = {
          id: newSubscriptionId(),
          platform: ctx.platform,
          target,
          personal,
          filter,
          mode: 'instant',
          timeZone: ctx.timeZone,
          createdBy: ctx.user.id,
          createdAt: ctx.clock.now().toISOString(),
        };
        await ctx.services.subscriptions.add(sub);
        return reply.text(`Watching ${describeFilter(filter, filterNames(ctx))}. Alerts go ${personal ? 'to you directly' : 'here'}. (id ${sub.id}; "watch remove ${sub.id}" stops it.)`, { private: personal });
      },
    }),
    list: defineSubcommand({
      description: 'What this channel or room (or you, personal:true) receives',
      options: { personal: filterOptions.personal },
      async run(ctx, options) {
        const { target, personal } = destination(ctx, options);
        const subs = await ctx.services.subscriptions.forTarget(ctx.platform, target);
        if (subs.length === 0) return reply.none(personal ? 'You have no personal subscriptions.' : 'Nothing is watched here yet. Try "watch add tags:digital-identity".');
        const lines = subs.map((s) => ({
          text: `${s.id} — ${s.mode === 'instant' ? 'instant alerts' : `digest ${describeSchedule(s)}`}${s.paused ? ' (paused)' : ''}`,
          detail: describeFilter(s.filter, filterNames(ctx)),
        }));
        return reply.text(`${subs.length} subscription${subs.length === 1 ? '' : 's'}:`, { sections: [{ heading: 'Subscriptions', lines }], private: personal });
      },
    }),
    remove: defineSubcommand({
      description: 'Stop a subscription by its id',
      options: { id: { type: 'string', description: 'The id shown by watch list', required: true, autocomplete: 'subscription', maxLength: 40 }, personal: filterOptions.personal },
      permission: 'manage-target',
      async run(ctx, options) {
        const { target } = destination(ctx, options);
        const sub = await ctx.services.subscriptions.get(String(options.id));
        if (!sub || sub.platform !== ctx.platform || (sub.target !== target && sub.target !== ctx.user.id)) {
          throw new UserError('unknown-subscription', `No subscription ${options.id} here. "watch list" shows the ids.`);
        }
        await ctx.services.subscriptions.remove(sub.id);
        if (sub.mode !== 'instant') await ctx.services.digests?.unschedule(sub);
        return reply.text(`Removed ${sub.id} (${sub.mode === 'instant' ? 'instant alerts' : `digest ${describeSchedule(sub)}`} of ${describeFilter(sub.filter, filterNames(ctx))}).`);
      },
    }),
  },
});

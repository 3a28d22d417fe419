// `digest daily|weekly|off|preview`: one digest per channel or room (or per
// person, in a DM or with personal:true), at the hour and zone it chose.
import { randomBytes } from 'node:crypto';
import { composeDigest } from '../../core/digest/compose.js';
import { describeSchedule, formatLocal, nextDigestRun, periodLengthMs } from '../../core/digest/period.js';
import { UserError } from '../../core/errors.js';
import { describeFilter, matchesFilter } from '../../core/filter.js';
import { reply, type Message } from '../../core/message.js';
import type { Subscription } from '../../core/types.js';
import { defineGroup, defineSubcommand, type CommandContext, type OptionSpec } from './define.js';
import { checkSources, destination, filterFrom, filterNames, filterOptions } from './watch.js';

/** Provided in `services.extra.digestPreview` where the digest ledger is reachable. */
export interface DigestPreviewService {
  preview(sub: Subscription): Promise<Message>;
}

export function newDigestId(): string {
  return `d${randomBytes(4).toString('hex')}`;
}

const laterFilterOptions = Object.fromEntries(Object.entries(filterOptions).map(([name, spec]) => [name, { ...spec, positional: false }])) as {
  [K in keyof typeof filterOptions]: (typeof filterOptions)[K] & { positional: false };
};

const scheduleOptions = {
  tz: { type: 'time-zone', description: 'Time zone, e.g. Europe/Brussels (default: the installation’s)', autocomplete: 'time-zone' },
  ...laterFilterOptions,
  'send-empty': { type: 'boolean', description: 'Say "nothing new" rather than stay silent', positional: false },
} satisfies Record<string, OptionSpec>;

const personalOnly = { personal: filterOptions.personal } satisfies Record<string, OptionSpec>;

async function digestsHere(ctx: CommandContext, target: string): Promise<Subscription[]> {
  return (await ctx.services.subscriptions.forTarget(ctx.platform, target)).filter((s) => s.mode === 'daily' || s.mode === 'weekly');
}

async function saveDigest(ctx: CommandContext, options: Record<string, unknown>, schedule: Pick<Subscription, 'mode' | 'at' | 'weekday'>): Promise<Message> {
  const filter = filterFrom(options);
  await checkSources(ctx, filter);
  const { target, personal } = destination(ctx, options);
  const existing = (await digestsHere(ctx, target))[0];
  const now = ctx.clock.now();
  const sub: Subscription = {
    id: existing?.id ?? newDigestId(),
    platform: ctx.platform,
    target,
    personal,
    filter,
    mode: schedule.mode,
    at: schedule.at,
    weekday: schedule.mode === 'weekly' ? schedule.weekday : undefined,
    timeZone: (options.tz as string | undefined) ?? existing?.timeZone ?? ctx.timeZone,
    createdBy: existing?.createdBy ?? ctx.user.id,
    createdAt: existing?.createdAt ?? now.toISOString(),
    sendEmpty: (options['send-empty'] as boolean | undefined) ?? false,
  };
  if (existing) await ctx.services.subscriptions.update(sub);
  else await ctx.services.subscriptions.add(sub);
  await ctx.services.digests?.schedule(sub);
  const next = formatLocal(nextDigestRun(sub, now), sub.timeZone);
  const where = personal ? 'to you directly' : 'here';
  const empty = sub.sendEmpty ? 'When nothing is new it says so.' : 'When nothing is new it stays silent (send-empty:true to hear "nothing new").';
  return reply.text(
    `${existing ? 'Changed the digest' : 'Digest set up'} ${where}: ${describeSchedule(sub)} (next: ${next}), with ${describeFilter(filter, filterNames(ctx))}. ${empty} "digest preview" shows what it holds now; "digest off" stops it. (id ${sub.id})`,
    { private: personal },
  );
}

/** Without the digest ledger (a process with no queue): what matched in the last period, from the item store. */
async function fallbackPreview(ctx: CommandContext, sub: Subscription): Promise<Message> {
  const now = ctx.clock.now();
  const recent = await ctx.services.items.latest({ limit: 200, sinceMs: now.getTime() - periodLengthMs(sub.mode), enrichedOnly: true });
  const sources = new Map((await ctx.services.sources.list()).map((s) => [s.id, s.title ?? s.id]));
  const names = filterNames(ctx);
  return composeDigest({
    subscription: sub,
    items: recent.filter((i) => matchesFilter(sub.filter, i)),
    meetings: await ctx.services.meetings.all(),
    now,
    since: new Date(now.getTime() - periodLengthMs(sub.mode)).toISOString(),
    publicUrl: ctx.services.publicUrl,
    names: { tag: names.tag, group: names.group, source: (id) => sources.get(id) ?? id },
    preview: true,
  });
}

export const digestCommand = defineGroup({
  name: 'digest',
  description: 'A daily or weekly digest for this channel or room (or for you, personal:true)',
  subcommands: {
    daily: defineSubcommand({
      description: 'A digest every day at HH:MM in a time zone',
      options: { at: { type: 'time', description: 'When, HH:MM (24-hour), e.g. 09:00', required: true }, ...scheduleOptions },
      permission: 'manage-target',
      run: (ctx, options) => saveDigest(ctx, options, { mode: 'daily', at: options.at as string }),
    }),
    weekly: defineSubcommand({
      description: 'A digest once a week, on a day at HH:MM in a time zone',
      options: {
        day: { type: 'weekday', description: 'Which day, e.g. monday', required: true },
        at: { type: 'time', description: 'When, HH:MM (24-hour), e.g. 09:00', required: true },
        ...scheduleOptions,
      },
      permission: 'manage-target',
      run: (ctx, options) => saveDigest(ctx, options, { mode: 'weekly', at: options.at as string, weekday: options.day as number }),
    }),
    off: defineSubcommand({
      description: 'Stop the digest here (or yours, personal:true)',
      options: personalOnly,
      permission: 'manage-target',
      async run(ctx, options) {
        const { target, personal } = destination(ctx, options);
        const found = await digestsHere(ctx, target);
        if (found.length === 0) return reply.none(personal ? 'You have no personal digest.' : 'There is no digest here.');
        for (const sub of found) {
          await ctx.services.subscriptions.remove(sub.id);
          await ctx.services.digests?.unschedule(sub);
        }
        return reply.text(`Stopped the ${describeSchedule(found[0]!)} digest${personal ? ' sent to you' : ' here'}.`, { private: personal });
      },
    }),
    preview: defineSubcommand({
      description: 'What the next digest here would hold now',
      options: personalOnly,
      slow: true,
      async run(ctx, options) {
        const { target, personal } = destination(ctx, options);
        const sub = (await digestsHere(ctx, target))[0];
        if (!sub) {
          const example = `digest daily 09:00 ${ctx.timeZone}${personal ? ' personal:true' : ''}`;
          return reply.none(`${personal ? 'You have no personal digest' : 'There is no digest here'} yet. Set one up with "${example}".`);
        }
        const previewer = ctx.services.extra?.digestPreview as DigestPreviewService | undefined;
        const message = previewer ? await previewer.preview(sub) : await fallbackPreview(ctx, sub);
        return { ...message, private: personal || message.private };
      },
    }),
  },
});

// `next-meeting [group]` and `meetings [group] [days]`.
import { reply, type Message, type MessageField } from '../../core/message.js';
import type { Group, Meeting } from '../../core/types.js';
import { defineCommand } from './define.js';
import { daysUntil, formatMeetingWhen, meetingEndMs, meetingStartMs } from './meeting-format.js';

function groupName(groups: Group[], id: string): string {
  const g = groups.find((x) => x.id === id);
  return g ? g.title ?? g.names[0] ?? g.id : id;
}

export function meetingMessage(m: Meeting, groups: Group[], now: Date, zone: string): Message {
  const days = daysUntil(m, now, zone);
  const fields: MessageField[] = [
    { name: 'When', value: formatMeetingWhen(m, zone) },
    { name: 'Where', value: m.location ?? 'not announced' , inline: true },
    { name: 'Starts', value: days > 1 ? `in ${days} days` : days === 1 ? 'tomorrow' : days === 0 ? 'today' : 'under way', inline: true },
  ];
  const nextDeadline = m.deadlines.filter((d) => Date.parse(d.at) >= now.getTime() - 86_400_000).sort((a, b) => a.at.localeCompare(b.at))[0];
  if (nextDeadline) fields.push({ name: `${nextDeadline.kind} due`, value: `${nextDeadline.at}${nextDeadline.derived ? ' (derived from the body’s standing rule)' : ''}` });
  return { kind: 'answer', title: `${groupName(groups, m.groupId)} — ${m.title}`, url: m.url, fields };
}

function sorted(meetings: Meeting[]): Meeting[] {
  return [...meetings].sort((a, b) => meetingStartMs(a) - meetingStartMs(b));
}

export const nextMeetingCommand = defineCommand({
  name: 'next-meeting',
  description: 'When a group meets next, and what is due before',
  options: {
    group: { type: 'group', description: 'A group, e.g. FG-MV, SG17, IETF', autocomplete: 'group' },
    tz: { type: 'time-zone', description: 'Your time zone, e.g. Europe/Brussels', autocomplete: 'time-zone' },
  },
  async run(ctx, { group, tz }) {
    const zone = (tz as string | undefined) ?? ctx.timeZone;
    const now = ctx.clock.now();
    const all = sorted(await ctx.services.meetings.all()).filter((m) => !group || m.groupId === (group as Group).id);
    const next = all.find((m) => meetingEndMs(m) > now.getTime());
    if (next) return meetingMessage(next, ctx.services.groups, now, zone);
    const g = group as Group | undefined;
    const last = all.at(-1);
    const who = g ? g.names[0] ?? g.id : 'any tracked group';
    if (!last) return reply.none(`No meeting known for ${who}.`);
    return reply.none(`No upcoming meeting known for ${who}. The last one: ${last.title}, ${formatMeetingWhen(last, zone)}${last.location ? `, ${last.location}` : ''}.`);
  },
});

export const meetingsCommand = defineCommand({
  name: 'meetings',
  description: 'Upcoming meetings, of one group if you name one',
  options: {
    group: { type: 'group', description: 'A group, e.g. FG-MV', autocomplete: 'group' },
    days: { type: 'integer', description: 'How far ahead (days, default 90)', min: 1, max: 730 },
    tz: { type: 'time-zone', description: 'Your time zone', autocomplete: 'time-zone', positional: false },
  },
  async run(ctx, { group, days, tz }) {
    const zone = (tz as string | undefined) ?? ctx.timeZone;
    const now = ctx.clock.now().getTime();
    const until = now + ((days as number | undefined) ?? 90) * 86_400_000;
    const list = sorted(await ctx.services.meetings.all()).filter(
      (m) => (!group || m.groupId === (group as Group).id) && meetingEndMs(m) > now && meetingStartMs(m) <= until,
    );
    if (list.length === 0) return reply.none(`No meetings known in the next ${(days as number | undefined) ?? 90} days.`);
    return reply.text(`${list.length} meeting${list.length === 1 ? '' : 's'} ahead:`, {
      title: 'Upcoming meetings',
      sections: [
        {
          heading: 'Meetings',
          lines: list.map((m) => ({ text: `${groupName(ctx.services.groups, m.groupId)} — ${m.title}`, url: m.url, detail: `${formatMeetingWhen(m, zone)}${m.location ? ` · ${m.location}` : ''}` })),
        },
      ],
    });
  },
});

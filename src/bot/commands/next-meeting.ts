// `next-meeting [group]` and `meetings [group] [days]`: dates in the organiser's terms and the
// reader's zone (the `tz` option, else the subscription's / installation's zone), days left,
// place, link and the next deadline.
import { groupDisplayName } from '../../core/enrich/entities.js';
import { reply, type Message, type MessageField, type MessageLine } from '../../core/message.js';
import { deadlineDueMs } from '../../core/meetings/time.js';
import type { Group, Meeting } from '../../core/types.js';
import { defineCommand } from './define.js';
import { daysUntil, deadlineName, formatDeadline, formatMeetingWhen, formatOrganiserWhen, formatReaderWhen, inDays, meetingEndMs, meetingStartMs } from './meeting-format.js';

function groupName(groups: readonly Group[], id: string): string {
  const g = groups.find((x) => x.id === id);
  return g ? groupDisplayName(g) : id || 'Unassigned';
}

function startsText(m: Meeting, now: Date, zone: string): string {
  if (meetingStartMs(m) <= now.getTime()) return 'under way now';
  return inDays(daysUntil(m, now, zone));
}

export function nextDeadline(m: Meeting, now: Date) {
  return m.deadlines
    .filter((d) => deadlineDueMs(d.at, m.timeZone) > now.getTime())
    .sort((a, b) => deadlineDueMs(a.at, m.timeZone) - deadlineDueMs(b.at, m.timeZone))[0];
}

export function meetingMessage(m: Meeting, groups: readonly Group[], now: Date, zone: string): Message {
  const fields: MessageField[] = [{ name: 'When', value: formatOrganiserWhen(m) }];
  const reader = formatReaderWhen(m, zone);
  if (reader) fields.push({ name: 'Your time', value: reader });
  fields.push({ name: 'Starts', value: startsText(m, now, zone), inline: true });
  fields.push({ name: 'Where', value: m.location ?? 'not announced', inline: true });
  const deadline = nextDeadline(m, now);
  if (deadline) fields.push({ name: `${deadlineName(deadline)} due`, value: formatDeadline(deadline, m, now, zone) });
  const group = groups.find((g) => g.id === m.groupId);
  const url = m.url ?? group?.url;
  const status = m.status === 'tentative' ? ' (planned, not yet confirmed)' : '';
  return { kind: 'answer', title: `${groupName(groups, m.groupId)} — ${m.title}${status}`, url, fields, accent: 'info' };
}

function sorted(meetings: Meeting[]): Meeting[] {
  return [...meetings].filter((m) => m.status !== 'cancelled').sort((a, b) => meetingStartMs(a) - meetingStartMs(b));
}

function lineFor(m: Meeting, groups: readonly Group[], now: Date, zone: string): MessageLine {
  const place = m.location ? ` · ${m.location}` : '';
  return { text: `${groupName(groups, m.groupId)} — ${m.title}`, url: m.url, detail: `${formatMeetingWhen(m, zone)}${place} · ${startsText(m, now, zone)}` };
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
    const g = group as Group | undefined;
    const groups = ctx.services.groups;
    const all = sorted(await ctx.services.meetings.all());
    if (g) {
      const mine = all.filter((m) => m.groupId === g.id);
      const next = mine.find((m) => meetingEndMs(m) > now.getTime());
      if (next) return meetingMessage(next, groups, now, zone);
      const last = mine.at(-1);
      const who = groupDisplayName(g);
      if (!last) return reply.none(`No meeting of ${who} is known${g.url ? ` — its page: ${g.url}` : ''}.`);
      const place = last.location ? `, ${last.location}` : '';
      return reply.none(`No upcoming meeting of ${who} is known. The last one: ${last.title}, ${formatMeetingWhen(last, zone)}${place}.`);
    }
    // No group: the next meeting of each tracked group, soonest first.
    const firstPerGroup = new Map<string, Meeting>();
    for (const m of all) if (meetingEndMs(m) > now.getTime() && !firstPerGroup.has(m.groupId)) firstPerGroup.set(m.groupId, m);
    const list = [...firstPerGroup.values()];
    if (list.length === 0) return reply.none('No upcoming meeting is known for any tracked group.');
    if (list.length === 1) return meetingMessage(list[0]!, groups, now, zone);
    return reply.text(`The next meeting of each group (times also in ${zone}):`, {
      title: 'Next meetings',
      sections: [{ heading: 'Next meetings', lines: list.map((m) => lineFor(m, groups, now, zone)) }],
    });
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
    const now = ctx.clock.now();
    const horizon = (days as number | undefined) ?? 90;
    const until = now.getTime() + horizon * 86_400_000;
    const g = group as Group | undefined;
    const list = sorted(await ctx.services.meetings.all()).filter(
      (m) => (!g || m.groupId === g.id) && meetingEndMs(m) > now.getTime() && meetingStartMs(m) <= until,
    );
    const scope = g ? ` of ${groupDisplayName(g)}` : '';
    if (list.length === 0) return reply.none(`No meetings${scope} known in the next ${horizon} days.`);
    const lines = list.map((m) => lineFor(m, ctx.services.groups, now, zone));
    return reply.text(`${list.length} meeting${list.length === 1 ? '' : 's'}${scope} in the next ${horizon} days:`, {
      title: 'Upcoming meetings',
      sections: [{ heading: 'Upcoming meetings', lines }],
      footer: `Calendar: ${ctx.services.publicUrl.replace(/\/$/, '')}/${g ? `groups/${g.id}/` : ''}meetings.ics`,
    });
  },
});

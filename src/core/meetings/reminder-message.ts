// A reminder as a neutral Message, written in the reader's zone.
import type { Message, MessageField } from '../message.js';
import type { Meeting } from '../types.js';
import { daysUntil, deadlineName, formatDeadline, formatMeetingWhen, formatOrganiserWhen, formatReaderWhen, inDays } from './format.js';
import type { Reminder } from './reminders.js';
import { timedInZone } from './time.js';

export interface ReminderMessageContext {
  groupName: string;
  readerZone: string;
  now: Date;
}

function placeOf(m: Meeting): string {
  return m.location ?? 'not announced';
}

function startText(start: string, m: Meeting, zone: string): string {
  if (start.length === 10) return start;
  return `${timedInZone(start, m.timeZone).setZone(zone).toFormat('ccc d LLL yyyy HH:mm')} ${zone}`;
}

export function reminderMessage(r: Reminder, ctx: ReminderMessageContext): Message {
  const m = r.meeting;
  const fields: MessageField[] = [{ name: 'When', value: formatOrganiserWhen(m) }];
  const reader = formatReaderWhen(m, ctx.readerZone);
  if (reader) fields.push({ name: 'Your time', value: reader });
  fields.push({ name: 'Where', value: placeOf(m), inline: true });
  const base = { kind: 'notice' as const, url: m.url, fields, footer: 'standards-watch · meeting reminder', accent: 'info' as const };
  const title = `${ctx.groupName} — ${m.title}`;
  if (r.kind === 'moved') {
    const was = r.previousStart ? startText(r.previousStart, m, m.allDay ? m.timeZone : ctx.readerZone) : 'an earlier date';
    const now = startText(m.start, m, m.allDay ? m.timeZone : ctx.readerZone);
    return { ...base, title: `Moved: ${title}`, text: `moved: was ${was}, now ${now}.`, accent: 'medium' };
  }
  if (r.kind === 'deadline' && r.deadline) {
    const d = r.deadline;
    return {
      ...base,
      title: `${deadlineName(d)} due for ${title}`,
      text: `${deadlineName(d)} deadline: ${formatDeadline(d, m, ctx.now, ctx.readerZone)}. The meeting: ${formatMeetingWhen(m, ctx.readerZone)}.`,
    };
  }
  return { ...base, title: `Starts ${inDays(daysUntil(m, ctx.now, ctx.readerZone))}: ${title}`, text: `${title} starts ${inDays(daysUntil(m, ctx.now, ctx.readerZone))}.` };
}

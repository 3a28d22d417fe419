// Small, shared pieces of answers: an item as a line, dates as readers expect them.
import { DateTime } from 'luxon';
import type { MessageLine } from '../../core/message.js';
import type { Item } from '../../core/types.js';

export function formatDay(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone });
  return dt.isValid ? dt.toFormat('d LLL yyyy') : iso;
}

export function itemLine(item: Item, zone: string): MessageLine {
  const parts = [formatDay(item.published, zone), item.sourceId];
  if (item.tags.length) parts.push(item.tags.slice(0, 4).join(', '));
  return { text: item.title || '(untitled)', url: item.url || undefined, detail: parts.join(' · ') };
}

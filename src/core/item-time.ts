import type { Item } from './types.js';

/** The time an item is filed under: its published time, or when the bot first saw it. */
export function publishedMs(item: Pick<Item, 'published' | 'seenAt'>): number {
  const ms = Date.parse(item.published);
  return Number.isFinite(ms) ? ms : Date.parse(item.seenAt);
}

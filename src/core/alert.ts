// The alert for one item, as a neutral Message. When the same story was
// already alerted in a target, the message is rebuilt with "also reported by".
import { accentForScore, type Message } from './message.js';
import type { Item } from './types.js';

export interface AlertContext {
  sourceName: string;
  /** Display names of the groups the item names. */
  groupNames: string[];
  /** Other outlets that reported the same story, shown under the first alert. */
  alsoReportedBy?: { name: string; url: string }[];
}

export function alertMessage(item: Item, ctx: AlertContext): Message {
  const fields = [] as NonNullable<Message['fields']>;
  if (ctx.groupNames.length) fields.push({ name: 'Groups', value: ctx.groupNames.join(', '), inline: true });
  fields.push({ name: 'Source', value: ctx.sourceName, inline: true });
  fields.push({ name: 'Relevance', value: `${Math.round(item.score * 100)}%`, inline: true });
  const also = ctx.alsoReportedBy ?? [];
  return {
    kind: 'alert',
    title: item.title || '(untitled)',
    url: item.url || undefined,
    text: item.summary || undefined,
    fields,
    sections: also.length ? [{ heading: 'Also reported by', lines: also.map((a) => ({ text: a.name, url: a.url })) }] : undefined,
    tags: item.tags,
    timestamp: item.published,
    accent: accentForScore(item.score),
    footer: `standards-watch · ${ctx.sourceName}`,
  };
}

// `search <words>`: every word must appear (title, summary, tags, names); newest first.
import { reply } from '../../core/message.js';
import { defineCommand } from './define.js';
import { itemLine } from './render.js';

export const searchCommand = defineCommand({
  name: 'search',
  description: 'Find stored items containing all these words',
  options: {
    words: { type: 'string', description: 'Words to look for, e.g. "digital identity"', required: true, rest: true, maxLength: 300 },
    count: { type: 'integer', description: 'How many (1–25, default 10)', min: 1, max: 25, positional: false },
  },
  slow: true,
  async run(ctx, { words, count }) {
    const items = await ctx.services.items.search(String(words), (count as number | undefined) ?? 10);
    if (items.length === 0) return reply.none(`Nothing found for "${words}".`);
    return reply.text(`${items.length} found for "${words}", newest first:`, {
      title: `Search — ${words}`,
      sections: [{ heading: 'Results', lines: items.map((i) => itemLine(i, ctx.timeZone)) }],
    });
  },
});

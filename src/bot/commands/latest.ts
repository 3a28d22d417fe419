// `latest [tag|group] [count]`: the newest enriched items, optionally of one tag or group.
import { UserError } from '../../core/errors.js';
import { reply } from '../../core/message.js';
import { defineCommand } from './define.js';
import { itemLine } from './render.js';

export const latestCommand = defineCommand({
  name: 'latest',
  description: 'The newest items, of one tag or group if you name one',
  options: {
    topic: { type: 'string', description: 'A tag (digital-identity) or a group (FG-MV)', autocomplete: 'tag' },
    count: { type: 'integer', description: 'How many (1–25, default 5)', min: 1, max: 25 },
  },
  async run(ctx, { topic, count }) {
    const limit = (count as number | undefined) ?? 5;
    let query: { tag?: string; group?: string } = {};
    let label = 'all topics';
    if (topic) {
      const text = String(topic);
      const tag = ctx.services.tags.find((t) => t.id === text.toLowerCase() || t.label.toLowerCase() === text.toLowerCase());
      const group = tag ? undefined : ctx.services.resolveGroup(text);
      if (tag) [query, label] = [{ tag: tag.id }, tag.label];
      else if (group) [query, label] = [{ group: group.id }, group.names[0] ?? group.id];
      else {
        const close = ctx.services.suggestGroups(text, 3).map((g) => g.names[0] ?? g.id);
        throw new UserError('unknown-topic', `"${text}" is neither a tag nor a group.${close.length ? ` Did you mean ${close.join(', ')}?` : ' "tags" lists the tags.'}`);
      }
    }
    const items = await ctx.services.items.latest({ ...query, limit, enrichedOnly: true });
    if (items.length === 0) return reply.none(`Nothing stored yet for ${label}.`);
    return reply.text(`The ${items.length} newest for ${label}:`, {
      title: `Latest — ${label}`,
      sections: [{ heading: label, lines: items.map((i) => itemLine(i, ctx.timeZone)) }],
    });
  },
});

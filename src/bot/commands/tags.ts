import { reply } from '../../core/message.js';
import { defineCommand } from './define.js';

export const tagsCommand = defineCommand({
  name: 'tags',
  description: 'The topic tags items are filed under',
  options: {},
  async run(ctx) {
    const lines = ctx.services.tags.map((t) => ({ text: t.id, detail: t.label }));
    return reply.text(`${lines.length} tags. Use them in latest, watch add tags:… and digests.`, { title: 'Tags', sections: [{ heading: 'Tags', lines }] });
  },
});

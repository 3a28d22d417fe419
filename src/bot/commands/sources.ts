// `sources`: every source with its kind, interval, health and items seen.
import { formatDuration } from '../../config/duration.js';
import { reply } from '../../core/message.js';
import { defineCommand } from './define.js';

export const sourcesCommand = defineCommand({
  name: 'sources',
  description: 'The sources polled, and whether each is healthy',
  options: {},
  async run(ctx) {
    const [sources, health] = await Promise.all([ctx.services.sources.list(), ctx.services.sources.health()]);
    const byId = new Map(health.map((h) => [h.sourceId, h]));
    if (sources.length === 0) return reply.none('No sources are configured.');
    const lines = sources.map((s) => {
      const h = byId.get(s.id);
      const state = s.paused ? 'paused' : !h ? 'not polled yet' : h.healthy ? 'healthy' : `FAILING (${h.consecutiveFailures} in a row: ${h.lastError?.message ?? 'unknown error'})`;
      const last = h?.lastSuccess ? `last success ${h.lastSuccess.slice(0, 16).replace('T', ' ')} UTC` : 'never succeeded';
      return { text: `${s.id} (${s.kind}, every ${formatDuration(s.everyMs)})`, url: s.url, detail: `${state} · ${last} · ${h?.itemsSeen ?? 0} items` };
    });
    const failing = sources.filter((s) => byId.get(s.id) && !byId.get(s.id)!.healthy).length;
    return reply.text(`${sources.length} sources, ${failing} failing.`, { title: 'Sources', sections: [{ heading: 'Sources', lines }] });
  },
});

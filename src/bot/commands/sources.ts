// `sources list|add|remove|pause|resume`: every source with its health, and —
// for operators — adding one after a trial fetch, removing, pausing, resuming.
import { formatDuration } from '../../config/duration.js';
import { UserError } from '../../core/errors.js';
import { reply, type MessageLine, type MessageSection } from '../../core/message.js';
import type { Source, SourceHealth, SourceKind } from '../../core/types.js';
import { kindFromDetected, normaliseTags, parseEvery, slugify, suggestId } from '../../sources/new-source.js';
import { sameUrl } from '../../sources/registry.js';
import { sourcesAdminOf } from '../../sources/sources-admin.js';
import { defineGroup, defineSubcommand, type Command } from './define.js';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function describeHealth(source: Source, h: SourceHealth | undefined): string {
  const parts: string[] = [];
  if (source.paused) parts.push('paused');
  if (!h) parts.push('not polled yet');
  else {
    parts.push(h.healthy ? (h.consecutiveFailures > 0 ? `healthy, ${h.consecutiveFailures} failed poll(s) in a row` : 'healthy') : `FAILING, ${h.consecutiveFailures} failed polls in a row`);
    parts.push(h.lastSuccess ? `last success ${when(h.lastSuccess)}` : 'never succeeded');
    if (h.lastError && h.consecutiveFailures > 0) parts.push(`last error ${when(h.lastError.at)}: ${h.lastError.message}`);
    parts.push(`${h.itemsSeen} items seen`);
  }
  if (source.origin === 'runtime') parts.push('added at run time');
  return parts.join(' · ');
}

const list = defineSubcommand({
  description: 'Every source: kind, interval, health and items seen',
  options: {},
  async run(ctx) {
    const [sources, health] = await Promise.all([ctx.services.sources.list(), ctx.services.sources.health()]);
    if (sources.length === 0) return reply.none('No sources are configured. Operators can add one with "sources add <url>".');
    const byId = new Map(health.map((h) => [h.sourceId, h]));
    const lines = sources.map((s) => ({ text: `${s.id} (${s.kind}, every ${formatDuration(s.everyMs)})`, url: s.url, detail: describeHealth(s, byId.get(s.id)) }));
    const failing = sources.filter((s) => byId.get(s.id)?.healthy === false).length;
    const paused = sources.filter((s) => s.paused).length;
    return reply.text(`${sources.length} sources, ${failing} failing${paused ? `, ${paused} paused` : ''}.`, { title: 'Sources', sections: [{ heading: 'Sources', lines }] });
  },
});

const KINDS = [
  { name: 'RSS, Atom or JSON Feed', value: 'rss' },
  { name: 'iCalendar', value: 'ics' },
  { name: 'ITU group page', value: 'itu-group' },
] as const;

const add = defineSubcommand({
  description: 'Add a feed or calendar after a trial fetch (operators)',
  permission: 'operator',
  slow: true,
  options: {
    url: { type: 'string', description: 'The feed, calendar or ITU group page address', required: true, maxLength: 2000 },
    tags: { type: 'list', description: 'Tags given to its items (comma-separated)', maxLength: 500, positional: false },
    every: { type: 'string', description: 'How often to poll it: 15m, 1h, 1d (default 15m)', maxLength: 20, positional: false },
    id: { type: 'string', description: 'Its id (default: from its title)', maxLength: 60, positional: false },
    kind: { type: 'string', description: 'Read it as this kind (default: detected)', choices: KINDS, positional: false },
  },
  async run(ctx, options) {
    const admin = sourcesAdminOf(ctx.services);
    const url = String(options.url);
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new UserError('bad-option', `url: expected an http(s) address such as https://www.itu.int/hub/feed/; got "${url}"`);
    const everyMs = parseEvery(options.every as string | undefined);
    const tags = normaliseTags((options.tags as string[] | undefined) ?? []);
    const wantedId = options.id === undefined ? undefined : String(options.id);
    if (wantedId !== undefined && slugify(wantedId) !== wantedId) throw new UserError('bad-option', `id: use lowercase letters, digits and dashes, such as "itu-news"; got "${wantedId}"`);

    const known = await admin.list();
    const sameAddress = known.find((s) => sameUrl(s.url, url));
    if (sameAddress) throw new UserError('source-exists', `That address is already polled as "${sameAddress.id}".`);
    if (wantedId !== undefined && known.some((s) => s.id === wantedId)) throw new UserError('source-exists', `There is already a source "${wantedId}"; choose another id (id:…).`);

    const report = await admin.trial(url, options.kind ? { kind: options.kind as SourceKind } : undefined);
    const kind = (options.kind as SourceKind | undefined) ?? kindFromDetected(report.kind);
    if (!report.ok || !kind) {
      const problems = report.problems.length ? report.problems : ['It could not be read as a feed or calendar.'];
      throw new UserError('source-check-failed', `Not added: ${url}\n${problems.map((p) => `- ${p}`).join('\n')}`);
    }
    const taken = new Set(known.map((s) => s.id));
    const id = wantedId ?? suggestId(url, report.title, taken);
    const source: Source = { id, kind, url, everyMs, tags, fetchArticle: false, ...(report.title ? { title: report.title.slice(0, 200) } : {}) };
    const added = await admin.add(source, { addedBy: `${ctx.platform}:${ctx.user.id}`, at: ctx.clock.now() });

    const sections: MessageSection[] = [];
    const found: MessageLine[] = report.first.map((item) => ({ text: item.title, ...(item.url ? { url: item.url } : {}), detail: item.published ? item.published.slice(0, 10) : 'no date' }));
    if (found.length) sections.push({ heading: 'Latest entries', lines: found });
    if (report.problems.length) sections.push({ heading: 'Worth knowing', lines: report.problems.map((text) => ({ text })) });
    const counts = [report.itemCount ? `${report.itemCount} entries` : '', report.meetingCount ? `${report.meetingCount} meetings` : ''].filter(Boolean).join(' and ') || 'no entries yet';
    return reply.text(`Added ${added.id}: ${report.kind ?? kind}, polled every ${formatDuration(everyMs)}${tags.length ? `, tagged ${tags.join(', ')}` : ''}. Found ${counts}.`, {
      title: `Source added: ${added.title ?? added.id}`,
      url,
      sections,
      footer: `Its first poll stores what is there now without alerting anyone. "sources pause ${added.id}" or "sources remove ${added.id}" undo it.`,
    });
  },
});

const idOption = { type: 'source', description: 'The source id (see sources list)', required: true, autocomplete: 'source', maxLength: 60 } as const;

const remove = defineSubcommand({
  description: 'Stop polling a source added at run time and forget it (operators)',
  permission: 'operator',
  options: { id: idOption },
  async run(ctx, options) {
    const removed = await sourcesAdminOf(ctx.services).remove(String(options.id));
    return reply.text(`Removed ${removed.id} (${removed.url}). Items already stored stay searchable.`);
  },
});

function pauseCommand(paused: boolean) {
  return defineSubcommand({
    description: paused ? 'Stop polling a source for now (operators)' : 'Poll a paused source again (operators)',
    permission: 'operator',
    options: { id: idOption },
    async run(ctx, options) {
      const id = String(options.id);
      const admin = sourcesAdminOf(ctx.services);
      const before = (await admin.list()).find((s) => s.id === id);
      if (before && (before.paused ?? false) === paused) return reply.none(`${id} is already ${paused ? 'paused' : 'being polled'}.`);
      const source = await admin.setPaused(id, paused);
      return reply.text(paused ? `Paused ${source.id}: it is not polled until "sources resume ${source.id}".` : `Resumed ${source.id}: it is polled again every ${formatDuration(source.everyMs)}.`);
    },
  });
}

// Given bare (`sources`), the group lists: its default leaf is `list`.
export const sourcesCommand: Command = {
  ...defineGroup({
    name: 'sources',
    description: 'The sources polled, and whether each is healthy',
    subcommands: { list, add, remove, pause: pauseCommand(true), resume: pauseCommand(false) },
  }),
  leaf: list,
};

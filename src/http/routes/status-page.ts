// `/`: the status page. Each part is read on its own, so one that cannot be read
// (Redis down) shows as unavailable and the rest still renders.
import type { FastifyInstance } from 'fastify';
import { meetingEndMs, meetingStartMs } from '../../bot/commands/meeting-format.js';
import type { Meeting } from '../../core/types.js';
import type { HttpDeps } from '../deps.js';
import { renderStatusPage, type StatusView } from '../status-view.js';

export const RECENT_ITEMS = 20;
export const UPCOMING_MEETINGS = 10;

/** Security headers for our own HTML: nothing but inline CSS and our own links may load. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function settled<T>(result: PromiseSettledResult<T>, deps: HttpDeps, part: string): T | undefined {
  if (result.status === 'fulfilled') return result.value;
  deps.log.warn({ err: result.reason instanceof Error ? result.reason.message : String(result.reason), part }, 'status page: part unavailable');
  return undefined;
}

export function upcoming(meetings: Meeting[], now: Date, limit: number): Meeting[] {
  return meetings
    .filter((m) => m.status !== 'cancelled' && Number.isFinite(meetingEndMs(m)) && meetingEndMs(m) > now.getTime())
    .sort((a, b) => meetingStartMs(a) - meetingStartMs(b))
    .slice(0, limit);
}

export function statusPageRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const tagLabels = new Map(deps.tags.map((t) => [t.id, t.label]));
  const groupNames = new Map(deps.groups.map((g) => [g.id, g.title ?? g.names[0] ?? g.id]));

  app.get('/', async (_req, reply) => {
    const now = deps.clock.now();
    const [sources, health, items, meetings, queues] = await Promise.allSettled([
      deps.sources.list(),
      deps.sources.health(),
      deps.items.latest({ limit: RECENT_ITEMS, enrichedOnly: true }),
      deps.meetings.all(),
      deps.queueCounts(),
    ]);
    const sourceList = settled(sources, deps, 'sources');
    const healthList = settled(health, deps, 'health');
    const healthById = new Map((healthList ?? []).map((x) => [x.sourceId, x]));
    const meetingList = settled(meetings, deps, 'meetings');
    const view: StatusView = {
      title: deps.title ?? 'standards-watch',
      version: deps.version,
      now,
      timeZone: deps.defaultTimeZone,
      sources: sourceList && healthList ? sourceList.map((source) => ({ source, health: healthById.get(source.id) })) : undefined,
      items: settled(items, deps, 'items'),
      meetings: meetingList ? upcoming(meetingList, now, UPCOMING_MEETINGS).map((meeting) => ({ meeting, groupName: groupNames.get(meeting.groupId) ?? meeting.groupId })) : undefined,
      queues: settled(queues, deps, 'queues'),
      tagLabels,
      sourceNames: new Map((sourceList ?? []).map((s) => [s.id, s.title ?? s.id])),
    };
    reply
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8');
    return renderStatusPage(view);
  });

  // Browsers ask for it whatever the page says; answer so that no error is logged in their console.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());
}

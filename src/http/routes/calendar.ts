// /meetings.ics and /groups/<id>/meetings.ics: the merged meetings as a calendar people
// subscribe to (Google, Outlook, Apple, Thunderbird). The writer is pure (core/meetings).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { renderCalendar } from '../../core/meetings/ics-writer.js';
import type { Clock, Group, Meeting } from '../../core/types.js';

export interface CalendarDeps {
  meetings: { all(): Promise<Meeting[]> };
  groups: Group[];
  clock: Clock;
  /** Where the bot is published; its host name is the UID domain (default "standards-watch"). */
  publicUrl?: string;
  /** Free text → group ("fg-mv" as well as the id); default: the id only. */
  resolveGroup?(text: string): Group | undefined;
}

function uidHost(publicUrl: string | undefined): string {
  if (publicUrl && URL.canParse(publicUrl)) return new URL(publicUrl).hostname || 'standards-watch';
  return 'standards-watch';
}

export async function calendarRoutes(app: FastifyInstance, deps: CalendarDeps): Promise<void> {
  const host = uidHost(deps.publicUrl);
  const send = async (reply: import('fastify').FastifyReply, meetings: Meeting[], name: string, file: string, ifNoneMatch: string | undefined) => {
    const body = renderCalendar(meetings, deps.groups, { host, name, now: deps.clock.now(), description: 'Meetings and deadlines tracked by standards-watch' });
    // The ETag ignores DTSTAMP (which changes each time) so a client's re-fetch of an unchanged calendar is a 304.
    const etag = `"${createHash('sha256').update(body.replace(/^DTSTAMP:.*$/gm, '')).digest('hex').slice(0, 32)}"`;
    void reply.header('cache-control', 'public, max-age=900').header('etag', etag);
    if (ifNoneMatch === etag) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${file}"`).send(body);
  };

  app.get('/meetings.ics', async (request, reply) => {
    const meetings = await deps.meetings.all();
    return send(reply, meetings, 'Standards meetings (standards-watch)', 'meetings.ics', request.headers['if-none-match']);
  });

  app.get<{ Params: { id: string } }>('/groups/:id/meetings.ics', async (request, reply) => {
    const wanted = request.params.id;
    const group = deps.groups.find((g) => g.id === wanted) ?? deps.resolveGroup?.(wanted);
    if (!group) return reply.code(404).type('text/plain; charset=utf-8').send(`No group called "${wanted}".\n`);
    const meetings = (await deps.meetings.all()).filter((m) => m.groupId === group.id);
    const name = `${group.title ?? group.names[0] ?? group.id} meetings`;
    return send(reply, meetings, name, `${group.id}-meetings.ics`, request.headers['if-none-match']);
  });
}

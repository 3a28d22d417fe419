import Fastify from 'fastify';
import ical from 'node-ical';
import { afterAll, describe, expect, it } from 'vitest';
import { calendarRoutes } from '../../../src/http/routes/calendar.js';
import { groups, meeting } from './fixtures.js';

const meetings = [
  meeting({ id: 'sg17-apr', start: '2025-04-08', end: '2025-04-17', location: 'Geneva' }),
  meeting({ id: 'fgmv-call', groupId: 'itu-t-fg-mv', title: 'Call', allDay: false, start: '2025-10-29T14:00:00+01:00', end: '2025-10-29T15:00:00+01:00' }),
];
const app = Fastify();
await app.register(calendarRoutes, {
  meetings: { all: async () => meetings },
  groups,
  clock: { now: () => new Date('2025-02-01T00:00:00Z') },
  publicUrl: 'https://watch.example.org/',
  resolveGroup: (text: string) => groups.find((g) => g.names.some((n) => n.toLowerCase() === text.toLowerCase())),
});
afterAll(() => app.close());

describe('calendar routes', () => {
  it('serves /meetings.ics as text/calendar that node-ical reads back', async () => {
    const res = await app.inject({ method: 'GET', url: '/meetings.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = Object.values(ical.sync.parseICS(res.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(events.map((e) => e.uid).sort()).toEqual(['fgmv-call@watch.example.org', 'sg17-apr@watch.example.org']);
    expect(events.find((e) => e.uid === 'fgmv-call@watch.example.org')!.start.toISOString()).toBe('2025-10-29T13:00:00.000Z');
  });

  it('serves one group by id or alias and 404s an unknown one', async () => {
    const byId = await app.inject({ method: 'GET', url: '/groups/itu-t-fg-mv/meetings.ics' });
    const byAlias = await app.inject({ method: 'GET', url: '/groups/FG-MV/meetings.ics' });
    expect(byId.statusCode).toBe(200);
    expect(byAlias.body.replace(/DTSTAMP:.*/g, '')).toBe(byId.body.replace(/DTSTAMP:.*/g, ''));
    const uids = [...byId.body.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    expect(uids).toEqual(['fgmv-call@watch.example.org']);
    expect(byId.body).toContain('X-WR-CALNAME:ITU-T Focus Group on metaverse (FG-MV) meetings');
    const missing = await app.inject({ method: 'GET', url: '/groups/nope/meetings.ics' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('No group called "nope".\n');
  });

  it('answers 304 to a client that already has this version', async () => {
    const first = await app.inject({ method: 'GET', url: '/meetings.ics' });
    const again = await app.inject({ method: 'GET', url: '/meetings.ics', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});

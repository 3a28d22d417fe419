import { describe, expect, it } from 'vitest';
import { ParseError, readSource } from '../../../src/feeds/read-source.js';
import { read, source } from './fixture.js';

const FGMV = 'https://www.itu.int/en/ITU-T/focusgroups/mv/Pages/default.aspx';
const itu = (name: string, url = FGMV) => read(name, 'itu-group', { url, source: { id: 'itu-fgmv', group: 'itu-t-fg-mv', url } });

describe('itu-group: calendar table', () => {
  it('reads the 9-cell SharePoint rows as all-day meetings with inclusive end dates', async () => {
    const r = await itu('itu-calendar-fgmv.html');
    expect(r.meetings.map((m) => [m.start, m.end, m.location])).toEqual([
      ['2023-03-08', '2023-03-09', 'Riyadh, Saudi Arabia'],
      ['2023-07-04', '2023-07-06', 'Shanghai, China'],
      ['2023-10-03', '2023-10-05', 'Geneva, Switzerland'],
      ['2023-12-04', '2023-12-07', 'Geneva, Switzerland'],
      ['2024-06-12', '2024-06-13', 'Geneva, Switzerland'],
    ]);
    expect(r.meetings[0]).toMatchObject({
      groupId: 'itu-t-fg-mv',
      title: 'Meeting of the ITU-T Focus Group on metaverse (FG-MV)',
      allDay: true,
      timeZone: 'Europe/Zurich',
      origin: 'itu-fgmv',
      status: 'confirmed',
      url: 'https://www.itu.int/en/events/Pages/Event-Details.aspx?eventid=900001',
    });
    expect(r.meetings[3]?.status).toBe('tentative');
  });

  it('leaves out cancelled rows and reports unreadable ones', async () => {
    const r = await itu('itu-calendar-fgmv.html');
    expect(r.meetings.some((m) => m.start === '2024-02-20')).toBe(false);
    expect(r.warnings).toEqual(expect.arrayContaining(['1 calendar row(s) could not be read', '1 cancelled meeting(s) left out']));
  });

  it('derives meeting ids from the event id, stable across reads', async () => {
    const a = await itu('itu-calendar-fgmv.html');
    const b = await itu('itu-calendar-fgmv.html');
    expect(a.meetings.map((m) => m.id)).toEqual(b.meetings.map((m) => m.id));
    expect(new Set(a.meetings.map((m) => m.id)).size).toBe(5);
  });
});

describe('itu-group: deliverables table', () => {
  it('reads every numbered deliverable with its PDF, type, working group and month', async () => {
    const url = 'https://www.itu.int/en/ITU-T/focusgroups/mv/Pages/deliverables.aspx';
    const r = await itu('itu-fgmv-deliverables.html', url);
    expect(r.items).toHaveLength(16);
    expect(r.items[0]).toMatchObject({
      title: 'FGMV-01: Exploring the metaverse: opportunities and challenges',
      url: 'https://www.itu.int/en/ITU-T/focusgroups/mv/Documents/List%20of%20FG-MV%20deliverables/FGMV-01.pdf',
      guid: `${url}#FGMV-01`,
      published: '2023-07-01T00:00:00.000Z',
      categories: ['deliverable', 'Technical Report', 'WG1 - General'],
    });
    const fgmv20 = r.items.find((i) => i.title.startsWith('FGMV-20'));
    expect(fgmv20?.url).toBeUndefined();
    expect(fgmv20?.categories).toContain('Technical Specification');
    const wg2 = r.items.find((i) => i.title.startsWith('FGMV-09'));
    expect(wg2?.categories).toContain('WG2 - Applications & Services');
    expect(r.meetings).toEqual([]);
    expect(r.warnings).toContain('no meetings table found on the page');
  });
});

describe('itu-group: study group home page', () => {
  it('reads the news list (deduplicated, dated) and the embedded meetings', async () => {
    const url = 'https://www.itu.int/en/ITU-T/studygroups/2025-2028/17/Pages/default.aspx';
    const r = await read('itu-sg17-home.html', 'itu-group', { url, source: { group: 'itu-t-sg17', url } });
    expect(r.title).toBe('ITU-T Study Group 17 - Security');
    expect(r.items.map((i) => [i.title, i.published])).toEqual([
      ['SG17 meeting agenda published', '2025-03-14T00:00:00.000Z'],
      ['Collective letter for the next SG17 meeting', '2025-02-10T00:00:00.000Z'],
    ]);
    expect(r.items[0]?.url).toBe('https://www.itu.int/en/ITU-T/studygroups/2025-2028/17/Pages/news-placeholder-1.aspx');
    expect(r.items.some((i) => i.title === 'Questions')).toBe(false);
    expect(r.meetings).toEqual([expect.objectContaining({ start: '2025-04-08', end: '2025-04-17', groupId: 'itu-t-sg17' })]);
  });
});

describe('itu-group: layout changes', () => {
  it('throws layout-changed instead of returning nothing when the structure is gone', async () => {
    const err = await itu('itu-redesigned.html').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).kind).toBe('layout-changed');
    expect((err as ParseError).message).toMatch(/^page layout changed: no meetings table found/);
  });

  it('throws layout-changed when the calendar cells are there but hold no readable dates', async () => {
    const cells = Array.from({ length: 9 }, (_, i) => `<td class="ms-vb">${i === 2 || i === 3 ? 'TBD' : 'x'}</td>`).join('');
    const body = Buffer.from(`<html><body><table><tr>${cells}</tr></table></body></html>`);
    await expect(readSource(source('itu-group'), { body, url: FGMV })).rejects.toMatchObject({ kind: 'layout-changed' });
  });
});

// An ITU-T study-group / focus-group page (SharePoint HTML) → its meetings, news and deliverables.
// The markup knowledge lives in ./selectors.ts; this file only applies it.
import * as cheerio from 'cheerio';
import type { Meeting, RawItem, Source } from '../../core/types.js';
import { parseDayOnly, parseFeedDate } from '../dates.js';
import { ParseError } from '../parse-error.js';
import { finishItems, type ItemDraft } from '../rss/finish-items.js';
import { collapseWhitespace, resolveLink, shortHash } from '../text.js';
import { DELIVERABLES, ITU_TIME_ZONE, MEETINGS, NEWS } from './selectors.js';

type $Root = cheerio.CheerioAPI;

export interface ItuGroupRead {
  meetings: Meeting[];
  items: RawItem[];
  title?: string;
  warnings: string[];
}

export function readItuGroupHtml(html: string, source: Source, pageUrl: string): ItuGroupRead {
  const $ = cheerio.load(html);
  const warnings: string[] = [];
  const meetings = readMeetings($, source, pageUrl, warnings);
  const news = readNews($, pageUrl);
  const deliverables = readDeliverables($, pageUrl);

  if (meetings === undefined && news === undefined && deliverables === undefined) {
    throw new ParseError(
      'layout-changed',
      'page layout changed: no meetings table found (and no news list or deliverables table either)',
    );
  }
  if (meetings === undefined) warnings.push('no meetings table found on the page');
  const drafts = [...(news ?? []), ...(deliverables ?? [])];
  const { items, warnings: itemWarnings } = finishItems(drafts, pageUrl);
  const title = collapseWhitespace($('title').first().text()) || collapseWhitespace($('h1').first().text());
  return { meetings: meetings ?? [], items, warnings: [...warnings, ...itemWarnings], ...(title ? { title } : {}) };
}

/** undefined when the page has no calendar table at all. */
function readMeetings($: $Root, source: Source, pageUrl: string, warnings: string[]): Meeting[] | undefined {
  const c = MEETINGS.columns;
  const rows = $(MEETINGS.row)
    .toArray()
    .map((tr) => $(tr).children(MEETINGS.cell).toArray())
    .filter((cells) => cells.length > 0);
  if (rows.length === 0) return undefined;
  const meetings: Meeting[] = [];
  let unreadable = 0;
  let cancelled = 0;
  for (const cells of rows) {
    if (cells.length !== MEETINGS.cellCount) {
      unreadable += 1;
      continue;
    }
    const cell = (i: number) => $(cells[i]);
    const text = (i: number): string => collapseWhitespace(cell(i).text());
    const start = parseDayOnly(text(c.start));
    const end = parseDayOnly(text(c.end)) ?? start;
    const status = text(c.status);
    if (!start || !end) {
      unreadable += 1;
      continue;
    }
    if (MEETINGS.cancelled.test(status)) {
      cancelled += 1;
      continue;
    }
    const detailsHref = cell(c.details).find('a[href]').attr('href');
    const url = resolveLink(detailsHref, pageUrl);
    const eventId = url ? new URL(url).searchParams.get(MEETINGS.eventIdParam) : null;
    const group = text(c.group);
    const title = text(c.title) || `${group} meeting`;
    const meeting: Meeting = {
      id: shortHash(source.id, eventId ?? url ?? `${start}|${group}|${title}`),
      groupId: source.group ?? '',
      title,
      start,
      end: end < start ? start : end,
      allDay: true,
      timeZone: ITU_TIME_ZONE,
      deadlines: [],
      origin: source.id,
      status: MEETINGS.planned.test(status) ? 'tentative' : 'confirmed',
    };
    const place = text(c.place);
    if (place) meeting.location = place;
    if (url) meeting.url = url;
    meetings.push(meeting);
  }
  if (meetings.length === 0 && cancelled === 0) {
    throw new ParseError('layout-changed', 'page layout changed: a meetings table is there but none of its rows could be read');
  }
  if (unreadable) warnings.push(`${unreadable} calendar row(s) could not be read`);
  if (cancelled) warnings.push(`${cancelled} cancelled meeting(s) left out`);
  return meetings;
}

/** undefined when no news heading with a list of links is found. */
function readNews($: $Root, pageUrl: string): ItemDraft[] | undefined {
  const drafts: ItemDraft[] = [];
  let found = false;
  $(NEWS.heading).each((_, heading) => {
    if (!NEWS.headingText.test($(heading).text())) return;
    let list = $(heading).nextAll(NEWS.list).first();
    if (list.length === 0) {
      // SharePoint wraps headings and lists in sibling divs: look a few siblings up the tree.
      let node = $(heading).parent();
      for (let i = 0; i < NEWS.maxSiblings && list.length === 0 && node.length; i += 1) {
        list = node.nextAll().find(NEWS.list).first();
        if (list.length === 0) list = node.find(NEWS.list).first();
        node = node.parent();
      }
    }
    if (list.length === 0) return;
    found = true;
    list.children(NEWS.item).each((__, li) => {
      const a = $(li).find(NEWS.link).first();
      const title = collapseWhitespace(a.text());
      const href = a.attr('href');
      if (!title || !href) return;
      const text = collapseWhitespace($(li).text());
      const date = NEWS.date.exec(text)?.[1];
      const rest = collapseWhitespace(
        text.replace(title, '').replace(date ?? '\0', '').replace(/[([]\s*[)\]]/g, '').replace(/^[\s\-–—:|,]+|[\s\-–—:|,]+$/g, ''),
      );
      drafts.push({ title, link: href, published: parseFeedDate(date), content: rest || undefined, categories: ['news'] });
    });
  });
  return found ? dedupeByLink(drafts, pageUrl) : undefined;
}

function dedupeByLink(drafts: ItemDraft[], base: string): ItemDraft[] {
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const key = resolveLink(d.link, base) ?? d.title ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** undefined when no table of numbered documents is found. */
function readDeliverables($: $Root, pageUrl: string): ItemDraft[] | undefined {
  const drafts: ItemDraft[] = [];
  let found = false;
  $(DELIVERABLES.table).each((_, table) => {
    let groupLabel = '';
    let groupRowsLeft = 0;
    $(table)
      .find(DELIVERABLES.row)
      .each((__, tr) => {
        const cells = $(tr).children(DELIVERABLES.cell).toArray().map((td) => $(td));
        const texts = cells.map((td) => collapseWhitespace(td.text()));
        const first = cells[0];
        if (first && DELIVERABLES.groupLabel.test(texts[0] ?? '') && Number(first.attr('rowspan') ?? '1') >= 1) {
          groupLabel = texts[0] ?? '';
          groupRowsLeft = Number(first.attr('rowspan') ?? '1');
        }
        const idx = texts.findIndex((t) => DELIVERABLES.number.test(t));
        if (idx < 0) return;
        found = true;
        const number = texts[idx] ?? '';
        const title = texts[idx + 1] ?? '';
        const type = idx > 0 && !DELIVERABLES.groupLabel.test(texts[idx - 1] ?? '') ? texts[idx - 1] : undefined;
        const month = texts.find((t) => DELIVERABLES.month.test(t));
        const href = $(tr).find(DELIVERABLES.link).first().attr('href');
        const link = href ? resolveLink(href, pageUrl) : undefined;
        const inGroup = groupRowsLeft > 0 ? groupLabel : '';
        groupRowsLeft = Math.max(0, groupRowsLeft - 1);
        drafts.push({
          title: title ? `${number}: ${title}` : number,
          link,
          guid: `${pageUrl.split('#')[0]}#${number}`,
          published: parseFeedDate(month),
          content: [type, number, title, inGroup, month ? `approved ${month}` : ''].filter(Boolean).join(' — '),
          categories: ['deliverable', ...(type ? [type] : []), ...(inGroup ? [inGroup] : [])],
        });
      });
  });
  return found ? drafts : undefined;
}

// A digest as a neutral Message: what matched since the last digest, one line
// per story, grouped by tag; the upcoming meetings and deadlines of the groups
// it follows; and a link to the full list (the Atom feed). Pure.
import type { Message, MessageLine, MessageSection } from '../message.js';
import type { Item, Meeting, Subscription } from '../types.js';
import { upcomingDeadlineLines, upcomingMeetingLines } from './meetings.js';
import { describeSchedule, formatLocal } from './period.js';

export interface DigestNames {
  tag(id: string): string;
  group(id: string): string;
  source(id: string): string;
}

export interface DigestInput {
  subscription: Subscription;
  /** Everything recorded for this digest since it was last sent (any order). */
  items: Item[];
  /** How many of `items` were held back from instant alerts by the hourly limit. */
  heldBack?: number;
  /** Every known meeting; the digest picks those of the groups it follows. */
  meetings: Meeting[];
  now: Date;
  /** When the last digest was sent (or the subscription created): "since …". */
  since?: string;
  publicUrl: string;
  names: DigestNames;
  /** Story lines at most (the rest are counted, with the feed link). Default 25. */
  maxStories?: number;
  /** Preview: says so in the title. */
  preview?: boolean;
}

export const OTHER_HEADING = 'Other';

interface Story {
  lead: Item;
  items: Item[];
}

function publishedMs(item: Item): number {
  const ms = Date.parse(item.published);
  return Number.isFinite(ms) ? ms : Date.parse(item.seenAt);
}

/** Items of the same story become one story; its lead is the most relevant, then the earliest. */
export function groupStories(items: Item[]): Story[] {
  const byStory = new Map<string, Item[]>();
  for (const item of items) {
    const key = item.storyId || item.id;
    const list = byStory.get(key);
    if (list) {
      if (!list.some((i) => i.id === item.id)) list.push(item);
    } else byStory.set(key, [item]);
  }
  return [...byStory.values()].map((list) => {
    const sorted = [...list].sort((a, b) => b.score - a.score || publishedMs(a) - publishedMs(b));
    return { lead: sorted[0]!, items: sorted };
  });
}

/** The tag a story is filed under: the first of the subscription's tags it carries, else its own first tag. */
function headingTag(story: Story, preferred: string[]): string | undefined {
  const tags = new Set(story.items.flatMap((i) => i.tags));
  return preferred.find((t) => tags.has(t)) ?? story.lead.tags[0] ?? story.items.flatMap((i) => i.tags)[0];
}

/** The Atom feed with the full list: the tag's own feed when the digest follows exactly one tag. */
export function feedUrl(publicUrl: string, filterTags: string[]): string {
  const base = publicUrl.replace(/\/+$/, '');
  return filterTags.length === 1 ? `${base}/tags/${encodeURIComponent(filterTags[0]!)}/feed.xml` : `${base}/feed.xml`;
}

function storyLine(story: Story, input: DigestInput): MessageLine {
  const outlets = [...new Set(story.items.map((i) => i.sourceId))];
  const others = outlets.length - 1;
  const date = formatLocal(publishedMs(story.lead), input.subscription.timeZone).replace(/ \d\d:\d\d$/, '');
  const detail = [`${input.names.source(story.lead.sourceId)}${others > 0 ? ` +${others} more outlet${others > 1 ? 's' : ''}` : ''}`, date];
  return { text: story.lead.title || '(untitled)', url: story.lead.url || undefined, detail: detail.join(' · ') };
}

export function composeDigest(input: DigestInput): Message {
  const sub = input.subscription;
  const zone = sub.timeZone;
  const kind = sub.mode === 'weekly' ? 'Weekly' : 'Daily';
  const title = `${input.preview ? 'Preview: ' : ''}${kind} digest — ${formatLocal(input.now, zone, true).replace(/ \d\d:\d\d$/, '')}`;
  const feed = feedUrl(input.publicUrl, sub.filter.tags);
  const sinceText = input.since ? ` since ${formatLocal(Date.parse(input.since), zone)}` : '';
  const footer = `standards-watch · ${describeSchedule(sub)} · digest off stops it`;

  const stories = groupStories(input.items).sort((a, b) => b.lead.score - a.lead.score || publishedMs(b.lead) - publishedMs(a.lead));
  const followed = sub.filter.groups.length ? sub.filter.groups : [...new Set(input.items.flatMap((i) => i.groups))];
  const agenda = { groupIds: followed, now: input.now, horizonDays: sub.mode === 'weekly' ? 45 : 30, readerZone: zone, groupName: input.names.group };
  const meetingLines = upcomingMeetingLines(input.meetings, agenda);
  const deadlineLines = upcomingDeadlineLines(input.meetings, agenda);

  if (stories.length === 0) {
    return { kind: 'digest', title, url: feed, text: `Nothing new${sinceText}.`, footer, accent: 'none' };
  }

  const max = input.maxStories ?? 25;
  const shown = stories.slice(0, max);
  const byHeading = new Map<string, MessageLine[]>();
  for (const story of shown) {
    const tag = headingTag(story, sub.filter.tags);
    const heading = tag ? input.names.tag(tag) : OTHER_HEADING;
    const lines = byHeading.get(heading) ?? [];
    lines.push(storyLine(story, input));
    byHeading.set(heading, lines);
  }
  const sections: MessageSection[] = [...byHeading.entries()]
    .sort(([a, la], [b, lb]) => (a === OTHER_HEADING ? 1 : b === OTHER_HEADING ? -1 : lb.length - la.length || a.localeCompare(b)))
    .map(([heading, lines]) => ({ heading, lines }));
  const hidden = stories.length - shown.length;
  if (hidden > 0) sections.push({ heading: 'More', lines: [{ text: `${hidden} more ${hidden === 1 ? 'story' : 'stories'} in the full list`, url: feed }] });
  if (meetingLines.length) sections.push({ heading: 'Upcoming meetings', lines: meetingLines });
  if (deadlineLines.length) sections.push({ heading: 'Deadlines', lines: deadlineLines });

  const count = `${stories.length} new ${stories.length === 1 ? 'story' : 'stories'}${sinceText}`;
  const held = input.heldBack ? ` (${input.heldBack} of the items were held back from instant alerts by the hourly limit)` : '';
  return {
    kind: 'digest',
    title,
    url: feed,
    text: `${count}${held}. Full list: ${feed}`,
    sections,
    footer,
    timestamp: input.now.toISOString(),
    accent: 'info',
  };
}

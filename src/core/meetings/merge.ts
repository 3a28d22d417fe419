// Meetings from every origin (ICS calendars, ITU group pages, the hand-kept config) merged into
// one list without duplicates. Same group + overlapping days (from different origins) = one
// meeting. The most specific source gives the times (a timed event beats an all-day entry);
// the hand-kept config gives the other fields it has (a person corrected them), then the
// calendars, then scraped pages; deadlines are the union; a body's standing rule derives the
// contributions deadline where none is published, marked `derived`.
import type { Deadline, Meeting } from '../types.js';
import { addDays, meetingDays, meetingStartMs, timedInZone } from './time.js';

export type GroupRules = Record<string, { contributionDeadlineDays: number }>;

export type OriginKind = 'config' | 'ics' | 'itu-group' | 'html' | 'unknown';

export interface MergeOptions {
  /** What kind of source an origin (source id) is; `config` is always the config. */
  originKind?(origin: string): OriginKind;
  /**
   * Least share of common days (days in both / days in either) for two overlapping entries to
   * be the same meeting. Keeps a one-hour call from swallowing a week-long plenary. Default 0.5.
   */
  minDayOverlap?: number;
}

const ORIGIN_RANK: Record<OriginKind, number> = { config: 30, ics: 20, unknown: 15, 'itu-group': 10, html: 10 };

interface Entry {
  m: Meeting;
  rank: number;
  isConfig: boolean;
  first: string;
  last: string;
}

function entryOf(m: Meeting, opts: MergeOptions): Entry {
  const kind: OriginKind = m.origin === 'config' ? 'config' : opts.originKind?.(m.origin) ?? 'unknown';
  const detail = (m.location ? 1 : 0) + (m.url ? 1 : 0);
  const { first, last } = meetingDays(m);
  return { m, rank: (m.allDay ? 0 : 100) + ORIGIN_RANK[kind] + detail, isConfig: kind === 'config', first, last };
}

function dayOverlap(a: Entry, b: Entry): number {
  const from = a.first > b.first ? a.first : b.first;
  const to = a.last < b.last ? a.last : b.last;
  if (from > to) return 0;
  const common = daysInclusive(from, to);
  const union = daysInclusive(a.first < b.first ? a.first : b.first, a.last > b.last ? a.last : b.last);
  return common / union;
}

function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function byRank(a: Entry, b: Entry): number {
  return b.rank - a.rank || a.m.origin.localeCompare(b.m.origin) || a.m.id.localeCompare(b.m.id);
}

export function mergeMeetings(lists: Meeting[][], rules: GroupRules, opts: MergeOptions = {}): Meeting[] {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const list of lists) {
    for (const m of list) {
      if (seen.has(m.id)) continue; // the same meeting listed twice (config and a stored copy of it)
      seen.add(m.id);
      entries.push(entryOf(m, opts));
    }
  }
  entries.sort(byRank);
  const minOverlap = opts.minDayOverlap ?? 0.5;
  const clusters: Entry[][] = [];
  for (const e of entries) {
    const home = e.m.groupId
      ? clusters.find((c) => c[0]!.m.groupId === e.m.groupId && !c.some((x) => x.m.origin === e.m.origin) && dayOverlap(c[0]!, e) >= minOverlap)
      : undefined;
    if (home) home.push(e);
    else clusters.push([e]);
  }
  const merged = clusters.map((c) => combine(c, rules));
  return merged.sort((a, b) => meetingStartMs(a) - meetingStartMs(b) || a.id.localeCompare(b.id));
}

function combine(cluster: Entry[], rules: GroupRules): Meeting {
  const primary = cluster[0]!.m;
  // Fields other than the times: the config's where it has them, then by rank.
  const byField = [...cluster].sort((a, b) => Number(b.isConfig) - Number(a.isConfig) || byRank(a, b)).map((e) => e.m);
  const pick = <K extends keyof Meeting>(key: K): Meeting[K] | undefined => byField.find((m) => m[key] !== undefined && m[key] !== '')?.[key];

  const out: Meeting = { ...primary, deadlines: [] };
  for (const key of ['title', 'location', 'url', 'status'] as const) {
    const value = pick(key);
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  // A timed event published in UTC says little about where the organiser is: take a named zone.
  if (!out.allDay && out.timeZone === 'UTC') {
    const zone = byField.find((m) => m.timeZone !== 'UTC')?.timeZone;
    if (zone) {
      out.timeZone = zone;
      out.start = timedInZone(primary.start, primary.timeZone).setZone(zone).toISO({ suppressMilliseconds: true }) ?? primary.start;
      out.end = timedInZone(primary.end, primary.timeZone).setZone(zone).toISO({ suppressMilliseconds: true }) ?? primary.end;
    }
  }
  const sequences = cluster.map((e) => e.m.sequence).filter((s): s is number => typeof s === 'number');
  if (sequences.length) out.sequence = Math.max(...sequences);
  else delete out.sequence;
  out.deadlines = mergeDeadlines(
    byField.flatMap((m) => m.deadlines),
    out,
    rules[out.groupId]?.contributionDeadlineDays,
  );
  return out;
}

function mergeDeadlines(all: Deadline[], meeting: Meeting, ruleDays: number | undefined): Deadline[] {
  const published = all.filter((d) => !d.derived);
  const out: Deadline[] = [];
  const keys = new Set<string>();
  for (const d of published) {
    const key = `${d.kind}|${d.at}`;
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(d);
  }
  if (ruleDays !== undefined && !out.some((d) => d.kind === 'contributions')) {
    out.push(deriveContributionDeadline(meeting, ruleDays));
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
}

/** The contributions deadline a standing rule gives: `days` calendar days before the first meeting day. */
export function deriveContributionDeadline(meeting: Meeting, days: number): Deadline {
  const { first } = meetingDays(meeting);
  return { kind: 'contributions', at: addDays(first, -days), derived: true, note: `${days} days before the meeting (the body's standing rule)` };
}

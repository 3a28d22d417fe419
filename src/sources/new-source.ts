// Pure helpers that turn what an operator typed (and what a trial fetch found)
// into a Source: an id from the title or host, the interval, the tags.
import { parseDuration, formatDuration } from '../config/duration.js';
import { ID_PATTERN } from '../config/schema.js';
import { UserError } from '../core/errors.js';
import type { SourceKind } from '../core/types.js';

export const DEFAULT_EVERY_MS = 15 * 60_000;
export const MIN_OPERATOR_EVERY_MS = 60_000;
export const MAX_OPERATOR_EVERY_MS = 7 * 86_400_000;
const MAX_ID_LENGTH = 40;

/** "ITU News — Hub" → "itu-news-hub"; undefined when nothing usable is left. */
export function slugify(text: string, maxLength = MAX_ID_LENGTH): string | undefined {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug && ID_PATTERN.test(slug) ? slug : undefined;
}

/** An id for a new source: from its title, else from its host and path; never one in `taken`. */
export function suggestId(url: string, title: string | undefined, taken: ReadonlySet<string>): string {
  let base = title ? slugify(title) : undefined;
  if (!base) {
    try {
      const u = new URL(url);
      base = slugify(`${u.hostname.replace(/^www\./, '')} ${u.pathname.split('/').filter(Boolean).slice(0, 2).join(' ')}`);
    } catch {
      base = undefined;
    }
  }
  base ??= 'source';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_ID_LENGTH - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `every:` as typed by an operator: 30m, 1h, 1d… within 1 minute and 7 days. */
export function parseEvery(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_EVERY_MS;
  const ms = parseDuration(text);
  if (ms === undefined) throw new UserError('bad-option', `every: expected a duration such as 15m, 1h or 1d; got "${text}"`);
  if (ms < MIN_OPERATOR_EVERY_MS) throw new UserError('bad-option', `every: at least 1m, please (polling faster is impolite to the site); got ${formatDuration(ms)}`);
  if (ms > MAX_OPERATOR_EVERY_MS) throw new UserError('bad-option', `every: at most 7d; got ${formatDuration(ms)}`);
  return ms;
}

/** Tags as typed (comma-separated): lowercased, dashed, deduplicated. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const slug = slugify(tag, 60);
    if (!slug) throw new UserError('bad-option', `tags: "${tag}" is not a usable tag (letters, digits and dashes)`);
    if (!out.includes(slug)) out.push(slug);
  }
  return out;
}

/** The source kind of what a trial fetch detected (a JSON Feed is read as `rss`). */
export function kindFromDetected(detected: string | undefined): SourceKind | undefined {
  if (detected === 'json-feed' || detected === 'rss') return 'rss';
  if (detected === 'ics' || detected === 'itu-group') return detected;
  return undefined;
}

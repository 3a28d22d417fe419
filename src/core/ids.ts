// Stable identifiers. An item's id is a hash of its source and GUID, or of its
// normalised link when the GUID is missing, so the same entry polled twice is
// the same item. Ids contain only [a-z0-9-] so they are safe in BullMQ job ids
// (no colons, never a plain integer) and in Redis keys.
import { createHash } from 'node:crypto';

export function shortHash(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Query parameters that only track the reader and never change the page. */
const TRACKING_PARAMS = [
  /^utm_/i, /^mc_(cid|eid)$/i, /^fbclid$/i, /^gclid$/i, /^dclid$/i, /^msclkid$/i, /^yclid$/i,
  /^_hs(enc|mi)$/i, /^mkt_tok$/i, /^igshid$/i, /^ref_src$/i, /^cmpid$/i, /^ocid$/i, /^soc_(src|trk)$/i,
  /^__twitter_impression$/i, /^wt\.mc_id$/i, /^at_(medium|campaign)$/i, /^oly_(anon|enc)_id$/i,
];

/** Normalises a link for identity: lowercase scheme/host, no fragment, no tracking params, sorted query, no default port, no trailing slash on paths. */
export function normaliseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  url.hash = '';
  const kept = [...url.searchParams.entries()]
    .filter(([key]) => !TRACKING_PARAMS.some((pattern) => pattern.test(key)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [key, value] of kept) url.searchParams.append(key, value);
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

export function itemId(sourceId: string, entry: { guid?: string; url?: string; title?: string; published?: string }): string {
  const guid = entry.guid?.trim();
  if (guid) return `i${shortHash(`${sourceId}\u0000guid\u0000${guid}`)}`;
  if (entry.url) return `i${shortHash(`${sourceId}\u0000link\u0000${normaliseUrl(entry.url)}`)}`;
  // No GUID and no link: the title and date are all that identify it.
  return `i${shortHash(`${sourceId}\u0000title\u0000${entry.title ?? ''}\u0000${entry.published ?? ''}`)}`;
}

export function meetingId(origin: string, key: string): string {
  return `m${shortHash(`${origin}\u0000${key}`)}`;
}

/** A job-id-safe token from any text (no colons, never an integer). */
export function jobToken(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^\d+$/.test(safe) ? `n${safe}` : safe;
}

// What the operators' channel or room is told: a source failing or recovering, a
// chat target lost or back, a queue whose failures pile up. Pure: neutral Messages.
import type { Message, MessageField } from '../core/message.js';
import type { Platform, Source, SourceHealth, Subscription } from '../core/types.js';

const when = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');
const name = (s: Source) => (s.title && s.title !== s.id ? `${s.title} (${s.id})` : s.id);

/** What an operator can try, by the kind of the last error (see describeError in feeds/health). */
export function hintFor(source: Source, health: SourceHealth): string {
  const kind = health.lastError?.kind ?? '';
  const message = health.lastError?.message ?? '';
  const check = `Run "standards-watch sources check ${source.url}" to see what a fetch finds now.`;
  if (kind === 'http-status' && /HTTP (404|410)/.test(message)) {
    return `The feed may have moved or been removed: open the site, find its new feed address, add it ("sources add <new address>") and remove or pause this one ("sources pause ${source.id}").`;
  }
  if (kind === 'http-status' && /HTTP (401|403)/.test(message)) return `The site refuses us (login or bot blocking). Check the address in a browser; if it needs a login, it cannot be polled — pause it ("sources pause ${source.id}").`;
  if (kind === 'dns') return `The host name no longer resolves: check the address for a typo, or whether the site moved. ${check}`;
  if (kind === 'timeout' || kind === 'network' || (kind === 'http-status' && /HTTP 5\d\d/.test(message))) {
    return `The site looks down or overloaded. Nothing to do if it comes back (you will be told); if it stays down for days, pause it ("sources pause ${source.id}").`;
  }
  if (kind === 'rate-limited') return `The site asks us to slow down: poll it less often (a longer interval in the YAML, or re-add it with every:1h).`;
  if (kind === 'blocked-address') return 'The address resolves into a private or local network, which the fetcher refuses. If that host is meant to be polled, add it to fetch.allowHosts.';
  if (kind === 'too-large') return 'The answer is larger than fetch.maxBytes: look for a smaller feed (a category or “latest” feed), or raise the limit.';
  if (kind === 'too-many-redirects') return `The address redirects in a loop or too often. ${check}`;
  if (['parse', 'layout-changed', 'empty', 'encoding'].includes(kind)) return `The content could not be read (the feed is malformed or the page layout changed). ${check}`;
  return check;
}

export function sourceFailingMessage(source: Source, health: SourceHealth): Message {
  const fields: MessageField[] = [
    { name: 'What failed', value: `${health.consecutiveFailures} polls in a row of ${source.url} (${source.kind})` },
    { name: 'Since', value: health.lastSuccess ? `the first poll after its last success, ${when(health.lastSuccess)}` : 'its first poll: it has never been read successfully' },
    { name: 'Last error', value: health.lastError ? `${health.lastError.message} (${when(health.lastError.at)})` : 'unknown' },
    { name: 'What to try', value: hintFor(source, health) },
  ];
  return {
    kind: 'notice',
    accent: 'error',
    title: `Source failing: ${name(source)}`,
    url: source.url,
    text: `${source.id} is marked unhealthy and is polled less often until it works again. This is reported once; you will hear when it recovers.`,
    fields,
    ...(health.lastError ? { timestamp: health.lastError.at } : {}),
  };
}

export function sourceRecoveredMessage(source: Source, health: SourceHealth, failingSince: string | undefined): Message {
  return {
    kind: 'notice',
    accent: 'info',
    title: `Source recovered: ${name(source)}`,
    url: source.url,
    text: `${source.id} was read successfully again at ${when(health.lastSuccess)}${failingSince ? ` (reported failing at ${when(failingSince)})` : ''}. It is polled at its normal interval again.`,
    ...(health.lastSuccess ? { timestamp: health.lastSuccess } : {}),
  };
}

const where = (platform: Platform, target: string, personal: boolean) => `${personal ? 'the direct conversation with user ' : platform === 'matrix' ? 'room ' : 'channel '}${target} on ${platform}`;

export function targetLostMessage(sub: Subscription, reason: string, at: string): Message {
  return {
    kind: 'notice',
    accent: 'error',
    title: `Cannot post to ${where(sub.platform, sub.target, sub.personal)}`,
    text: `The bot lost access there (${reason}). Alerts and digests for it fail until this is fixed. This is reported once; you will hear when posting works again.`,
    fields: [
      { name: 'Subscription', value: `${sub.id} (${sub.mode}, created by ${sub.createdBy})` },
      { name: 'Since', value: when(at) },
      {
        name: 'What to try',
        value: sub.personal
          ? 'The user may have blocked the bot, left every shared server or room, or closed direct messages. Nothing to do unless they ask; the subscription can be removed.'
          : `Invite the bot back, or give it back the right to post there (Discord: View Channel and Send Messages; Matrix: re-invite it). If the ${sub.platform === 'matrix' ? 'room' : 'channel'} is gone, remove its subscriptions.`,
      },
    ],
    timestamp: at,
  };
}

export function targetBackMessage(platform: Platform, target: string, lostAt: string | undefined): Message {
  return {
    kind: 'notice',
    accent: 'info',
    title: `Posting works again: ${platform} ${target}`,
    text: `A message reached ${target} on ${platform} again${lostAt ? ` (access was lost at ${when(lostAt)})` : ''}.`,
  };
}

export function queueFailingMessage(queue: string, newFailures: number, failedCount: number, at: string): Message {
  return {
    kind: 'notice',
    accent: 'error',
    title: `Jobs are failing in the ${queue} queue`,
    text: `${newFailures} jobs failed since the last check (${failedCount} failed jobs are kept). This is reported once; you will hear when failures stop.`,
    fields: [
      { name: 'Since', value: when(at) },
      { name: 'What to try', value: `Look at the logs for queue=${queue}, and at the failed jobs on the queue dashboard (/admin/queues). Redis out of memory, a platform outage or a bad token are the usual causes.` },
    ],
    timestamp: at,
  };
}

export function queueCalmMessage(queue: string, since: string | undefined): Message {
  return { kind: 'notice', accent: 'info', title: `The ${queue} queue is calm again`, text: `No new failures since the last check${since ? ` (failures were reported at ${when(since)})` : ''}.` };
}

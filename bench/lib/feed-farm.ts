// A local server with many generated RSS feeds (ETag + 304), for benchmarks.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const TOPICS = [
  'China Mobile proposed to the ITU-T Focus Group on metaverse a digital identity system for every user, stored permanently and shared with police.',
  'The IETF working group discussed encrypted client hello and the privacy of DNS queries at its plenary.',
  'W3C published a draft on verifiable credentials and digital identity wallets for the web platform.',
  '3GPP SA3-LI approved a study on lawful interception in 5G core networks, raising surveillance concerns.',
  'Civil society groups warned that internet shutdowns during elections violate the right to information.',
  'ITU-T Study Group 17 agreed new work items on biometric facial recognition systems and data retention.',
];

// Distinct stories need distinct vocabularies: a few real words plus ~3,000 made-up names.
const SYLLABLES = 'ka lo mi ne ru sa ti vo ze ba de fi go hu ja ke li mo nu pa'.split(' ');
const COMMON = 'operator regulator ministry delegation vendor coalition parliament court agency council proposal amendment resolution draft registry approved rejected delayed revised published'.split(' ');
const WORDS = [
  ...COMMON,
  ...SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.slice(0, 8).map((c) => `${a}${b}${c}`))),
];

/** A small deterministic PRNG, so every run serves the same text. */
function rng(seed: number) {
  let x = seed * 2654435761 + 1;
  return () => ((x = (x * 1103515245 + 12345) >>> 0) % 1_000_003) / 1_000_003;
}

function sentence(r: () => number, n: number): string {
  const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!);
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

export function feedXml(feed: number, count: number, offset = 0): string {
  const items: string[] = [];
  for (let i = offset + count - 1; i >= offset; i--) {
    const t = TOPICS[(feed + i) % TOPICS.length]!;
    const r = rng(feed * 100_003 + i);
    const body = [sentence(r, 14), t, sentence(r, 18), sentence(r, 16), sentence(r, 20), sentence(r, 12), sentence(r, 17)].join(' ');
    items.push(`<item><title>${sentence(r, 9).slice(0, -1)} (feed ${feed}, item ${i})</title><link>http://127.0.0.1/f${feed}/i${i}</link><guid isPermaLink="false">f${feed}-i${i}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}</pubDate><description>${body}</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title><link>http://127.0.0.1/</link><description>bench</description>${items.join('')}</channel></rss>`;
}

export interface FeedFarm {
  url(feed: number): string;
  /** Sets feed `feed` to `count` items starting at `offset`. */
  set(feed: number, count: number, offset?: number): void;
  requests: number;
  notModified: number;
  /** When each feed was requested (ms since epoch). */
  requestTimes: Map<number, number[]>;
  close(): Promise<void>;
}

export async function startFeedFarm(feeds: number, count: number): Promise<FeedFarm> {
  const bodies = new Map<number, { body: string; etag: string }>();
  const set = (feed: number, n: number, offset = 0) => {
    const body = feedXml(feed, n, offset);
    bodies.set(feed, { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
  };
  for (let f = 0; f < feeds; f++) set(f, count);
  const farm = { requests: 0, notModified: 0, requestTimes: new Map() } as FeedFarm;
  const server: Server = createServer((req, res) => {
    farm.requests++;
    const feed = Number(/^\/feed\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1);
    const entry = bodies.get(feed);
    const times = farm.requestTimes.get(feed) ?? [];
    times.push(Date.now());
    farm.requestTimes.set(feed, times);
    if (!entry) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === entry.etag) {
      farm.notModified++;
      return void res.writeHead(304, { etag: entry.etag }).end();
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: entry.etag }).end(entry.body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  farm.url = (feed) => `http://127.0.0.1:${port}/feed/${feed}`;
  farm.set = set;
  farm.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return farm;
}

// `once --json` the way an operator runs it with both chat platforms configured:
// subscriptions in a Discord channel and a Matrix room, a local feed, the real
// SDK-backed sinks against the fakes. Stdout carries only JSON lines; each new
// item is posted once to each target; a second run posts nothing.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/core/types.js';
import { main } from '../../src/main.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisSubscriptionStore } from '../../src/store/subscription-store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { startFakeHomeserver, type FakeHomeserver } from '../fakes/matrix/index.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { rssFeed, type TestEntry } from '../helpers/rss.js';
import { Capture } from '../helpers/streams.js';

const prefix = testPrefix('once-chat');
const CHANNEL = '1500000000000000002';
const BOT = '@sw:example.org';
let feeds: FeedServer;
let discord: FakeDiscord;
let matrix: FakeHomeserver;
let room: string;
let env: Record<string, string>;
let configFile: string;

const entry = (n: number): TestEntry => ({
  guid: `chat-${n}`,
  title: `Report ${n}: @everyone the metaverse focus group debates a digital identity @room`,
  link: feeds.url(`/story/${n}`),
  description: `China Mobile proposed to the ITU-T Focus Group on metaverse (FG-MV) a permanent digital identity for every user, item ${n}. Experts warned about surveillance and privacy, comparing the plan with a social credit system. The group meets again in Geneva, where contributions are due two weeks ahead.`,
  pubDate: `Mon, 0${n} Jan 2024 10:00:00 GMT`,
});

async function once() {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['once', '--json', '--no-default-sources', '--config', configFile], env, { stdout, stderr });
  return { code, stdout, lines: stdout.lines().map((l) => JSON.parse(l) as { id: string; title: string }) };
}

beforeAll(async () => {
  feeds = await startFeedServer();
  discord = await startFakeDiscord();
  discord.addGuild({ id: '1500000000000000001', channels: [{ id: CHANNEL, name: 'alerts' }] });
  matrix = await startFakeHomeserver();
  const { accessToken } = matrix.registerUser(BOT);
  matrix.registerUser('@alice:example.org');
  room = matrix.createRoom({ creator: '@alice:example.org', members: [BOT], name: 'alerts' });
  feeds.set('/feed.xml', { body: rssFeed('News', [entry(1)]), contentType: 'application/rss+xml' });
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-once-chat-'));
  configFile = path.join(dir, 'c.yaml');
  await writeFile(configFile, `sources:\n  - id: news\n    kind: rss\n    url: ${feeds.url('/feed.xml')}\nfetch:\n  allowHosts: ["127.0.0.1"]\n`);
  env = {
    REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info',
    DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl,
    MATRIX_HOMESERVER_URL: matrix.baseUrl, MATRIX_USER_ID: BOT, MATRIX_ACCESS_TOKEN: accessToken,
  };
  const redis = new Redis(TEST_REDIS_URL);
  const subs = createRedisSubscriptionStore(redis, createKeys(prefix));
  const base: Omit<Subscription, 'id' | 'platform' | 'target'> = { personal: false, filter: { tags: ['digital-identity'], keywords: [], groups: [], sources: [], minScore: 0 }, mode: 'instant', timeZone: 'UTC', createdBy: 'test', createdAt: new Date().toISOString() };
  await subs.add({ ...base, id: 'wdiscord', platform: 'discord', target: CHANNEL });
  await subs.add({ ...base, id: 'wmatrix', platform: 'matrix', target: room });
  redis.disconnect();
});

afterAll(async () => {
  await Promise.all([feeds.close(), discord.close(), matrix.close()]);
  await deleteByPrefix(prefix);
});

describe('once --json with Discord and Matrix configured', () => {
  it('seeds without alerting, then posts each new item once to each platform, defused, with only JSON on stdout', async () => {
    const first = await once();
    expect(first.code).toBe(0);
    expect(first.lines).toHaveLength(1);
    expect(discord.messages.filter((m) => !m.interactionId)).toHaveLength(0);
    expect(matrix.sentByBot(room)).toHaveLength(0);

    feeds.set('/feed.xml', { body: rssFeed('News', [entry(2), entry(1)]), contentType: 'application/rss+xml' });
    const second = await once();
    expect(second.code).toBe(0);
    expect(second.lines.map((l) => l.title)).toEqual([entry(2).title]);
    // stdout is JSON lines only, whatever the SDKs log.
    for (const line of second.stdout.lines()) expect(() => JSON.parse(line)).not.toThrow();

    const posted = discord.messages.filter((m) => !m.interactionId);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.channel_id).toBe(CHANNEL);
    expect(JSON.stringify(posted[0]!.embeds)).not.toMatch(/(^|[^\u200b])@everyone/);
    const events = matrix.sentByBot(room);
    expect(events).toHaveLength(1);
    expect(events[0]!.content['m.mentions']).toEqual({});
    expect(matrix.wouldNotifyRoom(events[0]!)).toBe(false);

    const third = await once();
    expect(third.lines).toEqual([]);
    expect(discord.messages.filter((m) => !m.interactionId)).toHaveLength(1);
    expect(matrix.sentByBot(room)).toHaveLength(1);
  });
});

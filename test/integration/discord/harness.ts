// One fake Discord, one App on the real Redis (own prefix), the real Discord
// sink and (optionally) the real gateway bot, wired as the lead will wire them.
import { pino } from 'pino';
import { createApp, type App } from '../../../src/app/app.js';
import { startDiscordBot, type DiscordBot, type DiscordBotOptions } from '../../../src/bot/discord/bot.js';
import { createDiscordSink, type DiscordSink } from '../../../src/bot/discord/sink.js';
import { buildConfig } from '../../../src/config/load.js';
import type { Item } from '../../../src/core/types.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../../helpers/redis.js';
import { Capture } from '../../helpers/streams.js';

export const GUILD = '1400000000000000001';
export const CHANNEL = '1400000000000000002';
export const OTHER_CHANNEL = '1400000000000000003';
export const OPERATOR_GUILD = '1400000000000000010';
export const OPERATOR_CHANNEL = '1400000000000000011';
export const MEMBER = '1400000000000000099';
export const MODERATOR = '1400000000000000098';
/** Member permissions: View Channel + Send Messages only. */
export const PLAIN_MEMBER_PERMS = (1n << 10n) | (1n << 11n);
export const MANAGE_CHANNELS = 1n << 4n;
export const MANAGE_GUILD = 1n << 5n;

const CONFIG = `
groups:
  - id: itu-t-fg-mv
    body: itu
    title: ITU-T Focus Group on metaverse (FG-MV)
    names: [FG-MV, FG MV, metaverse focus group]
  - id: itu-t-sg17
    body: itu
    title: ITU-T Study Group 17 (Security)
    names: [SG17, Study Group 17]
meetings:
  - group: itu-t-fg-mv
    title: 6th FG-MV meeting
    start: 2099-03-03
    end: 2099-03-06
    location: Geneva
    url: https://www.itu.int/en/ITU-T/focusgroups/mv/
taxonomy:
  digital-identity:
    label: Digital identity
    terms: [digital identity]
  surveillance:
    label: Surveillance
    terms: [surveillance]
sources:
  - id: itu-news
    kind: rss
    url: https://www.itu.int/hub/feed/
    title: ITU News
  - id: heise
    kind: rss
    url: https://www.heise.de/rss/heise.rdf
    title: heise online
discord:
  operatorGuild: "${OPERATOR_GUILD}"
`;

export interface Harness {
  fake: FakeDiscord;
  app: App;
  sink: DiscordSink;
  bot?: DiscordBot;
  prefix: string;
  logs: Capture;
  close(): Promise<void>;
}

export async function startHarness(name: string, opts: { bot?: boolean | DiscordBotOptions; extraConfig?: string } = {}): Promise<Harness> {
  const fake = await startFakeDiscord();
  fake.addGuild({ id: GUILD, name: 'Standards', channels: [{ id: CHANNEL, name: 'alerts' }, { id: OTHER_CHANNEL, name: 'general' }] });
  fake.addGuild({ id: OPERATOR_GUILD, name: 'Operators', channels: [{ id: OPERATOR_CHANNEL, name: 'ops' }] });
  const prefix = testPrefix(`discord-${name}`);
  const config = buildConfig({
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      DEFAULT_TIMEZONE: 'Europe/Brussels',
    },
    documents: [{ name: 'test.yaml', text: CONFIG, isDefault: false }, ...(opts.extraConfig ? [{ name: 'extra.yaml', text: opts.extraConfig, isDefault: false }] : [])],
  });
  const logs = new Capture();
  const log = pino({ level: 'debug', redact: ['token', '*.token'] }, logs);
  const app = await createApp({ config, log, terminalStream: new Capture() });
  const sink = createDiscordSink({ token: fake.token, apiUrl: fake.apiUrl, log });
  app.sinks.discord = sink;
  const bot = opts.bot ? await startDiscordBot(app, opts.bot === true ? {} : opts.bot) : undefined;
  return {
    fake,
    app,
    sink,
    bot,
    prefix,
    logs,
    async close() {
      await bot?.stop();
      await sink.close();
      await app.close();
      await fake.close();
      await deleteByPrefix(prefix);
    },
  };
}

let n = 0;
export function testItem(extra: Partial<Item> = {}): Item {
  n += 1;
  return {
    id: `i${String(n).padStart(16, '0')}`,
    sourceId: 'itu-news',
    url: `https://www.itu.int/hub/2024/01/item-${n}/`,
    title: `FG-MV debates digital identity (${n})`,
    published: '2024-01-08T10:00:00.000Z',
    seenAt: '2024-01-08T10:05:00.000Z',
    content: 'China Mobile proposed a digital identity system to FG-MV.',
    summary: 'China Mobile proposed a digital identity system to FG-MV.',
    tags: ['digital-identity'],
    entities: [],
    groups: ['itu-t-fg-mv'],
    score: 0.8,
    storyId: `s${n}`,
    enriched: true,
    ...extra,
  };
}

export async function storeItem(app: App, item: Item): Promise<Item> {
  await app.stores.items.addIfNew(item);
  await app.stores.items.saveEnriched(item);
  return item;
}

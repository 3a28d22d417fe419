// Builds the real app (Redis, stores, queues) configured for Matrix against the
// fake homeserver, the way main.ts will once the lead wires the adapter.
import { pino } from 'pino';
import { createApp, type App } from '../../../src/app/app.js';
import type { MatrixSink } from '../../../src/bot/matrix/sink.js';
import { buildConfig } from '../../../src/config/load.js';
import type { Item } from '../../../src/core/types.js';
import { quietSdkLogs } from '../../fakes/matrix/sdk-helpers.js';
import { startFakeHomeserver, type FakeHomeserver } from '../../fakes/matrix/index.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../../helpers/redis.js';
import { Capture } from '../../helpers/streams.js';

export const BOT = '@sw:example.org';
export const ALICE = '@alice:example.org';
export const BOB = '@bob:example.org';
export const CAROL = '@carol:friends.example';
export const EVE = '@eve:evil.example';
export const OPS_ROOM = '!ops:example.org';

const CONFIG = `
groups:
  - id: itu-t-fg-mv
    body: itu
    title: ITU-T Focus Group on metaverse (FG-MV)
    names: [FG-MV, FG MV, metaverse focus group]
meetings:
  - group: itu-t-fg-mv
    title: 9th meeting
    start: 2099-10-16
    end: 2099-10-20
    timeZone: Europe/Zurich
    location: Geneva
taxonomy:
  surveillance:
    label: Surveillance
    terms: [surveillance]
  digital-identity:
    label: Digital identity
    terms: [digital identity]
matrix:
  commandPrefix: "!sw"
  inviteAllowlist: ["${ALICE}", "friends.example"]
operators:
  matrix: "${OPS_ROOM}"
`;

export interface Harness {
  fake: FakeHomeserver;
  app: App;
  sink: MatrixSink;
  prefix: string;
  botToken: string;
  close(): Promise<void>;
}

export async function startHarness(name: string): Promise<Harness> {
  quietSdkLogs();
  const fake = await startFakeHomeserver({ serverName: 'example.org', maxSyncWaitMs: 200 });
  const { accessToken } = fake.registerUser(BOT, { displayName: 'Standards Watch' });
  for (const user of [ALICE, BOB, CAROL, EVE]) fake.registerUser(user);
  fake.createRoom({ roomId: OPS_ROOM, creator: ALICE, members: [BOT], name: 'Operators' });
  const prefix = testPrefix(name);
  const config = buildConfig({
    env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, MATRIX_HOMESERVER_URL: fake.baseUrl, MATRIX_USER_ID: BOT, MATRIX_ACCESS_TOKEN: accessToken, LOG_LEVEL: 'warn' },
    documents: [{ name: 'test.yaml', text: CONFIG, isDefault: false }],
  });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApp({ config, log, terminalStream: new Capture() });
  // These tests send many commands as one user; the per-user rate limit has its own tests.
  app.services.limiter = undefined;
  const sink = app.sinks.matrix as MatrixSink;
  return {
    fake,
    app,
    sink,
    prefix,
    botToken: accessToken,
    async close() {
      await app.close();
      await fake.close();
      await deleteByPrefix(prefix);
    },
  };
}

let counter = 0;

export function testItem(extra: Partial<Item> = {}): Item {
  counter += 1;
  const id = `i${Date.now().toString(16)}${counter.toString(16).padStart(4, '0')}`;
  return {
    id,
    sourceId: 'test-news',
    url: `https://news.example/${id}`,
    title: `Item ${counter}: focus group debates digital identity`,
    published: new Date().toISOString(),
    seenAt: new Date().toISOString(),
    content: 'content',
    summary: 'A state-owned operator proposed a digital identity system.',
    tags: ['digital-identity'],
    entities: [],
    groups: ['itu-t-fg-mv'],
    score: 0.8,
    storyId: '',
    enriched: true,
    ...extra,
  };
}

export async function storeItem(app: App, item: Item): Promise<void> {
  await app.stores.items.addIfNew(item);
  await app.stores.items.saveEnriched(item);
}

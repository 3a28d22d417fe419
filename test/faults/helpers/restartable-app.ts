// An App on a given Redis prefix and fake Discord, built the way `start` builds
// one: several of them (one after the other, or side by side) share the queues
// and stores, as processes restarting or running next to each other would.
import { pino } from 'pino';
import { createApp, type App } from '../../../src/app/app.js';
import { buildConfig } from '../../../src/config/load.js';
import type { FakeDiscord } from '../../fakes/discord/index.js';
import { TEST_REDIS_URL } from '../../helpers/redis.js';
import { Capture } from '../../helpers/streams.js';

const CONFIG = `
taxonomy:
  digital-identity:
    label: Digital identity
    terms: [digital identity]
`;

export async function discordApp(fake: FakeDiscord, prefix: string): Promise<App> {
  const config = buildConfig({
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    },
    documents: [{ name: 'faults.yaml', text: CONFIG, isDefault: false }],
  });
  return createApp({ config, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), terminalStream: new Capture() });
}

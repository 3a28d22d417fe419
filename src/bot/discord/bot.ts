// The gateway client for the `bot` role: receives slash commands and
// autocomplete over the gateway, answers through the shared dispatcher.
// Sending alerts is the sink's job (REST only), so workers need no gateway.
import { Client, Events, GatewayIntentBits, Partials, Status } from 'discord.js';
import type { App } from '../../app/app.js';
import type { Runnable } from '../../app/start.js';
import type { Command } from '../commands/define.js';
import { commands as registeredCommands } from '../commands/registry.js';
import { createInteractionHandler } from './interaction-handler.js';

export interface DiscordBot extends Runnable {
  /** True while the gateway session is ready (for /readyz). */
  connected(): boolean;
  readonly client: Client;
}

export interface DiscordBotOptions {
  commands?: readonly Command[];
  /** How long login may take before start fails (default 30 s). */
  readyTimeoutMs?: number;
  ackAfterMs?: number;
}

export async function startDiscordBot(app: App, opts: DiscordBotOptions = {}): Promise<DiscordBot> {
  const config = app.config.discord;
  if (!config) throw new Error('Discord is not configured: set DISCORD_TOKEN');
  const log = app.log.child({ module: 'discord-bot' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    // With a custom API root the gateway address comes from that API's /gateway/bot.
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  const handler = createInteractionHandler({
    commands: opts.commands ?? registeredCommands,
    services: app.services,
    clock: app.clock,
    defaultTimeZone: app.config.defaultTimeZone,
    operatorGuild: config.operatorGuild,
    log,
    ackAfterMs: opts.ackAfterMs,
  });
  client.on(Events.InteractionCreate, (interaction) => void handler(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ shardId, code: event.code }, 'discord gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId) => log.info({ shardId }, 'discord gateway resumed'));

  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('Discord gateway not ready in time')), opts.readyTimeoutMs ?? 30_000);
    client.once(Events.ClientReady, (c) => {
      log.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'discord bot connected');
      resolve();
    });
  });
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }

  let stopped = false;
  return {
    name: 'discord',
    client,
    connected: () => !stopped && client.isReady() && client.ws.status === Status.Ready,
    async stop() {
      stopped = true;
      client.removeAllListeners(Events.InteractionCreate);
      await client.destroy();
      log.info('discord bot stopped');
    },
  };
}

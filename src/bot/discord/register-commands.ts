// `standards-watch discord register-commands [--guild <id>]`: a bulk overwrite
// of the slash commands, globally or in one guild (instant, for development).
import { Routes, type APIApplicationCommand } from 'discord.js';
import type { Logger } from 'pino';
import type { Command } from '../commands/define.js';
import { buildCommandPayloads } from './command-payloads.js';
import { classifyDiscordError } from './rest-errors.js';
import { createDiscordRest } from './sink.js';

export interface RegisterCommandsOptions {
  token: string;
  applicationId: string;
  apiUrl?: string;
  guildId?: string;
  commands: readonly Command[];
  log: Logger;
}

export async function registerCommands(opts: RegisterCommandsOptions): Promise<APIApplicationCommand[]> {
  const rest = createDiscordRest(opts.token, opts.apiUrl);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const body = buildCommandPayloads(opts.commands);
  try {
    const registered = (await rest.put(route, { body })) as APIApplicationCommand[];
    opts.log.info({ count: registered.length, scope: opts.guildId ? `guild ${opts.guildId}` : 'global', commands: registered.map((c) => c.name) }, 'slash commands registered');
    return registered;
  } catch (err) {
    throw classifyDiscordError(err, opts.guildId ?? 'global commands');
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

// The entry point behind the CLI: the only place that reads process.env.
// Parses arguments (cli.ts), builds the config, and runs the chosen command.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { buildConfig, readConfigDocuments } from './config/load.js';
import { ConfigError } from './config/errors.js';
import type { AppConfig } from './config/types.js';
import { createLogger } from './logger.js';
import { parseCli, CliUsageError, type CliCommand } from './cli-args.js';
import { createApp } from './app/app.js';
import { runOnce } from './app/once.js';
import { startRoles } from './app/start.js';
import { RedisUnavailableError } from './store/redis.js';
import { commands } from './bot/commands/registry.js';
import { runTokens } from './bot/commands/dispatch.js';
import { renderTerminal } from './bot/terminal/render.js';
import { checkUrl, formatCheckReport } from './feeds/check.js';
import { createFetcher } from './feeds/fetcher.js';
import { roleStarters } from './app/role-starters.js';
import { readFile } from 'node:fs/promises';
import { exportOpml } from './sources/opml-export.js';
import { formatImportReport, importOpml } from './sources/opml-import.js';

export interface Io {
  stdout: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean });
  stderr: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean });
}

export async function main(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  let cli: CliCommand;
  try {
    cli = parseCli(argv);
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (cli.kind === 'help') {
    io.stdout.write(cli.text);
    return 0;
  }

  if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true, processEnv: env as Record<string, string> });
  let config: AppConfig;
  try {
    const files = [...(env.SW_CONFIG ? env.SW_CONFIG.split(',').filter(Boolean) : []), ...cli.configFiles];
    config = buildConfig({ env, documents: await readConfigDocuments({ files }), noDefaultSources: cli.noDefaultSources });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger({
    level: config.logLevel,
    secrets: [config.discord?.token, config.matrix?.accessToken, config.http.adminToken, config.summarizer.kind === 'openai' ? config.summarizer.apiKey : undefined],
  });

  if (cli.kind === 'sources-check') {
    const fetcher = createFetcher({ userAgent: config.fetch.userAgent, allowHosts: config.fetch.allowHosts, timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes, log });
    try {
      const report = await checkUrl(cli.url, fetcher);
      io.stdout.write(`${formatCheckReport(report)}\n`);
      return report.ok ? 0 : 1;
    } finally {
      await fetcher.close();
    }
  }

  if (cli.kind === 'discord-register') {
    if (!config.discord || !config.discord.applicationId) {
      io.stderr.write('discord register-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).\n');
      return 78;
    }
    const { registerCommands } = await import('./bot/discord/register-commands.js');
    const registered = await registerCommands({ token: config.discord.token, applicationId: config.discord.applicationId, apiUrl: config.discord.apiUrl, guildId: cli.guild, commands, log });
    io.stdout.write(`Registered ${registered.length} slash commands ${cli.guild ? `in guild ${cli.guild}` : 'globally'}: ${registered.map((c) => c.name).join(', ')}\n`);
    return 0;
  }

  let app;
  try {
    app = await createApp({ config, log, terminalStream: cli.kind === 'once' && cli.json ? io.stderr : io.stdout });
  } catch (err) {
    if (err instanceof RedisUnavailableError) {
      io.stderr.write(`${err.message}\n`);
      return 69; // EX_UNAVAILABLE
    }
    throw err;
  }

  try {
    switch (cli.kind) {
      case 'once': {
        const { results } = await runOnce(app, { json: cli.json, out: io.stdout, notices: io.stderr });
        return results.length > 0 && results.every((r) => r.status === 'failed') ? 1 : 0;
      }
      case 'cmd': {
        const message = await runTokens(
          commands,
          cli.tokens,
          {
            platform: 'terminal',
            target: 'terminal',
            user: { id: `terminal:${userInfo().username}`, name: userInfo().username },
            isDirect: false,
            can: { manageTarget: true, operator: true },
            timeZone: config.defaultTimeZone,
            clock: app.clock,
            services: app.services,
          },
          log,
        );
        io.stdout.write(`${renderTerminal(message, { color: Boolean((io.stdout as NodeJS.WriteStream).isTTY) })}\n`);
        return message.kind === 'error' ? 1 : 0;
      }
      case 'start': {
        const running = await startRoles(app, { roles: cli.roles, starters: roleStarters, notices: io.stderr });
        const onSignal = () => void running.stop();
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        await running.stopped;
        app = undefined; // closed by stop()
        return 0;
      }
      case 'sources-import': {
        const text = await readFile(cli.file, 'utf8');
        const report = await importOpml(text, app.sources, { check: (url) => checkUrl(url, app!.fetcher), addedBy: 'cli', dryRun: cli.dryRun });
        io.stdout.write(`${formatImportReport(report, cli.dryRun)}\n`);
        return 0;
      }
      case 'sources-export':
        io.stdout.write(exportOpml(await app.sources.list()));
        return 0;
      default:
        return 2;
    }
  } finally {
    await app?.close();
  }
}

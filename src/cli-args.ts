// Argument parsing only: argv in, a CliCommand (or help text, or a usage error) out.
import { parseArgs } from 'node:util';
import { ROLES, type Role } from './app/start.js';

export class CliUsageError extends Error {}

export type CliCommand =
  | { kind: 'help'; text: string }
  | ({ configFiles: string[]; noDefaultSources: boolean } & (
      | { kind: 'start'; roles: Set<Role> }
      | { kind: 'once'; json: boolean }
      | { kind: 'cmd'; tokens: string[] }
      | { kind: 'sources-check'; url: string }
      | { kind: 'sources-import'; file: string; dryRun: boolean }
      | { kind: 'sources-export' }
      | { kind: 'discord-register'; guild?: string }
    ));

const GLOBAL = `Global options:
  --config FILE           add a YAML config file (repeatable; also SW_CONFIG=a.yaml,b.yaml)
  --no-default-sources    drop the shipped sources (keep taxonomy, groups, dictionaries)
  -h, --help              show help
`;

export const HELP: Record<string, string> = {
  main: `standards-watch — watches standards bodies and the press, alerts Discord and Matrix

Usage:
  standards-watch start [--roles poller,worker,bot,http]   run (default: every role)
  standards-watch once [--json]        poll every source once, run the pipeline until drained, print new items
  standards-watch cmd <command> [args] answer any chat command here (try: cmd help)
  standards-watch sources check <url>  fetch and parse one URL, show what it found
  standards-watch sources import <file.opml> [--dry-run]   add the feeds of an OPML file
  standards-watch sources export       print every source as OPML
  standards-watch discord register-commands [--guild <id>] register the slash commands

${GLOBAL}
Environment: REDIS_URL, REDIS_PREFIX, DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_API_URL,
MATRIX_HOMESERVER_URL, MATRIX_USER_ID, MATRIX_ACCESS_TOKEN, HTTP_PORT, ADMIN_TOKEN, LOG_LEVEL,
SUMMARIZER, OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL (see the README).
`,
  start: `Usage: standards-watch start [--roles poller,worker,bot,http]

Runs until SIGTERM/SIGINT. Roles: poller (schedules polls), worker (poll, enrich, deliver),
bot (Discord/Matrix adapters), http (health, metrics, feeds). Default: all of them.
With no Discord or Matrix credentials, alerts print in this terminal.

${GLOBAL}`,
  once: `Usage: standards-watch once [--json]

Polls every source once, runs enrichment and delivery until drained, and prints the items that
were new to the store. --json: one JSON object a line on stdout, nothing else there (logs go to stderr).

${GLOBAL}`,
  cmd: `Usage: standards-watch cmd <command> [args]

Answers a chat command in the terminal, e.g.
  standards-watch cmd next-meeting fg-mv
  standards-watch cmd search "digital identity"
  standards-watch cmd help

${GLOBAL}`,
  sources: `Usage:
  standards-watch sources check <url>                    fetch and parse one URL, say what was found
  standards-watch sources import <file.opml> [--dry-run] add the feeds of an OPML file (each trial-fetched)
  standards-watch sources export                         print every source as OPML on stdout

${GLOBAL}`,
  discord: `Usage: standards-watch discord register-commands [--guild <id>]

Registers the slash commands with Discord (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID):
globally (may take up to an hour to appear), or in one guild (instant; for development).

${GLOBAL}`,
};

export function parseCli(argv: string[]): CliCommand {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') return { kind: 'help', text: HELP.main! };
  if (!['start', 'once', 'cmd', 'sources', 'discord'].includes(command)) throw new CliUsageError(`Unknown command "${command}".\n\n${HELP.main}`);
  // `cmd` passes everything after the command name through untouched (it may contain name:value and --tz).
  const cmdIndex = command === 'cmd' ? rest.findIndex((a) => !a.startsWith('-')) : -1;
  const own = command === 'cmd' && cmdIndex >= 0 ? rest.slice(0, cmdIndex) : rest;
  const passThrough = command === 'cmd' && cmdIndex >= 0 ? rest.slice(cmdIndex) : [];
  let parsed;
  try {
    parsed = parseArgs({
      args: own,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        config: { type: 'string', multiple: true },
        'no-default-sources': { type: 'boolean' },
        roles: { type: 'string' },
        json: { type: 'boolean' },
        guild: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new CliUsageError(`${(err as Error).message}\n\n${HELP[command] ?? HELP.main}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', text: HELP[command] ?? HELP.main! };
  const common = { configFiles: values.config ?? [], noDefaultSources: values['no-default-sources'] ?? false };
  if (values.roles !== undefined && command !== 'start') throw new CliUsageError(`--roles belongs to start.\n\n${HELP[command]}`);
  if (values.json !== undefined && command !== 'once') throw new CliUsageError(`--json belongs to once.\n\n${HELP[command]}`);
  if (values.guild !== undefined && command !== 'discord') throw new CliUsageError(`--guild belongs to discord register-commands.\n\n${HELP[command]}`);
  if (values['dry-run'] !== undefined && command !== 'sources') throw new CliUsageError(`--dry-run belongs to sources import.\n\n${HELP[command]}`);
  switch (command) {
    case 'start': {
      if (positionals.length) throw new CliUsageError(`start takes no arguments (got ${positionals.join(' ')}).\n\n${HELP.start}`);
      const roles = (values.roles ?? ROLES.join(',')).split(',').map((r) => r.trim()).filter(Boolean);
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length || roles.length === 0) throw new CliUsageError(`Unknown role${bad.length > 1 ? 's' : ''} ${bad.join(', ')}: roles are ${ROLES.join(', ')}.`);
      return { kind: 'start', roles: new Set(roles as Role[]), ...common };
    }
    case 'once':
      if (positionals.length) throw new CliUsageError(`once takes no arguments (got ${positionals.join(' ')}).\n\n${HELP.once}`);
      return { kind: 'once', json: values.json ?? false, ...common };
    case 'cmd':
      if (passThrough.length === 0) return { kind: 'help', text: HELP.cmd! };
      return { kind: 'cmd', tokens: passThrough, ...common };
    case 'discord': {
      if (positionals[0] !== 'register-commands' || positionals.length > 1) throw new CliUsageError(HELP.discord!);
      if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) throw new CliUsageError(`--guild expects a numeric guild id (got "${values.guild}").`);
      return { kind: 'discord-register', guild: values.guild, ...common };
    }
    default: {
      const [sub, arg, ...extra] = positionals;
      if (sub === 'check' && arg && extra.length === 0) return { kind: 'sources-check', url: arg, ...common };
      if (sub === 'import' && arg && extra.length === 0) return { kind: 'sources-import', file: arg, dryRun: values['dry-run'] ?? false, ...common };
      if (sub === 'export' && !arg) return { kind: 'sources-export', ...common };
      throw new CliUsageError(HELP.sources!);
    }
  }
}

// The one wrapper around every command run, whatever the platform: finds the
// command, checks the right to run it, parses the options, runs it, times and
// logs it, and maps every error to an answer the user can read.
import type { Logger } from 'pino';
import { UserError } from '../../core/errors.js';
import { reply, type Message } from '../../core/message.js';
import type { Command, CommandContext, LeafCommand } from './define.js';
import { parseOption, type RawValue } from './options.js';
import { bindTokens, usage } from './parse-text.js';

export interface Invocation {
  name: string;
  subcommand?: string;
  raw: Record<string, RawValue>;
}

export function findLeaf(commands: readonly Command[], name: string, subcommand?: string): { command: Command; leaf: LeafCommand } | undefined {
  const command = commands.find((c) => c.name === name);
  if (!command) return undefined;
  const leaf = subcommand ? command.subcommands?.[subcommand] : command.leaf;
  return leaf ? { command, leaf } : undefined;
}

export function permissionRefusal(leaf: LeafCommand, ctx: CommandContext, options: Record<string, unknown>): string | undefined {
  if (leaf.permission === 'operator' && !ctx.can.operator) {
    return ctx.platform === 'discord'
      ? 'Only operators can manage sources (Manage Server in the operators’ server).'
      : 'Only operators can manage sources (power level 50 or more in the operators’ room).';
  }
  const personal = ctx.isDirect || options.personal === true;
  if (leaf.permission === 'manage-target' && !personal && !ctx.can.manageTarget) {
    return ctx.platform === 'discord'
      ? 'Changing what this channel receives needs the Manage Channels permission. Add personal:true to manage your own alerts instead.'
      : 'Changing what this room receives needs power level 50 or more here. Add personal:true to manage your own alerts instead.';
  }
  return undefined;
}

export async function parseOptions(leaf: LeafCommand, command: Command, subcommand: string | undefined, raw: Record<string, RawValue>, ctx: CommandContext) {
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(leaf.options)) {
    const value = raw[name];
    if (value === undefined || value === '') {
      if (spec.required) throw new UserError('missing-option', `${name} is required. ${usage(command, subcommand)}`);
      continue;
    }
    options[name] = parseOption(name, spec, value, ctx.services);
  }
  return options;
}

export async function runInvocation(commands: readonly Command[], invocation: Invocation, ctx: CommandContext, log: Logger): Promise<Message> {
  const started = performance.now();
  const clog = log.child({ command: invocation.name, subcommand: invocation.subcommand, platform: ctx.platform, target: ctx.target, user: ctx.user.id });
  try {
    const limit = ctx.services.limiter?.take(`${ctx.platform}:${ctx.user.id}`, ctx.clock.now().getTime());
    if (limit && !limit.ok) {
      clog.info({ retryAfterMs: limit.retryAfterMs }, 'refused: user rate limit');
      const wait = Math.ceil(limit.retryAfterMs / 1000);
      return { ...reply.error(`You are sending commands faster than I can answer them well. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`), silent: !limit.firstRefusal };
    }
    const found = findLeaf(commands, invocation.name, invocation.subcommand);
    if (!found) throw new UserError('unknown-command', `There is no command "${[invocation.name, invocation.subcommand].filter(Boolean).join(' ')}". Try help.`);
    const options = await parseOptions(found.leaf, found.command, invocation.subcommand, invocation.raw, ctx);
    const refusal = permissionRefusal(found.leaf, ctx, options);
    if (refusal) {
      clog.info('refused: missing right');
      return reply.error(refusal);
    }
    const message = await found.leaf.run(ctx, options);
    clog.debug({ ms: Math.round(performance.now() - started) }, 'command answered');
    return message;
  } catch (err) {
    if (err instanceof UserError) {
      clog.info({ identifier: err.identifier, problem: err.message }, 'command refused');
      return reply.error(err.message);
    }
    clog.error({ err }, 'command failed');
    return reply.error('Something went wrong while answering that; it has been logged. Please try again in a moment.');
  }
}

/** Text form: tokens (already split) → answer. */
export async function runTokens(commands: readonly Command[], tokens: string[], ctx: CommandContext, log: Logger): Promise<Message> {
  try {
    const bound = bindTokens(commands, tokens);
    return await runInvocation(commands, { name: bound.command.name, subcommand: bound.subcommand, raw: bound.raw }, ctx, log);
  } catch (err) {
    if (err instanceof UserError) return reply.error(err.message);
    throw err;
  }
}

// `!sw <command> …` in a room: parsed with the shared text parser into the
// same options as the slash commands, run through the shared dispatcher, and
// answered as a reply to the command event. Rights come from power levels.
import type { Logger } from 'pino';
import { UserError } from '../../core/errors.js';
import { reply, type Message } from '../../core/message.js';
import type { Clock } from '../../core/types.js';
import type { Command, CommandContext } from '../commands/define.js';
import { runTokens } from '../commands/dispatch.js';
import { tokenize } from '../commands/parse-text.js';
import type { CommandServices } from '../commands/services.js';
import { replyContent } from './render.js';
import { MANAGE_LEVEL, type RoomFacts } from './room-facts.js';
import type { MatrixSink } from './sink.js';

export interface CommandEvent {
  eventId: string;
  roomId: string;
  sender: string;
  senderName?: string;
  body: string;
}

export interface CommandHandlerDeps {
  prefix: string;
  commands: readonly Command[];
  services: CommandServices;
  clock: Clock;
  timeZone: string;
  operatorsRoom?: string;
  facts: RoomFacts;
  sink: Pick<MatrixSink, 'sendContent'>;
  /** Claims the event id; false when it was handled before (by us or another process). */
  claim(eventId: string): Promise<boolean>;
  log: Logger;
}

/** Drops the quoted fallback of a rich reply (`> <@user> …` lines and the blank line after). */
function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('>')) i++;
  if (i < lines.length && lines[i]!.trim() === '') i++;
  return lines.slice(i).join('\n');
}

/** The command text after the prefix (`help` for a bare prefix), or undefined when not a command. */
export function commandText(body: string, prefix: string): string | undefined {
  const text = stripReplyFallback(body).trim();
  if (!text.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const rest = text.slice(prefix.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  return rest.trim() === '' ? 'help' : rest.trim();
}

/** The help answer lists commands as they are typed here: `!sw next-meeting …`. */
function withPrefix(message: Message, prefix: string): Message {
  if (message.kind !== 'answer' || !message.text) return message;
  return { ...message, text: message.text.split('\n').map((line) => `${prefix} ${line}`).join('\n') };
}

export async function handleCommand(deps: CommandHandlerDeps, event: CommandEvent): Promise<'answered' | 'silenced' | 'ignored' | 'duplicate' | 'encrypted'> {
  const text = commandText(event.body, deps.prefix);
  if (text === undefined) return 'ignored';
  const log = deps.log.child({ roomId: event.roomId, eventId: event.eventId, user: event.sender });
  if (!(await deps.claim(event.eventId))) {
    log.debug('command already handled');
    return 'duplicate';
  }
  if (await deps.facts.isEncrypted(event.roomId)) {
    // The bot has no end-to-end encryption: an answer here would be unencrypted, and
    // alerts set up here would be too. It does not answer, rather than pretend.
    log.warn('command in an end-to-end encrypted room: not answered (the bot has no encryption support; invite it to an unencrypted room or use a direct room without encryption)');
    return 'encrypted';
  }
  let message: Message | undefined;
  let tokens: string[] = [];
  try {
    tokens = tokenize(text);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    message = reply.error(err.message);
  }
  message ??= await runTokens(deps.commands, tokens, await contextFor(deps, event), log);
  if (message.silent) {
    // A repeated rate-limit refusal: the user was told once already; a room should not fill with them.
    log.debug('answer left unsent (silent)');
    return 'silenced';
  }
  if (tokens[0]?.toLowerCase() === 'help') message = withPrefix(message, deps.prefix);
  await deps.sink.sendContent(event.roomId, replyContent(message, event.eventId), `reply\u0000${event.eventId}`);
  return 'answered';
}

async function contextFor(deps: CommandHandlerDeps, event: CommandEvent): Promise<CommandContext> {
  const [level, isDirect, operatorLevel] = await Promise.all([
    deps.facts.powerLevel(event.roomId, event.sender),
    deps.facts.isDirect(event.roomId),
    deps.operatorsRoom ? deps.facts.powerLevel(deps.operatorsRoom, event.sender) : Promise.resolve(-1),
  ]);
  return {
    platform: 'matrix',
    target: event.roomId,
    user: { id: event.sender, ...(event.senderName ? { name: event.senderName } : {}) },
    isDirect,
    can: { manageTarget: level >= MANAGE_LEVEL, operator: operatorLevel >= MANAGE_LEVEL },
    timeZone: deps.timeZone,
    clock: deps.clock,
    services: deps.services,
  };
}

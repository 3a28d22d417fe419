// interactionCreate → the shared dispatcher → a reply. Acknowledges within
// Discord's 3-second window: slow commands defer at once, any other answer
// that is not ready after `ackAfterMs` defers too. Errors and personal
// answers are ephemeral; every reply is rendered by render.ts (no pings).
import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction, type InteractionReplyOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { Message } from '../../core/message.js';
import type { Clock } from '../../core/types.js';
import type { Command, CommandContext } from '../commands/define.js';
import { findLeaf, runInvocation } from '../commands/dispatch.js';
import type { CommandServices } from '../commands/services.js';
import { autocompleteChoices, isListOption } from './autocomplete.js';
import { focusedOption, invocationFrom, type InteractionOptionData } from './invocation.js';
import { messageToDiscordPayload } from './render.js';
import { rightsFor } from './rights.js';

export interface InteractionDeps {
  commands: readonly Command[];
  services: CommandServices;
  clock: Clock;
  defaultTimeZone: string;
  operatorGuild?: string;
  log: Logger;
  /** Defer when an answer is not ready by then (default 1500 ms; Discord allows 3 s). */
  ackAfterMs?: number;
}

type Replyable = ChatInputCommandInteraction;

function contextFor(interaction: Replyable | AutocompleteInteraction, deps: InteractionDeps): CommandContext {
  const rights = rightsFor({ guildId: interaction.guildId, memberPermissions: interaction.memberPermissions?.bitfield ?? null, operatorGuild: deps.operatorGuild });
  return {
    platform: 'discord',
    target: interaction.channelId,
    user: { id: interaction.user.id, name: interaction.user.username },
    isDirect: rights.isDirect,
    can: rights.can,
    timeZone: deps.defaultTimeZone,
    clock: deps.clock,
    services: deps.services,
  };
}

/** discord.js reply options for a rendered message. */
export function replyOptions(message: Message, ephemeral: boolean): InteractionReplyOptions & { flags: number } {
  const payload = messageToDiscordPayload(message);
  const flags = (payload.flags ?? 0) | (ephemeral ? MessageFlags.Ephemeral : 0);
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    allowedMentions: { parse: [] },
    flags,
  };
}

async function answerCommand(interaction: Replyable, deps: InteractionDeps, log: Logger): Promise<void> {
  const invocation = invocationFrom(interaction.commandName, interaction.options.data as readonly InteractionOptionData[]);
  const ctx = contextFor(interaction, deps);
  const found = findLeaf(deps.commands, invocation.name, invocation.subcommand);
  // Ephemeral only means something in a guild; a DM is private already.
  const personalAsk = !ctx.isDirect && invocation.raw['personal'] === true;
  const running = runInvocation(deps.commands, invocation, ctx, log);

  let deferredEphemeral: boolean | undefined;
  const defer = async () => {
    deferredEphemeral = personalAsk;
    await interaction.deferReply(personalAsk ? { flags: MessageFlags.Ephemeral } : {});
  };
  if (found?.leaf.slow) {
    await defer();
  } else {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deps.ackAfterMs ?? 1500)));
    const first = await Promise.race([running.then(() => 'ready' as const), late]);
    clearTimeout(timer);
    if (first === 'late') await defer();
  }

  const message = await running;
  const ephemeral = !ctx.isDirect && (message.private === true || personalAsk);
  const options = replyOptions(message, ephemeral);
  if (deferredEphemeral === undefined) {
    await interaction.reply(options);
  } else if (ephemeral && !deferredEphemeral) {
    // The deferral was public but the answer is private: drop the placeholder, answer only the asker.
    await interaction.deleteReply();
    await interaction.followUp(options);
  } else {
    const { flags: _flags, ...edit } = options;
    await interaction.editReply(edit);
  }
}

async function answerAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const data = interaction.options.data as readonly InteractionOptionData[];
  const invocation = invocationFrom(interaction.commandName, data);
  const focused = focusedOption(data);
  const spec = focused ? findLeaf(deps.commands, invocation.name, invocation.subcommand)?.leaf.options[focused.name] : undefined;
  if (!focused || !spec?.autocomplete) {
    await interaction.respond([]);
    return;
  }
  const choices = await autocompleteChoices(
    { kind: spec.autocomplete, query: String(focused.value ?? ''), list: isListOption(spec), channelId: interaction.channelId, userId: interaction.user.id },
    deps.services,
  );
  await interaction.respond(choices);
}

/** The interactionCreate listener. Never throws: failures are logged with the command and where it came from. */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
    const log = deps.log.child({ command: interaction.commandName, channelId: interaction.channelId, guildId: interaction.guildId ?? undefined, user: interaction.user.id });
    try {
      if (interaction.isAutocomplete()) await answerAutocomplete(interaction, deps);
      else await answerCommand(interaction, deps, log);
    } catch (err) {
      log.warn({ err }, interaction.isAutocomplete() ? 'autocomplete not answered' : 'interaction not answered');
    }
  };
}

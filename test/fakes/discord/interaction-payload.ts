import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  InteractionType,
  Locale,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
} from 'discord-api-types/v10';
import { apiChannel, apiMember, apiUser } from './payloads.js';
import type { FakeDiscordState } from './state.js';
import type { InteractionInput } from './types.js';

/** What the bot itself may do in an ordinary text channel. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;

const DEFAULT_MEMBER_PERMISSIONS = '1071698660929';

function commandIdFor(state: FakeDiscordState, name: string, guildId: string | undefined): string | undefined {
  const scoped = guildId ? state.commands.guild[guildId] : undefined;
  return (scoped ?? []).concat(state.commands.global).find((c) => c.name === name)?.id;
}

/**
 * The INTERACTION_CREATE payload for a slash command or an autocomplete request, with every field
 * discord.js reads (guild variant with member, DM variant with user).
 */
export function buildInteraction(
  state: FakeDiscordState,
  input: InteractionInput,
  ids: { id: string; token: string; commandId: string },
): APIInteraction {
  const user = state.ensureUser(input.user.id, input.user.username);
  const channel = state.channels.get(input.channelId);
  if (!channel) throw new Error(`fake-discord: sendInteraction to unknown channel ${input.channelId}`);
  const guild = input.guildId ? state.guilds.get(input.guildId) : undefined;
  if (input.guildId && !guild) throw new Error(`fake-discord: sendInteraction in unknown guild ${input.guildId}`);
  const locale = (input.locale ?? 'en-US') as Locale;
  const appPermissions = channel.access === 'ok' ? BOT_PERMISSIONS : 0n;
  const options: APIApplicationCommandInteractionDataOption[] = input.options ?? [];
  const data = {
    id: commandIdFor(state, input.commandName, input.guildId) ?? ids.commandId,
    name: input.commandName,
    type: ApplicationCommandType.ChatInput,
    options,
    ...(guild ? { guild_id: guild.id } : {}),
  };
  const base = {
    id: ids.id,
    application_id: state.applicationId,
    type: input.type === 'autocomplete' ? InteractionType.ApplicationCommandAutocomplete : InteractionType.ApplicationCommand,
    data,
    channel: apiChannel(channel, state),
    channel_id: channel.id,
    token: ids.token,
    version: 1 as const,
    app_permissions: appPermissions.toString(),
    locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (guild) {
    const permissions = String(input.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS);
    return {
      ...base,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      member: apiMember(user, { roles: input.memberRoles ?? [], permissions, joinedAt: guild.joinedAt }),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
    } as unknown as APIInteraction;
  }
  return {
    ...base,
    user: apiUser(user),
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
    context: InteractionContextType.BotDM,
  } as unknown as APIInteraction;
}

import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  MessageType,
  type APIChannel,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { ChannelState, FakeDiscordState, GuildState, UserState } from './state.js';
import type { RecordedMessage } from './types.js';

/** Builders of full API objects, shaped as Discord sends them (and as discord.js reads them). */

export function apiUser(u: UserState): APIUser {
  return {
    id: u.id,
    username: u.username,
    discriminator: '0',
    global_name: u.bot ? null : u.username,
    avatar: null,
    ...(u.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
  };
}

export function apiRole(r: GuildState['roles'][number]): APIRole {
  return {
    id: r.id,
    name: r.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: r.position,
    permissions: r.permissions,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

/** A channel object; GET /channels/{id} and GUILD_CREATE use it (the latter without guild_id). */
export function apiChannel(ch: ChannelState, state: FakeDiscordState): APIChannel {
  if (ch.type === ChannelType.DM) {
    const recipient = state.users.get(ch.recipientId ?? '');
    return {
      id: ch.id,
      type: ChannelType.DM,
      name: null,
      last_pin_timestamp: null,
      last_message_id: ch.lastMessageId ?? null,
      recipients: recipient ? [apiUser(recipient)] : [],
      flags: 0 as ChannelFlags,
    };
  }
  // The guild channel union is keyed by `type`; the fields below are common to all of them.
  return {
    id: ch.id,
    type: ch.type,
    guild_id: ch.guildId,
    name: ch.name,
    position: ch.position,
    parent_id: null,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: ch.lastMessageId ?? null,
    rate_limit_per_user: 0,
    flags: 0,
  } as unknown as APIChannel;
}

export function apiMember(
  user: UserState,
  opts: { roles?: string[]; joinedAt?: Date; permissions?: string } = {},
): APIGuildMember & { permissions?: string } {
  return {
    user: apiUser(user),
    nick: null,
    avatar: null,
    banner: null,
    roles: opts.roles ?? [],
    joined_at: (opts.joinedAt ?? new Date(0)).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
    ...(opts.permissions !== undefined ? { permissions: opts.permissions } : {}),
  };
}

export function guildCreate(g: GuildState, state: FakeDiscordState): GatewayGuildCreateDispatchData {
  const channels = g.channelIds
    .map((id) => state.channels.get(id))
    .filter((ch): ch is ChannelState => ch !== undefined && ch.access !== 'deleted')
    .map((ch) => {
      const { guild_id: _omit, ...rest } = apiChannel(ch, state) as APIChannel & { guild_id?: string };
      return rest as APIChannel;
    });
  return {
    id: g.id,
    name: g.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: g.roles.map(apiRole),
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: g.joinedAt.toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [apiMember(state.bot, { joinedAt: g.joinedAt })],
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as GatewayGuildCreateDispatchData;
}

export function apiMessage(m: RecordedMessage, state: FakeDiscordState): APIMessage {
  const author = state.users.get(m.author_id) ?? state.bot;
  return {
    id: m.id,
    channel_id: m.channel_id,
    author: apiUser(author),
    content: m.content,
    timestamp: m.createdAt.toISOString(),
    edited_timestamp: m.editedAt ? m.editedAt.toISOString() : null,
    tts: m.tts,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: m.attachments,
    embeds: m.embeds,
    reactions: [],
    pinned: false,
    type: m.interactionId ? MessageType.ChatInputCommand : MessageType.Default,
    flags: m.flags,
    components: m.components,
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...(m.webhookId ? { webhook_id: m.webhookId, application_id: state.applicationId } : {}),
    ...(m.message_reference ? { message_reference: m.message_reference } : {}),
  } as APIMessage;
}

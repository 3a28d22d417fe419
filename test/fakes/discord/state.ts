import type { APIApplicationCommand } from 'discord-api-types/v10';
import { SnowflakeGenerator } from './snowflake.js';
import type { FakeChannelInput, FakeGuildInput, RecordedMessage } from './types.js';

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  roles: { id: string; name: string; permissions: string; position: number }[];
  channelIds: string[];
  joinedAt: Date;
}

export type ChannelAccess = 'ok' | 'missing' | 'deleted';

export interface ChannelState {
  id: string;
  type: number;
  name: string;
  position: number;
  guildId?: string;
  recipientId?: string;
  access: ChannelAccess;
  lastMessageId?: string;
}

export interface UserState {
  id: string;
  username: string;
  bot: boolean;
}

interface NonceEntry {
  messageId: string;
  at: number;
}

/** Everything the fake Discord knows: guilds, channels, users, messages, commands. */
export class FakeDiscordState {
  readonly ids = new SnowflakeGenerator();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly users = new Map<string, UserState>();
  readonly messages: RecordedMessage[] = [];
  readonly commands: { global: APIApplicationCommand[]; guild: Record<string, APIApplicationCommand[]> } = {
    global: [],
    guild: {},
  };
  private readonly messagesById = new Map<string, RecordedMessage>();
  private readonly nonces = new Map<string, NonceEntry>();

  constructor(
    readonly applicationId: string,
    readonly bot: UserState,
    private readonly nonceWindowMs: number,
  ) {
    this.users.set(bot.id, bot);
  }

  addGuild(input: FakeGuildInput): GuildState {
    const everyone = { id: input.id, name: '@everyone', permissions: '1071698660929', position: 0 };
    const roles = [
      everyone,
      ...(input.roles ?? []).map((r, i) => ({
        id: r.id,
        name: r.name ?? `role-${r.id}`,
        permissions: String(r.permissions ?? '0'),
        position: i + 1,
      })),
    ];
    const guild: GuildState = {
      id: input.id,
      name: input.name ?? `guild-${input.id}`,
      ownerId: input.ownerId ?? this.ids.next(),
      roles,
      channelIds: [],
      joinedAt: new Date(),
    };
    this.guilds.set(guild.id, guild);
    (input.channels ?? []).forEach((c, i) => this.addGuildChannel(guild, c, i));
    return guild;
  }

  private addGuildChannel(guild: GuildState, c: FakeChannelInput, position: number): void {
    this.channels.set(c.id, {
      id: c.id,
      type: c.type ?? 0,
      name: c.name ?? `channel-${c.id}`,
      position,
      guildId: guild.id,
      access: 'ok',
    });
    guild.channelIds.push(c.id);
  }

  ensureUser(id: string, username?: string): UserState {
    let user = this.users.get(id);
    if (!user) {
      user = { id, username: username ?? `user${id.slice(-4)}`, bot: false };
      this.users.set(id, user);
    } else if (username) {
      user.username = username;
    }
    return user;
  }

  /** The DM channel with a user, created on first use (as POST /users/@me/channels does). */
  dmChannelFor(userId: string): ChannelState {
    for (const ch of this.channels.values()) {
      if (ch.type === 1 && ch.recipientId === userId) return ch;
    }
    this.ensureUser(userId);
    const ch: ChannelState = { id: this.ids.next(), type: 1, name: '', position: 0, recipientId: userId, access: 'ok' };
    this.channels.set(ch.id, ch);
    return ch;
  }

  setAccess(channelId: string, access: ChannelAccess): void {
    const ch = this.channels.get(channelId);
    if (!ch) throw new Error(`fake-discord: no channel ${channelId}`);
    ch.access = access;
  }

  storeMessage(m: RecordedMessage): void {
    this.messages.push(m);
    this.messagesById.set(m.id, m);
    const ch = this.channels.get(m.channel_id);
    if (ch) ch.lastMessageId = m.id;
  }

  message(channelId: string, messageId: string): RecordedMessage | undefined {
    const m = this.messagesById.get(messageId);
    return m && m.channel_id === channelId && !m.deleted ? m : undefined;
  }

  messageById(messageId: string): RecordedMessage | undefined {
    return this.messagesById.get(messageId);
  }

  /** The message an enforced nonce already created in this channel within the window, if any. */
  findByNonce(channelId: string, nonce: string | number, now: number): RecordedMessage | undefined {
    const entry = this.nonces.get(`${channelId}:${String(nonce)}`);
    if (!entry || now - entry.at > this.nonceWindowMs) return undefined;
    return this.messagesById.get(entry.messageId);
  }

  rememberNonce(channelId: string, nonce: string | number, messageId: string, now: number): void {
    this.nonces.set(`${channelId}:${String(nonce)}`, { messageId, at: now });
  }
}

import type {
  APIAllowedMentions,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIEmbed,
  APIMessage,
  InteractionResponseType,
} from 'discord-api-types/v10';

/** Options of {@link startFakeDiscord}. Every field has a realistic default. */
export interface FakeDiscordOptions {
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** Bot token the fake accepts; a random one when omitted. */
  token?: string;
  /** Gateway heartbeat interval sent in Hello (Discord sends ~41 s). */
  heartbeatIntervalMs?: number;
  /** How long an interaction may stay unanswered before its callback gets 10062 (Discord: 3 s). */
  interactionWindowMs?: number;
  /** How long sendInteraction waits for the @original edit after a deferral before resolving anyway (5 s). */
  deferredEditWaitMs?: number;
  /** How long a nonce sent with enforce_nonce is remembered per channel (Discord: "a few minutes"). */
  nonceWindowMs?: number;
}

export interface FakeChannelInput {
  id: string;
  name?: string;
  /** ChannelType; 0 (GuildText) by default. */
  type?: number;
}

export interface FakeRoleInput {
  id: string;
  name?: string;
  permissions?: bigint | string;
}

export interface FakeGuildInput {
  id: string;
  name?: string;
  ownerId?: string;
  channels?: FakeChannelInput[];
  roles?: FakeRoleInput[];
}

export interface MessageEdit {
  at: Date;
  /** The PATCH body as the bot sent it. */
  body: Record<string, unknown>;
}

/** A message the fake stored, kept current through edits. */
export interface RecordedMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author_id: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  attachments: APIAttachment[];
  flags: number;
  tts: boolean;
  nonce?: string | number;
  enforce_nonce?: boolean;
  allowed_mentions?: APIAllowedMentions;
  message_reference?: Record<string, unknown>;
  createdAt: Date;
  editedAt?: Date;
  deleted: boolean;
  edits: MessageEdit[];
  /** Set for messages created through an interaction (callback, @original, follow-up). */
  interactionId?: string;
  webhookId?: string;
}

export interface RecordedRequest {
  at: Date;
  method: string;
  /** Path below the versioned API root, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON (or `payload_json` of a multipart body); undefined when there was none. */
  body: unknown;
  /** Request headers; the Authorization value is replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** Status the fake answered with; 0 when the connection was reset instead. */
  status: number;
  /** The injected fault, when one applied. */
  fault?: FakeFault;
  /** True when no route matched. */
  unknownRoute: boolean;
}

export type FakeFault =
  | { status: 429; retryAfterSec: number; global?: boolean }
  | { status: 500 | 502 | 503 }
  | { reset: 'before' | 'after' };

export interface FaultMatch {
  method?: string;
  /** Tested against {@link RecordedRequest.path}. */
  path?: RegExp;
}

export interface InteractionInput {
  type?: 'command' | 'autocomplete';
  guildId?: string;
  channelId: string;
  user: { id: string; username?: string };
  /** Member permissions in the channel; omitted for DMs. */
  memberPermissions?: bigint | string;
  memberRoles?: string[];
  locale?: string;
  commandName: string;
  options?: APIApplicationCommandInteractionDataOption[];
}

export interface InteractionCallbackRecord {
  at: Date;
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

export interface InteractionOutcome {
  interactionId: string;
  token: string;
  /** The bot's first accepted callback; undefined when it answered nothing in the window. */
  callback?: InteractionCallbackRecord;
  /** Callbacks refused (late or repeated) with the status the fake gave. */
  rejectedCallbacks: { at: Date; status: number; code: number }[];
  /** True when no callback arrived within the interaction window. */
  expired: boolean;
  deferred: boolean;
  ephemeral: boolean;
  /** The original response message as it stands (reply, or deferral after its edit). */
  original?: RecordedMessage;
  /** Follow-up messages sent through the interaction webhook so far. */
  followUps: RecordedMessage[];
  /** Autocomplete choices, for autocomplete interactions. */
  choices?: unknown[];
}

export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`, for `rest.api` / DISCORD_API_URL. */
  apiUrl: string;
  /** `ws://127.0.0.1:PORT`. */
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  addGuild(g: FakeGuildInput): void;
  addDmChannel(userId: string): string;
  removeChannelAccess(channelId: string): void;
  deleteChannel(channelId: string): void;
  sendInteraction(i: InteractionInput): Promise<InteractionOutcome>;
  messages: RecordedMessage[];
  requests: RecordedRequest[];
  commands: { global: unknown[]; guild: Record<string, unknown[]> };
  failNext(match: FaultMatch, fault: FakeFault, times?: number): void;
  /** Number of gateway connections that identified and are still open. */
  readonly connectedSessions: number;
  /** Full API message object for a stored message, as REST returns it. */
  toApiMessage(m: RecordedMessage): APIMessage;
  close(): Promise<void>;
}

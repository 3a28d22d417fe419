import type { APIAllowedMentions, APIAttachment, APIEmbed } from 'discord-api-types/v10';
import type { FakeDiscordState } from './state.js';
import type { RecordedMessage } from './types.js';

export interface NewMessageExtra {
  authorId?: string;
  guildId?: string;
  interactionId?: string;
  webhookId?: string;
  /** Flags forced on top of the body's (e.g. LOADING for a deferral). */
  flags?: number;
}

const SETTABLE_FLAGS = (1 << 2) | (1 << 6) | (1 << 12) | (1 << 15); // suppress embeds, ephemeral, suppress notifications, components v2

function attachmentsFrom(
  state: FakeDiscordState,
  files: { filename: string; size: number }[],
): APIAttachment[] {
  return files.map((f) => {
    const id = state.ids.next();
    return {
      id,
      filename: f.filename,
      size: f.size,
      url: `https://cdn.discordapp.com/attachments/0/${id}/${f.filename}`,
      proxy_url: `https://media.discordapp.net/attachments/0/${id}/${f.filename}`,
    };
  });
}

/** Builds the stored form of a message from a create body (channel message, interaction reply, follow-up). */
export function newMessage(
  state: FakeDiscordState,
  channelId: string,
  body: Record<string, unknown>,
  files: { filename: string; size: number }[],
  extra: NewMessageExtra = {},
): RecordedMessage {
  const nonce = body['nonce'];
  return {
    id: state.ids.next(),
    channel_id: channelId,
    ...(extra.guildId ? { guild_id: extra.guildId } : {}),
    author_id: extra.authorId ?? state.bot.id,
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]).map(normaliseEmbed) : [],
    components: Array.isArray(body['components']) ? (body['components'] as unknown[]) : [],
    attachments: attachmentsFrom(state, files),
    flags: ((typeof body['flags'] === 'number' ? body['flags'] : 0) & SETTABLE_FLAGS) | (extra.flags ?? 0),
    tts: body['tts'] === true,
    ...(typeof nonce === 'string' || typeof nonce === 'number' ? { nonce } : {}),
    ...(body['enforce_nonce'] === true ? { enforce_nonce: true } : {}),
    ...(body['allowed_mentions'] ? { allowed_mentions: body['allowed_mentions'] as APIAllowedMentions } : {}),
    ...(body['message_reference'] ? { message_reference: body['message_reference'] as Record<string, unknown> } : {}),
    createdAt: new Date(),
    deleted: false,
    edits: [],
    ...(extra.interactionId ? { interactionId: extra.interactionId } : {}),
    ...(extra.webhookId ? { webhookId: extra.webhookId } : {}),
  };
}

/** Applies a PATCH body: fields present replace the stored ones; the body is kept in `edits`. */
export function applyEdit(
  state: FakeDiscordState,
  m: RecordedMessage,
  body: Record<string, unknown>,
  files: { filename: string; size: number }[],
  clearFlags = 0,
): void {
  if ('content' in body) m.content = typeof body['content'] === 'string' ? body['content'] : '';
  if ('embeds' in body) m.embeds = Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]).map(normaliseEmbed) : [];
  if ('components' in body) m.components = Array.isArray(body['components']) ? (body['components'] as unknown[]) : [];
  if ('allowed_mentions' in body && body['allowed_mentions']) {
    m.allowed_mentions = body['allowed_mentions'] as APIAllowedMentions;
  }
  if (typeof body['flags'] === 'number') m.flags = (m.flags & ~SETTABLE_FLAGS) | (body['flags'] & SETTABLE_FLAGS);
  m.flags &= ~clearFlags;
  if (files.length > 0) m.attachments = [...m.attachments, ...attachmentsFrom(state, files)];
  m.editedAt = new Date();
  m.edits.push({ at: m.editedAt, body });
}

/** Discord stores embeds with `type: 'rich'` unless told otherwise. */
function normaliseEmbed(e: APIEmbed): APIEmbed {
  return { type: 'rich' as APIEmbed['type'], ...e };
}

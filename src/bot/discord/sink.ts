// The Discord sink for worker processes: REST only, no gateway. Sends carry a
// deterministic nonce with enforce_nonce, so a retried job whose first attempt
// was stored but whose answer was lost gets the original message back.
import { REST, Routes, type APIChannel, type APIMessage, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Logger } from 'pino';
import type { PlatformSink, SendOptions, SentMessage } from '../../core/ports.js';
import type { Message } from '../../core/message.js';
import { nonceFor } from './nonce.js';
import { messageToDiscordPayload, messageToDiscordTextPayload } from './render.js';
import { MISSING_PERMISSIONS, UNKNOWN_CHANNEL, UNKNOWN_MESSAGE, classifyDiscordError, discordErrorCode } from './rest-errors.js';

export interface DiscordSinkOptions {
  token: string;
  /** Discord's API root (default https://discord.com/api); a proxy or a local fake in tests. */
  apiUrl?: string;
  log: Logger;
  /** Request timeout (ms); discord.js's default is 15 s. */
  timeoutMs?: number;
}

export type DiscordSink = PlatformSink & { readonly rest: REST; close(): Promise<void> };

export function createDiscordRest(token: string, apiUrl?: string, timeoutMs?: number): REST {
  return new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}), ...(timeoutMs ? { timeout: timeoutMs } : {}) }).setToken(token);
}

export function createDiscordSink(opts: DiscordSinkOptions): DiscordSink {
  const rest = createDiscordRest(opts.token, opts.apiUrl, opts.timeoutMs);
  const log = opts.log.child({ module: 'discord-sink' });
  /** user id → DM channel id, learnt from sendToUser (and the edit fallback). */
  const dmChannels = new Map<string, string>();

  async function post(channelId: string, body: RESTPostAPIChannelMessageJSONBody, nonce: string): Promise<APIMessage> {
    return (await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce, enforce_nonce: true } })) as APIMessage;
  }

  /** Posts the message; when the embed is refused for want of Embed Links, posts it as plain text. */
  async function postMessage(channelId: string, message: Message, nonce: string, errorTarget: string): Promise<SentMessage> {
    const payload = messageToDiscordPayload(message);
    try {
      return { messageId: (await post(channelId, payload, nonce)).id };
    } catch (err) {
      if (discordErrorCode(err) === MISSING_PERMISSIONS && payload.embeds?.length) {
        log.warn({ channelId }, 'embed refused (no Embed Links right?): sending as plain text');
        try {
          return { messageId: (await post(channelId, messageToDiscordTextPayload(message), nonce)).id };
        } catch (again) {
          throw classifyDiscordError(again, errorTarget);
        }
      }
      throw classifyDiscordError(err, errorTarget);
    }
  }

  async function openDm(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async function patch(channelId: string, messageId: string, message: Message): Promise<APIMessage> {
    const payload = messageToDiscordPayload(message);
    // Replace the whole message: an embed edit clears old content and the other way round.
    const body = { content: payload.content ?? '', embeds: payload.embeds ?? [], allowed_mentions: payload.allowed_mentions, ...(payload.flags ? { flags: payload.flags } : {}) };
    return (await rest.patch(Routes.channelMessage(channelId, messageId), { body })) as APIMessage;
  }

  /** Edits in `channelId`; a message deleted meanwhile is posted again (its new id is returned). */
  async function editIn(channelId: string, messageId: string, message: Message, opts: SendOptions, errorTarget: string): Promise<SentMessage> {
    try {
      return { messageId: (await patch(channelId, messageId, message)).id };
    } catch (err) {
      if (discordErrorCode(err) !== UNKNOWN_MESSAGE) throw err;
      log.info({ channelId, messageId }, 'message to edit was deleted: posting it again');
      return postMessage(channelId, message, nonceFor(`${opts.idempotencyKey}-repost`), errorTarget);
    }
  }

  return {
    platform: 'discord',
    rest,
    async send(target, message, opts) {
      const sent = await postMessage(target, message, nonceFor(opts.idempotencyKey), target);
      log.debug({ target, messageId: sent.messageId }, 'message sent');
      return sent;
    },
    async sendToUser(userId, message, opts) {
      let channelId: string;
      try {
        channelId = await openDm(userId);
      } catch (err) {
        throw classifyDiscordError(err, userId);
      }
      return postMessage(channelId, message, nonceFor(opts.idempotencyKey), userId);
    },
    async edit(target, messageId, message, opts) {
      const dm = dmChannels.get(target);
      try {
        return await editIn(dm ?? target, messageId, message, opts, target);
      } catch (err) {
        // A personal subscription's target is a user id, which is no channel: edit in the DM instead.
        if (dm || discordErrorCode(err) !== UNKNOWN_CHANNEL) throw classifyDiscordError(err, target);
        let channelId: string;
        try {
          channelId = await openDm(target);
        } catch {
          throw classifyDiscordError(err, target);
        }
        try {
          return await editIn(channelId, messageId, message, opts, target);
        } catch (again) {
          throw classifyDiscordError(again, target);
        }
      }
    },
    async close() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

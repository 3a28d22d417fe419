// The Matrix PlatformSink: alerts and digests as m.notice events, sent with a
// transaction id derived from the delivery's idempotency key, so a retried job
// re-sends the same txnId and the homeserver stores the event once.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { PermanentError, TargetLostError, TransientError } from '../../core/errors.js';
import type { Message } from '../../core/message.js';
import type { PlatformSink, SendOptions, SentMessage } from '../../core/ports.js';
import { createDirectRooms, type DirectRooms } from './direct-rooms.js';
import type { LostRooms } from './lost-rooms.js';
import { editContent, messageToMatrixContent, type MatrixEventContent } from './render.js';
import { createMatrixRest, MatrixRequestError, pathOf, type MatrixRest, type MatrixRestOptions } from './rest.js';

export interface MatrixSinkOptions {
  homeserverUrl: string;
  userId: string;
  accessToken: string;
  log: Logger;
  /** Rooms the bot was kicked from (noted by the bot): sends there fail at once as TargetLost. */
  lostRooms?: LostRooms;
  rest?: Pick<MatrixRestOptions, 'rateLimitRetries' | 'maxRateLimitWaitMs' | 'timeoutMs' | 'sleep'>;
}

export interface MatrixSink extends PlatformSink {
  readonly platform: 'matrix';
  readonly directRooms: DirectRooms;
  /** The REST client the sink sends with (the bot reads room state through it too). */
  readonly rest: MatrixRest;
  /** Sends any content to a room with a txnId derived from `idempotencyKey`. */
  sendContent(roomId: string, content: MatrixEventContent, idempotencyKey: string): Promise<SentMessage>;
  close(): Promise<void>;
}

/** A transaction id that is the same for every retry of one delivery, and opaque. */
export function txnIdFor(idempotencyKey: string): string {
  return `sw${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** Maps a failed request onto our outcomes: retry later, target lost, or give up. */
export function toDeliveryError(err: unknown, target: string): Error {
  if (!(err instanceof MatrixRequestError)) return err instanceof Error ? err : new Error(String(err));
  if (err.status === undefined) return new TransientError(`matrix: ${err.message}`, undefined, { cause: err });
  if (err.status === 429) return new TransientError(`matrix rate limit: ${err.message}`, err.retryAfterMs, { cause: err });
  if (err.status >= 500) return new TransientError(`matrix server error: ${err.message}`, undefined, { cause: err });
  if (err.status === 403) return new TargetLostError('matrix', target, `${err.errcode ?? 'M_FORBIDDEN'}: the bot may not post there (not in the room, kicked, or not allowed to speak)`, { cause: err });
  if (err.status === 401) return new PermanentError(`matrix rejected the access token (${err.errcode ?? '401'}); check MATRIX_ACCESS_TOKEN`, { cause: err });
  return new PermanentError(`matrix refused the message: ${err.message}`, { cause: err });
}

export function createMatrixSink(opts: MatrixSinkOptions): MatrixSink {
  const rest: MatrixRest = createMatrixRest({ homeserverUrl: opts.homeserverUrl, accessToken: opts.accessToken, log: opts.log, ...opts.rest });
  const log = opts.log.child({ platform: 'matrix' });
  const directRooms = createDirectRooms(rest, opts.userId, log);

  async function sendContent(roomId: string, content: MatrixEventContent, idempotencyKey: string): Promise<SentMessage> {
    const lost = await opts.lostRooms?.get(roomId);
    if (lost) throw new TargetLostError('matrix', roomId, `the bot was removed from the room by ${lost.by}${lost.reason ? ` (${lost.reason})` : ''}`);
    const path = pathOf('rooms', roomId, 'send', 'm.room.message', txnIdFor(idempotencyKey));
    try {
      const { event_id: eventId } = await rest.request<{ event_id: string }>('PUT', path, content);
      return { messageId: eventId };
    } catch (err) {
      const mapped = toDeliveryError(err, roomId);
      if (mapped instanceof TargetLostError) directRooms.forget(roomId);
      throw mapped;
    }
  }

  /** A user id as target (personal subscription) means that user's direct room. */
  async function roomFor(target: string, create: boolean): Promise<string> {
    if (!target.startsWith('@')) return target;
    try {
      const roomId = create ? await directRooms.findOrCreate(target) : await directRooms.find(target);
      if (!roomId) throw new TargetLostError('matrix', target, 'no direct room with that user any more');
      return roomId;
    } catch (err) {
      if (err instanceof MatrixRequestError && err.status === 404 && err.errcode === 'M_UNRECOGNIZED') {
        throw new PermanentError(`matrix: the homeserver does not offer ${err.path}, so no direct room can be opened with ${target}`, { cause: err });
      }
      throw toDeliveryError(err, target);
    }
  }

  return {
    platform: 'matrix',
    directRooms,
    rest,
    sendContent,
    async send(target: string, message: Message, sendOpts: SendOptions) {
      const roomId = await roomFor(target, true);
      return sendContent(roomId, messageToMatrixContent(message), sendOpts.idempotencyKey);
    },
    async edit(target: string, messageId: string, message: Message, sendOpts: SendOptions) {
      const roomId = await roomFor(target, false);
      await sendContent(roomId, editContent(message, messageId), `edit\u0000${sendOpts.idempotencyKey}`);
      // Later edits must replace the original event, never an edit of it.
      return { messageId };
    },
    async sendToUser(userId: string, message: Message, sendOpts: SendOptions) {
      const roomId = await roomFor(userId, true);
      return sendContent(roomId, messageToMatrixContent(message), sendOpts.idempotencyKey);
    },
    close: () => rest.close(),
  };
}

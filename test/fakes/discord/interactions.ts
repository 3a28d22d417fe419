import { randomBytes } from 'node:crypto';
import { InteractionResponseType, MessageFlags, type APIInteraction } from 'discord-api-types/v10';
import { DiscordErrors, errorResponse, type ErrorResponse } from './errors.js';
import { buildInteraction } from './interaction-payload.js';
import { applyEdit, newMessage } from './message-model.js';
import { apiMessage } from './payloads.js';
import type { RouteResult } from './router.js';
import type { FakeDiscordState } from './state.js';
import type { InteractionInput, InteractionOutcome, RecordedMessage } from './types.js';
import { validateMessageBody } from './validate-message.js';

type Files = { filename: string; size: number }[];

interface Pending {
  input: InteractionInput;
  outcome: InteractionOutcome;
  createdAt: number;
  settled: boolean;
  resolve: (o: InteractionOutcome) => void;
  timers: NodeJS.Timeout[];
}

export interface InteractionTimings {
  windowMs: number;
  deferredEditWaitMs: number;
}

/** Interactions sent to the bot: their 3-second window, callbacks, @original and follow-ups. */
export class InteractionRegistry {
  private readonly byId = new Map<string, Pending>();
  private readonly byToken = new Map<string, Pending>();

  constructor(
    private readonly state: FakeDiscordState,
    private readonly timings: InteractionTimings,
  ) {}

  /** Registers an interaction; `dispatch` sends it to the bot. Resolves when the bot answered (or did not). */
  start(input: InteractionInput, dispatch: (payload: APIInteraction) => void): Promise<InteractionOutcome> {
    const id = this.state.ids.next();
    const token = `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
    return new Promise<InteractionOutcome>((resolve) => {
      const payload = buildInteraction(this.state, input, { id, token, commandId: this.state.ids.next() });
      const p: Pending = {
        input,
        outcome: { interactionId: id, token, rejectedCallbacks: [], expired: false, deferred: false, ephemeral: false, followUps: [] },
        createdAt: Date.now(),
        settled: false,
        resolve,
        timers: [],
      };
      this.byId.set(id, p);
      this.byToken.set(token, p);
      p.timers.push(
        setTimeout(() => {
          if (!p.outcome.callback) {
            p.outcome.expired = true;
            this.settle(p);
          }
        }, this.timings.windowMs),
      );
      try {
        dispatch(payload);
      } catch (err) {
        for (const t of p.timers) clearTimeout(t);
        this.byId.delete(id);
        this.byToken.delete(token);
        throw err;
      }
    });
  }

  /** POST /interactions/{id}/{token}/callback */
  callback(id: string, token: string, body: Record<string, unknown>, files: Files, withResponse: boolean): RouteResult | ErrorResponse {
    const p = this.byId.get(id);
    if (!p || p.outcome.token !== token) return errorResponse(DiscordErrors.unknownInteraction);
    const at = new Date();
    if (p.outcome.callback) {
      p.outcome.rejectedCallbacks.push({ at, status: 400, code: DiscordErrors.alreadyAcknowledged.code });
      return errorResponse(DiscordErrors.alreadyAcknowledged);
    }
    if (at.getTime() - p.createdAt > this.timings.windowMs) {
      p.outcome.rejectedCallbacks.push({ at, status: 404, code: DiscordErrors.unknownInteraction.code });
      return errorResponse(DiscordErrors.unknownInteraction);
    }
    const type = body['type'] as InteractionResponseType;
    const data = (body['data'] ?? undefined) as Record<string, unknown> | undefined;
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      const invalid = validateMessageBody(data ?? {}, true);
      if (invalid) return invalid;
    }
    p.outcome.callback = { at, type, ...(data ? { data } : {}) };
    const flags = typeof data?.['flags'] === 'number' ? data['flags'] : 0;
    p.outcome.ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
    let message: RecordedMessage | undefined;
    if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const deferred = type === InteractionResponseType.DeferredChannelMessageWithSource;
      message = newMessage(this.state, p.input.channelId, deferred ? { flags } : (data ?? {}), files, {
        interactionId: id,
        webhookId: this.state.applicationId,
        ...(p.input.guildId ? { guildId: p.input.guildId } : {}),
        ...(deferred ? { flags: MessageFlags.Loading } : {}),
      });
      this.state.storeMessage(message);
      p.outcome.original = message;
      p.outcome.deferred = deferred;
    }
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      p.outcome.choices = Array.isArray(data?.['choices']) ? (data['choices'] as unknown[]) : [];
    }
    if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      p.timers.push(setTimeout(() => this.settle(p), this.timings.deferredEditWaitMs));
    } else {
      this.settle(p);
    }
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id,
          type: p.input.type === 'autocomplete' ? 4 : 2,
          ...(message ? { response_message_id: message.id, response_message_loading: p.outcome.deferred } : {}),
          response_message_ephemeral: p.outcome.ephemeral,
        },
        resource: { type, ...(message ? { message: apiMessage(message, this.state) } : {}) },
      },
    };
  }

  private pendingForWebhook(appId: string, token: string): Pending | ErrorResponse {
    const p = appId === this.state.applicationId ? this.byToken.get(token) : undefined;
    return p ?? errorResponse(DiscordErrors.unknownWebhook);
  }

  private webhookMessage(p: Pending, messageId: string): RecordedMessage | ErrorResponse {
    const m = messageId === '@original' ? p.outcome.original : p.outcome.followUps.find((f) => f.id === messageId);
    return m && !m.deleted ? m : errorResponse(DiscordErrors.unknownMessage);
  }

  /** GET /webhooks/{appId}/{token}/messages/{@original|id} */
  getMessage(appId: string, token: string, messageId: string): RouteResult | ErrorResponse {
    const p = this.pendingForWebhook(appId, token);
    if ('body' in p) return p;
    const m = this.webhookMessage(p, messageId);
    return 'body' in m ? m : { status: 200, body: apiMessage(m, this.state) };
  }

  /** PATCH /webhooks/{appId}/{token}/messages/{@original|id}: edits; the first @original edit ends a deferral. */
  editMessage(appId: string, token: string, messageId: string, body: Record<string, unknown>, files: Files): RouteResult | ErrorResponse {
    const p = this.pendingForWebhook(appId, token);
    if ('body' in p) return p;
    const m = this.webhookMessage(p, messageId);
    if ('body' in m) return m;
    const invalid = validateMessageBody(body, false);
    if (invalid) return invalid;
    applyEdit(this.state, m, body, files, MessageFlags.Loading);
    if (messageId === '@original') this.settle(p);
    return { status: 200, body: apiMessage(m, this.state) };
  }

  /** DELETE /webhooks/{appId}/{token}/messages/{@original|id} */
  deleteMessage(appId: string, token: string, messageId: string): RouteResult | ErrorResponse {
    const p = this.pendingForWebhook(appId, token);
    if ('body' in p) return p;
    const m = this.webhookMessage(p, messageId);
    if ('body' in m) return m;
    m.deleted = true;
    return { status: 204 };
  }

  /** POST /webhooks/{appId}/{token}: a follow-up message. */
  followUp(appId: string, token: string, body: Record<string, unknown>, files: Files, wait: boolean): RouteResult | ErrorResponse {
    const p = this.pendingForWebhook(appId, token);
    if ('body' in p) return p;
    if (!p.outcome.callback) return errorResponse(DiscordErrors.unknownWebhook);
    const invalid = validateMessageBody(body, files.length === 0);
    if (invalid) return invalid;
    const m = newMessage(this.state, p.input.channelId, body, files, {
      interactionId: p.outcome.interactionId,
      webhookId: this.state.applicationId,
      ...(p.input.guildId ? { guildId: p.input.guildId } : {}),
    });
    this.state.storeMessage(m);
    p.outcome.followUps.push(m);
    this.settle(p);
    return wait ? { status: 200, body: apiMessage(m, this.state) } : { status: 204 };
  }

  private settle(p: Pending): void {
    if (p.settled) return;
    p.settled = true;
    for (const t of p.timers) clearTimeout(t);
    p.resolve(p.outcome);
  }

  /** Resolves every waiting sendInteraction and stops the timers. */
  close(): void {
    for (const p of this.byId.values()) {
      for (const t of p.timers) clearTimeout(t);
      if (!p.outcome.callback) p.outcome.expired = true;
      this.settle(p);
    }
  }
}

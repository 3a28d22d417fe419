/** Discord's JSON error codes the fake produces, with Discord's own messages. */
export const DiscordErrors = {
  unauthorized: { status: 401, code: 0, message: '401: Unauthorized' },
  unknownRoute: { status: 404, code: 0, message: '404: Not Found' },
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
  unknownGuild: { status: 404, code: 10004, message: 'Unknown Guild' },
  unknownMessage: { status: 404, code: 10008, message: 'Unknown Message' },
  unknownUser: { status: 404, code: 10013, message: 'Unknown User' },
  unknownWebhook: { status: 404, code: 10015, message: 'Unknown Webhook' },
  unknownInteraction: { status: 404, code: 10062, message: 'Unknown interaction' },
  missingAccess: { status: 403, code: 50001, message: 'Missing Access' },
  cannotEditOthers: { status: 403, code: 50005, message: 'Cannot edit a message authored by another user' },
  emptyMessage: { status: 400, code: 50006, message: 'Cannot send an empty message' },
  nonTextChannel: { status: 400, code: 50008, message: 'Cannot send messages in a non-text channel' },
  alreadyAcknowledged: { status: 400, code: 40060, message: 'Interaction has already been acknowledged.' },
} as const;

export type DiscordErrorSpec = { status: number; code: number; message: string };

export interface ErrorResponse {
  status: number;
  body: { code: number; message: string; errors?: unknown };
}

export function errorResponse(spec: DiscordErrorSpec): ErrorResponse {
  return { status: spec.status, body: { code: spec.code, message: spec.message } };
}

/** 400 Invalid Form Body (50035) with Discord's nested `errors` shape, e.g. path `content` or `embeds.0.title`. */
export function invalidFormBody(problems: { path: string; code: string; message: string }[]): ErrorResponse {
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path.split('.')) {
      const child = (node[key] ??= {}) as Record<string, unknown>;
      node = child;
    }
    const list = (node['_errors'] ??= []) as { code: string; message: string }[];
    list.push({ code: p.code, message: p.message });
  }
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

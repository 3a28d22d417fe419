import { asRecord } from './http-util.js';
import type { RestContext } from './rest-context.js';
import { route, type Route, type RouteRequest } from './router.js';

const p = (req: RouteRequest, i: number): string => req.params[i] ?? '';

/** Interaction callback and interaction-webhook routes; Discord serves them without a bot token. */
export function interactionRoutes(ctx: RestContext): Route[] {
  const reg = ctx.interactions;
  return [
    route(
      'POST',
      '/interactions/:id/:token/callback',
      (req) => reg.callback(p(req, 0), p(req, 1), asRecord(req.body), req.files, req.query.get('with_response') === 'true'),
      false,
    ),
    route('GET', '/webhooks/:id/:token/messages/@original', (req) => reg.getMessage(p(req, 0), p(req, 1), '@original'), false),
    route(
      'PATCH',
      '/webhooks/:id/:token/messages/@original',
      (req) => reg.editMessage(p(req, 0), p(req, 1), '@original', asRecord(req.body), req.files),
      false,
    ),
    route('DELETE', '/webhooks/:id/:token/messages/@original', (req) => reg.deleteMessage(p(req, 0), p(req, 1), '@original'), false),
    route('GET', '/webhooks/:id/:token/messages/:id', (req) => reg.getMessage(p(req, 0), p(req, 1), p(req, 2)), false),
    route(
      'PATCH',
      '/webhooks/:id/:token/messages/:id',
      (req) => reg.editMessage(p(req, 0), p(req, 1), p(req, 2), asRecord(req.body), req.files),
      false,
    ),
    route('DELETE', '/webhooks/:id/:token/messages/:id', (req) => reg.deleteMessage(p(req, 0), p(req, 1), p(req, 2)), false),
    route(
      'POST',
      '/webhooks/:id/:token',
      (req) => reg.followUp(p(req, 0), p(req, 1), asRecord(req.body), req.files, req.query.get('wait') === 'true'),
      false,
    ),
  ];
}

// Atom feeds of enriched items, newest first: everything (/feed.xml), one tag
// (/tags/<tag>/feed.xml), one group (/groups/<group>/feed.xml). Answers an
// ETag and 304 so feed readers that poll us cost little.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LatestQuery } from '../../core/ports.js';
import { renderAtom } from '../atom.js';
import type { HttpDeps } from '../deps.js';

export const FEED_ENTRIES = 50;
const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function feedRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const labels = new Map(deps.tags.map((t) => [t.id, t.label]));
  const groups = new Map(deps.groups.map((g) => [g.id, g]));
  const siteTitle = deps.title ?? 'standards-watch';

  async function sourceTags(): Promise<Set<string>> {
    return new Set((await deps.sources.list()).flatMap((s) => s.tags));
  }

  async function send(req: FastifyRequest, reply: FastifyReply, opts: { query: Omit<LatestQuery, 'limit'>; title: string; subtitle: string; idPath: string; path: string }) {
    const items = await deps.items.latest({ ...opts.query, limit: FEED_ENTRIES, enrichedOnly: true });
    const xml = renderAtom({
      title: opts.title,
      subtitle: opts.subtitle,
      idPath: opts.idPath,
      selfUrl: joinUrl(deps.publicUrl, opts.path),
      alternateUrl: joinUrl(deps.publicUrl, '/'),
      items,
      tagLabels: labels,
      now: deps.clock.now(),
      generator: { name: 'standards-watch', version: deps.version },
    });
    const etag = `"${createHash('sha1').update(xml).digest('base64url')}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=60');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  }

  app.get('/feed.xml', (req, reply) =>
    send(req, reply, { query: {}, title: siteTitle, subtitle: 'Latest items from the watched standards bodies and press', idPath: 'feed', path: '/feed.xml' }),
  );

  app.get<{ Params: { tag: string } }>('/tags/:tag/feed.xml', async (req, reply) => {
    const tag = req.params.tag.toLowerCase();
    if (!ID.test(tag) || (!labels.has(tag) && !(await sourceTags()).has(tag))) {
      return reply.code(404).type('text/plain; charset=utf-8').send(`No tag "${req.params.tag}". Known tags: ${[...labels.keys()].join(', ')}\n`);
    }
    const label = labels.get(tag) ?? tag;
    return send(req, reply, { query: { tag }, title: `${siteTitle} — ${label}`, subtitle: `Items tagged ${label}`, idPath: `feed/tag/${tag}`, path: `/tags/${tag}/feed.xml` });
  });

  app.get<{ Params: { id: string } }>('/groups/:id/feed.xml', async (req, reply) => {
    const id = req.params.id.toLowerCase();
    const group = ID.test(id) ? groups.get(id) : undefined;
    if (!group) return reply.code(404).type('text/plain; charset=utf-8').send(`No group "${req.params.id}".\n`);
    const name = group.title ?? group.names[0] ?? group.id;
    return send(req, reply, { query: { group: id }, title: `${siteTitle} — ${name}`, subtitle: `Items about ${name}`, idPath: `feed/group/${id}`, path: `/groups/${id}/feed.xml` });
  });
}

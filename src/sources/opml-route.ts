// GET /sources.opml: every source as OPML, for feed readers and backups.
import type { FastifyInstance } from 'fastify';
import type { Source } from '../core/types.js';
import { exportOpml } from './opml-export.js';

export interface OpmlRouteOptions {
  list(): Promise<Source[]>;
  title?: string;
  /** Leave paused sources out (default: they are exported, marked sw:paused). */
  activeOnly?: boolean;
}

export async function sourcesOpmlRoutes(app: FastifyInstance, opts: OpmlRouteOptions): Promise<void> {
  app.get('/sources.opml', async (_request, response) => {
    const sources = await opts.list();
    const body = exportOpml(opts.activeOnly ? sources.filter((s) => !s.paused) : sources, opts.title ? { title: opts.title } : {});
    return response
      .header('content-type', 'text/x-opml; charset=utf-8')
      .header('content-disposition', 'inline; filename="standards-watch-sources.opml"')
      .header('cache-control', 'no-cache')
      .send(body);
  });
}

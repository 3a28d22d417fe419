// The HTTP app: health, readiness, metrics, the queue dashboard, Atom feeds and
// the status page. Built from plain deps; the caller (start.ts) listens.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { HttpDeps } from './deps.js';
import { adminQueueRoutes } from './routes/admin-queues.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { statusPageRoutes } from './routes/status-page.js';

export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Our pino logger, quieted: one line per request at debug, errors at error.
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true,
    return503OnClosing: true,
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'http request');
  });
  app.setErrorHandler(async (err, req, reply) => {
    const status = typeof (err as { statusCode?: number }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) req.log.error({ err, url: req.url }, 'http route failed');
    reply.code(status).type('text/plain; charset=utf-8');
    return status >= 500 ? 'Something went wrong here; the log says what.\n' : `${(err as Error).message}\n`;
  });

  healthRoutes(app, deps);
  metricsRoutes(app, deps);
  feedRoutes(app, deps);
  statusPageRoutes(app, deps);
  await adminQueueRoutes(app, deps);
  for (const route of deps.routes ?? []) await route(app);
  return app;
}

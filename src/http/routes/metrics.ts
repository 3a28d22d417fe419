// /metrics: this process's Prometheus registry, in the text exposition format.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';

export function metricsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/metrics', async (_req, reply) => {
    const body = await deps.metrics.registry.metrics();
    reply.header('content-type', deps.metrics.registry.contentType);
    reply.header('cache-control', 'no-store');
    return body;
  });
}

// /admin/queues: the Bull Board dashboard over every queue, behind ADMIN_TOKEN
// (Bearer, or the password of HTTP Basic so that a browser can open it). With
// no token configured the route is not registered at all. The only BullMQ-aware
// file under src/http.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { isAdmin } from '../admin-auth.js';
import type { AdminDeps, HttpDeps } from '../deps.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';

export async function adminQueueRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const admin: AdminDeps | undefined = deps.admin;
  if (!admin?.token) {
    deps.log.info(`ADMIN_TOKEN is not set: the queue dashboard (${ADMIN_QUEUES_PATH}) is off`);
    return;
  }
  const token = admin.token;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: admin.queues.map((q) => new BullMQAdapter(q as Queue)),
    // @bull-board/fastify brings its own copy of @bull-board/api (9.10.1 vs our 9.10.2): same shape, other type identity.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: deps.title ?? 'standards-watch' } },
  });

  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        if (isAdmin(req.headers.authorization, token)) return;
        deps.log.warn({ ip: req.ip, url: req.url }, 'admin route refused: no or wrong token');
        await reply
          .code(401)
          .header('www-authenticate', 'Basic realm="standards-watch admin", charset="UTF-8"')
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send('The queue dashboard needs the admin token: as Authorization: Bearer <token>, or as the password of HTTP Basic auth.\n');
        return reply;
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
    },
  );
  deps.log.info({ path: ADMIN_QUEUES_PATH, queues: admin.queues.length }, 'queue dashboard on');
}

// /healthz: the process is up and answering. /readyz: every readiness check
// passes (Redis answers, workers are running, each configured chat platform is
// connected); 503 with a JSON body that names what is not ready otherwise.
import type { FastifyInstance } from 'fastify';
import type { CheckResult, HttpDeps, ReadinessCheck } from '../deps.js';

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
  notReady: string[];
}

export async function checkReadiness(checks: HttpDeps['readiness'], timeoutMs: number): Promise<Readiness> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => runCheck(checks[name]!, timeoutMs)));
  const byName = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  const notReady = names.filter((name) => !byName[name]!.ok);
  return { ready: notReady.length === 0, checks: byName, notReady };
}

export function healthRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const started = deps.clock.now();
  app.get('/healthz', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', version: deps.version, uptimeSeconds: Math.round((deps.clock.now().getTime() - started.getTime()) / 1000) };
  });

  // Probes ask often: log when the set of unready parts changes, not on every probe.
  let lastNotReady = '';
  app.get('/readyz', async (_req, reply) => {
    const result = await checkReadiness(deps.readiness, deps.checkTimeoutMs ?? 2000);
    const key = result.notReady.join(',');
    if (key !== lastNotReady) {
      if (result.ready) deps.log.info('ready');
      else deps.log.warn({ notReady: result.notReady, checks: result.checks }, 'not ready');
      lastNotReady = key;
    }
    reply.header('cache-control', 'no-store');
    reply.code(result.ready ? 200 : 503);
    return { status: result.ready ? 'ready' : 'not ready', ...result };
  });
}

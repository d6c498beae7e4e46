/** Health routes, under `/` and under `/api` as the legacy tool mounts them (SPEC §14). */
import type { FastifyInstance } from 'fastify';
import { resolveSettings } from '../../config/settings.ts';
import { resolveModelSource } from '../../signals/embeddings/index.ts';
import { engineVersion } from '../../util/version.ts';
import type { ServerContext } from '../context.ts';

type Check = { status: 'ready' } | { status: 'not_ready'; error: string };

/** A missing model never makes the server unready: the embedding signal is then reported unavailable per run. */
function embeddingModelCheck(): Check {
  const source = resolveModelSource(resolveSettings({}));
  if (source.kind === 'local' || source.kind === 'remote') return { status: 'ready' };
  return { status: 'not_ready', error: source.reason };
}

export function healthRoutes(app: FastifyInstance, context: ServerContext): void {
  for (const prefix of ['', '/api']) {
    app.get(`${prefix}/health`, async () => ({ status: 'healthy', timestamp: new Date().toISOString(), version: engineVersion(), environment: context.options.environment }));
    app.get(`${prefix}/health/live`, async () => ({ status: 'alive' }));
    app.get(`${prefix}/health/ready`, async (_request, reply) => {
      const dataDir = await context.store.check();
      const checks = { dataDir, embeddingModel: embeddingModelCheck(), queue: { status: 'ready', active_jobs: context.runner.active() } };
      const ready = dataDir.status === 'ready';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    });
  }
}

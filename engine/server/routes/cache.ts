/** The legacy cache routes, over the embedding-vector cache (SPEC §14). */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { MESSAGES } from '../dutch.ts';
import { HttpError } from '../http-error.ts';

export function cacheRoutes(app: FastifyInstance, { cache }: ServerContext): void {
  app.get('/api/cache/stats', () => cache.stats());
  app.post('/api/cache/clear', async () => {
    const cleared = await cache.clearAll();
    return { status: 'ok', message: `Cache geleegd: ${cleared} vectoren verwijderd`, cleared_count: cleared };
  });
  app.delete<{ Params: { key: string } }>('/api/cache/:key', async (request) => {
    const cleared = await cache.clearKey(request.params.key);
    if (cleared === null) throw new HttpError(404, MESSAGES.cacheKeyNotFound);
    return { status: 'ok', message: `Cache ${request.params.key} geleegd: ${cleared} vectoren verwijderd`, cleared_count: cleared };
  });
}

/**
 * `clause-cascade serve` as an object: a Fastify app wired to a JobStore, a JobRunner, metrics and the cache admin.
 * The command (cli/commands/serve.ts), the tests and the benchmarks all start the server through `startServer`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { resolveSettings } from '../config/settings.ts';
import { vectorCacheDirOf } from '../signals/embeddings/index.ts';
import { VectorCacheAdmin } from './cache.ts';
import type { ServerContext } from './context.ts';
import { MESSAGES } from './dutch.ts';
import { HttpError } from './http-error.ts';
import { FileJobStore } from './jobs/file-store.ts';
import { ProcessJobRunner } from './jobs/process-runner.ts';
import type { EndedStatus, JobOutcome, JobRunner, JobStore } from './jobs/types.ts';
import { ServerMetrics } from './metrics.ts';
import { openApiDocument } from './openapi.ts';
import { openQueueBackend } from './queue/index.ts';
import { validateServerOptions, type ServerOptions } from './options.ts';
import { cacheRoutes } from './routes/cache.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { previewRoutes } from './routes/preview.ts';
import { webRoutes } from './routes/web.ts';
import { MULTIPART_LIMITS } from './uploads.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** http://host:port of the bound socket. */
  url: string;
  store: JobStore;
  runner: JobRunner;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SWEEP_MS = 60_000;

/** Security headers of SPEC §14 on every response; X-XSS-Protection 0 is today's advice, the header is what monitoring checks. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-XSS-Protection': '0',
} as const;

/** Multipart and parser errors carry English messages; the legacy front end shows `detail`, so they are retold. */
function dutchFrameworkError(error: FastifyError): HttpError {
  switch (error.code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new HttpError(413, MESSAGES.tooManyFields);
    case 'FST_REQ_FILE_TOO_LARGE':
      return new HttpError(413, 'Bestand te groot. Maximum: 50 MB');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, MESSAGES.notMultipart);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'Verzoek te groot');
    case 'FST_PROTO_VIOLATION':
      return new HttpError(400, 'Ongeldige veldnaam in het verzoek');
    case 'FST_MP_PREMATURE_CLOSE':
      return new HttpError(400, 'Het verzoek werd afgebroken voordat alle gegevens waren ontvangen');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new HttpError(status, 'Ongeldig verzoek');
  return new HttpError(500, MESSAGES.internal);
}

/** After a restart: a job that was running died with the old process; pending jobs never started and are queued again. */
async function recoverJobs(store: JobStore, runner: JobRunner): Promise<void> {
  const jobs = (await store.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const job of jobs) {
    if (job.status === 'running') {
      await store.update(job.id, { status: 'failed', progress: 0, statusMessage: MESSAGES.failed, error: MESSAGES.interrupted, endedAt: new Date().toISOString() });
    } else if (job.status === 'pending') runner.submit(job.id);
  }
}

/** Removes jobs whose retention ended (SPEC §14: kept for jobRetentionMinutes after they ended). */
async function sweepExpired(store: JobStore, retentionMinutes: number): Promise<void> {
  const cutoff = Date.now() - retentionMinutes * 60_000;
  for (const job of await store.list()) {
    if (job.endedAt !== null && Date.parse(job.endedAt) < cutoff) await store.remove(job.id);
  }
}

export async function startServer(given: ServerOptions): Promise<RunningServer> {
  const options = validateServerOptions({ ...given, dataDir: path.resolve(given.dataDir) });
  const queue = options.queue ? await openQueueBackend(options.queue, options.jobRetentionMinutes) : null;
  const store = queue?.store ?? (await FileJobStore.open(options.dataDir));
  const app = Fastify({
    logger: { level: process.env.CLAUSE_CASCADE_LOG_LEVEL ?? 'warn' },
    genReqId: (raw) => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
  });
  const metrics = new ServerMetrics(store);
  const events = { onEnded: (_id: string, status: EndedStatus, seconds: number, outcome: JobOutcome | null) => metrics.jobEnded(status, seconds, outcome) };
  const log = (level: 'info' | 'warn' | 'error', message: string) => app.log[level](message);
  let runner: JobRunner;
  if (queue) runner = await queue.startRunner({ events, log });
  else {
    const local = new ProcessJobRunner(store, { maxConcurrent: options.maxConcurrentJobs, workDir: path.join(options.dataDir, 'work'), events, log });
    await local.start().catch((error: Error) => app.log.error(`Scratch folder unavailable: ${error.message}`));
    runner = local;
  }
  const context: ServerContext = {
    options,
    store,
    runner,
    metrics,
    cache: new VectorCacheAdmin(vectorCacheDirOf(resolveSettings({}))),
    scratchDir: path.join(options.dataDir, 'work', 'preview'),
  };

  app.addHook('onSend', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('X-Request-ID', request.id);
    reply.header('X-Response-Time', `${reply.elapsedTime.toFixed(1)}ms`);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const http = error instanceof HttpError ? error : dutchFrameworkError(error);
    if (http.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(http.statusCode).send({ detail: http.detail });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ detail: MESSAGES.notFound }));

  await app.register(cors, { origin: options.corsOrigins.length > 0 ? options.corsOrigins : false });
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  healthRoutes(app, context);
  previewRoutes(app, context);
  jobRoutes(app, context);
  cacheRoutes(app, context);
  app.get('/api/openapi.json', async () => openApiDocument());
  app.get('/metrics', async (_request, reply) => reply.header('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics()));
  webRoutes(app);

  // With a queue, jobs run on workers that outlive this server; the runner reconciled them on start.
  if (!queue) await recoverJobs(store, runner);
  await sweepExpired(store, options.jobRetentionMinutes);
  const sweeper = setInterval(() => void sweepExpired(store, options.jobRetentionMinutes).catch((error: Error) => app.log.warn(error.message)), SWEEP_MS);
  sweeper.unref();

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    app,
    url: `http://${host}:${port}`,
    store,
    runner,
    async close() {
      clearInterval(sweeper);
      await runner.close();
      await app.close();
      await queue?.close();
    },
  };
}

/** `--queue`: the Redis-backed store and runner the API server uses instead of the data folder and its own processes. */
import type { Redis } from 'ioredis';
import { UsageError } from '../../util/errors.ts';
import { pingWithin, redisConnection } from './connection.ts';
import { QueueJobRunner, type QueueRunnerOptions } from './queue-runner.ts';
import { RedisJobStore } from './redis-store.ts';

export { QueueWorker, type QueueWorkerOptions } from './worker.ts';

const CONNECT_TIMEOUT_MS = 5000;

/** A connection that answered; a wrong URL or a stopped Redis is a clear usage error, not a hang. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = redisConnection(url);
  redis.on('error', () => undefined); // reconnects on its own; callers see failures through their commands
  try {
    await pingWithin(redis, CONNECT_TIMEOUT_MS);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new UsageError(`Cannot reach Redis at --queue ${url} (${(error as Error).message}); start redis-server or correct the URL.`);
  }
}

export interface QueueBackend {
  store: RedisJobStore;
  /** The runner, reconciled with the queue (jobs that went on while this server was away). */
  startRunner(options: Omit<QueueRunnerOptions, 'retentionMinutes'>): Promise<QueueJobRunner>;
  close(): Promise<void>;
}

export async function openQueueBackend(url: string, retentionMinutes: number): Promise<QueueBackend> {
  const redis = await connectRedis(url);
  const store = new RedisJobStore(redis, retentionMinutes);
  return {
    store,
    async startRunner(options) {
      const runner = new QueueJobRunner(redis, store, { ...options, retentionMinutes });
      await runner.start();
      return runner;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

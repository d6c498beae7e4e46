/**
 * The Redis connection behind `--queue redis://host:port[/db]`: one URL names the engine, the same for the API
 * server and every worker. BullMQ wants its blocking connections to retry forever (maxRetriesPerRequest null).
 */
import { Redis } from 'ioredis';
import { UsageError } from '../../util/errors.ts';

/** BullMQ's queue of analysis jobs; its keys and the job store's share the `cc` prefix. */
export const QUEUE_NAME = 'analyses';
export const KEY_PREFIX = 'cc';

export function parseQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`Invalid --queue ${JSON.stringify(url)}: give a Redis URL such as redis://127.0.0.1:6379/0.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new UsageError(`Invalid --queue ${JSON.stringify(url)}: the scheme must be redis:// or rediss://.`);
  if (parsed.pathname.length > 1 && !/^\/\d{1,2}$/.test(parsed.pathname)) throw new UsageError(`Invalid --queue ${JSON.stringify(url)}: the path must be a database number such as /0.`);
  return url;
}

export function redisConnection(url: string): Redis {
  return new Redis(parseQueueUrl(url), { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/**
 * A PING that answers within `ms` or rejects: commands wait for a lost connection to come back (BullMQ needs that),
 * but connecting and readiness must answer now.
 */
export async function pingWithin(redis: Redis, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

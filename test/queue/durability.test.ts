/**
 * What survives with `--queue`: Redis restarted (append-only file on) keeps completed and queued jobs, and an API
 * server restarted while a job runs on a worker finds it still running and then completed, visible through the API.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { FIXTURES, form, getJson, post, SAMPLE, testServer, waitForJob } from '../server/helpers.ts';
import { startRedis, type TestRedis } from './redis.ts';
import { waitFor, Workers } from './workers.ts';

const CSV = { policy_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv') } };
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function submit(server: RunningServer, files: Parameters<typeof form>[0]): Promise<string> {
  const { status, json } = await post(`${server.url}/api/analyze`, await form(files, { analysis_mode: 'fast' }));
  expect(status).toBe(200);
  return json.job_id as string;
}

describe('durability with --queue', () => {
  it('keeps completed and queued jobs across a Redis restart (AOF), then runs the queued one', async () => {
    let redis: TestRedis = await startRedis({ aof: true });
    cleanup.push(() => redis.stop());
    const server = await testServer({ queue: redis.url });
    cleanup.push(() => server.close());
    const workers = new Workers(redis.url);
    cleanup.push(() => workers.stopAll());

    const worker = await workers.start();
    const done = await submit(server, CSV);
    expect((await waitForJob(server.url, done)).status).toBe('completed');
    const report = Buffer.from(await (await fetch(`${server.url}/api/report/${done}`)).arrayBuffer());
    await workers.kill(worker, 'SIGTERM');
    const queued = await submit(server, CSV);
    expect((await getJson(`${server.url}/api/status/${queued}`)).json.status).toBe('pending');

    await redis.stop();
    redis = await startRedis({ aof: true, dir: redis.dir, port: redis.port });
    // The server reconnects on its own; the completed job and its report are still there.
    const kept = await waitFor('the server to reconnect', async () => {
      const { status, json } = await getJson(`${server.url}/api/status/${done}`);
      return status === 200 ? json : null;
    });
    expect(kept.status).toBe('completed');
    expect(Buffer.from(await (await fetch(`${server.url}/api/report/${done}`)).arrayBuffer()).equals(report)).toBe(true);
    expect((await getJson(`${server.url}/api/status/${queued}`)).json.status).toBe('pending');

    await workers.start();
    expect((await waitForJob(server.url, queued)).status).toBe('completed');
    expect(workers.completionsOf(queued)).toHaveLength(1);
  }, 90_000);

  it('keeps a running job going while the API server restarts, and shows it completed after', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const workers = new Workers(redis.url);
    cleanup.push(() => workers.stopAll());
    await workers.start();
    const first = await testServer({ queue: redis.url });
    const id = await submit(first, { policy_file: { path: SAMPLE } });
    await workers.holderOf(first.url, id, 1);
    await first.close();

    const second = await testServer({ queue: redis.url });
    cleanup.push(() => second.close());
    expect((await getJson(`${second.url}/api/status/${id}`)).json.status).toMatch(/^(running|completed)$/);
    const status = await waitForJob(second.url, id, 250, 60_000);
    expect(status).toMatchObject({ status: 'completed', progress: 100 });
    expect(status.stats.total_rows).toBe(2000);
    expect(workers.completionsOf(id)).toHaveLength(1);
  }, 90_000);
});

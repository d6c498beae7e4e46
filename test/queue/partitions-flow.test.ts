/**
 * `partitions` under `--queue`: the blocks of a partitioned upload run as a BullMQ flow (a merge parent with one child
 * per block) on two `clause-cascade worker --threads 2` processes against a real redis-server, and the job's results
 * equal the same partitioned run on local worker threads; the report's run facts say it was partitioned and on how
 * many threads; GET /api/status moves while the blocks are clustered; a cancel leaves nothing of the flow to run.
 */
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../engine/config/settings.ts';
import { runAnalysis } from '../../engine/pipeline/analyze.ts';
import type { RunningServer } from '../../engine/server/app.ts';
import { KEY_PREFIX } from '../../engine/server/queue/connection.ts';
import { PARTITION_QUEUE } from '../../engine/server/queue/partition-flow.ts';
import { form, getJson, post, SAMPLE, waitForJob } from '../server/helpers.ts';
import { startQueueDeployment, waitFor, type QueueDeployment, type Workers } from './workers.ts';

let deployment: QueueDeployment;
let server: RunningServer;
let workers: Workers;

beforeAll(async () => {
  deployment = await startQueueDeployment(2, ['--threads', '2']);
  ({ server, workers } = deployment);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('partitions on the queue', () => {
  it('clusters the blocks as child jobs on the workers, merges in the parent, and gives the local partitioned result', async () => {
    const { status, json } = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast', partitions: '4' }));
    expect(status).toBe(200);
    const id = json.job_id as string;
    const messages: string[] = [];
    const ended = await waitForJob(server.url, id, 20, 120_000, (status) => messages.push(status.status_message)).catch((error: Error) => {
      throw new Error(`${error.message}; worker logs:\n${workers.all.map((w) => w.log).join('\n')}`);
    });
    expect(ended).toMatchObject({ status: 'completed', progress: 100 });
    // The cluster stage reports the blocks done (each quarter of 90%), not 0% until the merge.
    const clustering = messages.filter((m) => /^Slim clusteren\.\.\. \((2[2-9]|[3-8]\d|90)%\)$/.test(m));
    expect(clustering.length, messages.join(' | ')).toBeGreaterThan(0);

    // The worker logs the completion just after storing it, so the log line may trail the status.
    await waitFor(`the completion log of ${id}`, () => (workers.completionsOf(id).length > 0 ? true : null), 10_000);
    const logs = workers.all.map((w) => w.log).join('\n');
    const blocks = new Set([...logs.matchAll(new RegExp(`Partition job (${id}-[0-9a-f]+-block-\\d+) completed`, 'g'))].map((m) => m[1]));
    expect(blocks.size).toBe(4);
    // Both workers were idle when the flow was added, so both take blocks.
    expect(workers.all.filter((w) => new RegExp(`Partition job ${id}-[0-9a-f]+-block-\\d+ completed`).test(w.log))).toHaveLength(2);
    expect(logs).toMatch(new RegExp(`Partition job ${id}-[0-9a-f]+-merge completed`));
    expect(workers.completionsOf(id)).toHaveLength(1);

    const local = await runAnalysis({ policyFile: SAMPLE, settings: resolveSettings({ mode: 'fast', partitions: 4 }) });
    const results = (await getJson(`${server.url}/api/results/${id}`)).json.results as Array<{ cluster_id: string }>;
    expect(results.map((r) => r.cluster_id)).toEqual(local.rows.map((r) => r.clusterId));
    expect(ended.stats.unique_clusters).toBe(local.clusters.length);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await fetch(`${server.url}/api/report/${id}`)).arrayBuffer()) as never);
    const facts = new Map<string, unknown>();
    workbook.getWorksheet('Statistieken')!.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('Partities (partitions)')).toBe(4);
    expect(facts.get('Aantal threads (threads)')).toBe(2);
    expect(String(facts.get('Partitionering'))).toMatch(/^Gepartitioneerd: de rijen zijn verdeeld over 4 blokken .*niet gegarandeerd gelijk/);
    expect(facts.get('Teller pairsCompared.cluster.stage1')).toBe(local.counters.pairsCompared['cluster.stage1']);
  }, 180_000);

  it('on cancel removes the blocks still waiting, stops the running ones and never merges', async () => {
    const { json } = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast', partitions: '24' }));
    const id = json.job_id as string;
    const blocks = (state: 'started' | 'completed') => workers.all.flatMap((w) => [...w.log.matchAll(new RegExp(`Partition job ${id}-[0-9a-f]+-block-\\d+ ${state}`, 'g'))]).length;
    const redis = new Redis(deployment.redis.url, { maxRetriesPerRequest: null });
    const partitions = new Queue(PARTITION_QUEUE, { connection: redis, prefix: KEY_PREFIX });
    try {
      const open = async () => (await partitions.getJobs(['wait', 'waiting-children', 'prioritized', 'delayed', 'active'])).filter((j) => j.id!.startsWith(`${id}-`));
      await waitFor(`a first block of ${id}`, () => (blocks('completed') > 0 ? true : null), 120_000);
      // Enough blocks left that running them after the cancel would show (2 workers × 2 threads take 4 at once).
      const openAtCancel = (await open()).length;
      expect(openAtCancel).toBeGreaterThanOrEqual(6);
      const startedBefore = blocks('started');
      expect((await fetch(`${server.url}/api/jobs/${id}`, { method: 'DELETE' })).status).toBe(204);

      await waitFor(`the flow of ${id} to leave the queue`, async () => ((await open()).length === 0 ? true : null), 15_000);
      const done = blocks('completed');
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await open()).toEqual([]);
      expect(blocks('completed')).toBe(done);
      // Only blocks taken in the moment before the workers saw the cancel start; without the removal every open one would.
      expect(blocks('started') - startedBefore).toBeLessThan(openAtCancel);
      const logs = workers.all.map((w) => w.log).join('\n');
      expect(logs).not.toMatch(new RegExp(`Partition job ${id}-[0-9a-f]+-merge completed`));
      expect(workers.completionsOf(id)).toHaveLength(0);
      expect((await getJson(`${server.url}/api/status/${id}`)).status).toBe(404);
      expect(workers.alive()).toHaveLength(2);
    } finally {
      await partitions.close();
      redis.disconnect();
    }
  }, 180_000);
});

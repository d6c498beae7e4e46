/**
 * `serve --queue` with separate `clause-cascade worker` processes on a real redis-server: the same results as the
 * in-process server, a worker killed mid-job has its job finished by another worker exactly once, and a job whose
 * workers keep dying fails after bounded attempts with a Dutch message.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { FIXTURES, form, getJson, post, SAMPLE, testServer, waitForJob } from '../server/helpers.ts';
import { startQueueDeployment, waitFor, type QueueDeployment, type Workers } from './workers.ts';

let deployment: QueueDeployment;
let server: RunningServer;
let workers: Workers;

async function reportRows(bytes: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const rows: string[][] = [];
  workbook.getWorksheet('Analyseresultaten')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  return rows;
}

beforeAll(async () => {
  deployment = await startQueueDeployment();
  ({ server, workers } = deployment);
});

afterAll(() => deployment?.stop());

describe('serve --queue with worker processes', () => {
  it('completes an upload on a worker with the same results and report as the in-process server', async () => {
    const input = { policy_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv') } };
    const local = await testServer();
    try {
      const [queued, inProcess] = await Promise.all([server, local].map(async (s) => {
        const { json } = await post(`${s.url}/api/analyze`, await form(input, { analysis_mode: 'fast' }));
        const status = await waitForJob(s.url, json.job_id);
        const results = (await getJson(`${s.url}/api/results/${json.job_id}`)).json;
        const report = await (await fetch(`${s.url}/api/report/${json.job_id}`)).arrayBuffer();
        return { id: json.job_id as string, status, results, rows: await reportRows(report) };
      }));
      expect(queued!.status.status).toBe('completed');
      expect({ ...queued!.status, job_id: '' }).toEqual({ ...inProcess!.status, job_id: '' });
      expect({ ...queued!.results, job_id: '' }).toEqual({ ...inProcess!.results, job_id: '' });
      expect(queued!.rows.length).toBeGreaterThan(1);
      expect(queued!.rows).toEqual(inProcess!.rows);
      expect(workers.completionsOf(queued!.id)).toHaveLength(1);
    } finally {
      await local.close();
    }
  }, 60_000);

  it('hands the job of a worker killed mid-job to another worker, which completes it once', async () => {
    const { json } = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast' }));
    const first = await workers.holderOf(server.url, json.job_id, 1);
    await workers.kill(first);
    const status = await waitForJob(server.url, json.job_id, 250, 60_000);
    expect(status).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(status.stats.total_rows).toBe(2000);
    expect((await getJson(`${server.url}/api/results/${json.job_id}`)).json.results).toHaveLength(2000);
    const completions = workers.completionsOf(json.job_id);
    expect(completions).toHaveLength(1);
    expect(completions[0]).not.toBe(first);
  }, 90_000);

  it('fails a job whose workers keep dying after bounded attempts, with a Dutch message', async () => {
    await Promise.all([workers.start(), workers.start()]);
    const { json } = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast' }));
    await workers.kill(await workers.holderOf(server.url, json.job_id, 1));
    // BullMQ counts a stall as no attempt: the second holder starts the job again as attempt 1.
    const second = await waitFor('a second holder', () => workers.alive().find((w) => w.log.includes(`Job ${json.job_id} started`)) ?? null);
    await workers.holderOf(server.url, json.job_id, 1);
    await workers.kill(second);
    const status = await waitForJob(server.url, json.job_id, 250, 60_000);
    expect(status).toMatchObject({ status: 'failed', progress: 0, status_message: 'Analyse mislukt', error: expect.stringMatching(/^De analyse is afgebroken: de worker/), stats: null });
    expect(workers.completionsOf(json.job_id)).toEqual([]);
  }, 90_000);
});

/**
 * `serve --queue` with separate `clause-cascade worker` processes on a real redis-server: the same results as the
 * in-process server, a worker killed mid-job has its job finished by another worker exactly once, and a job whose
 * workers keep dying fails after bounded attempts with a Dutch message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { FIXTURES, form, getJson, post, ROOT, SAMPLE, testServer, waitForJob } from '../server/helpers.ts';
import { startRedis, type TestRedis } from './redis.ts';

interface WorkerProcess {
  child: ChildProcess;
  log: string;
}

let redis: TestRedis;
let server: RunningServer;
const workers: WorkerProcess[] = [];

/** A worker with a 2-second lock, so a killed one's job is taken over within seconds. */
async function startWorker(url: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'clause-cascade.js'), 'worker', '--queue', url, '--lock-seconds', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const worker: WorkerProcess = { child, log: '' };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    worker.log += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('Clause Cascade worker on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${worker.log}`)));
  });
  workers.push(worker);
  return worker;
}

const alive = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);

async function waitFor<T>(what: string, probe: () => T | null | Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The live worker whose log says it started this job, waited for until the job runs with some progress. */
async function holderOf(id: string, attempt: number): Promise<WorkerProcess> {
  const holder = await waitFor(`a worker to start ${id} (attempt ${attempt})`, () => alive().find((w) => w.log.includes(`Job ${id} started (attempt ${attempt})`)) ?? null);
  await waitFor(`progress of ${id}`, async () => {
    const { json } = await getJson(`${server.url}/api/status/${id}`);
    return json.status === 'running' && json.progress >= 5 ? json : null;
  });
  return holder;
}

async function kill(worker: WorkerProcess): Promise<void> {
  const exited = new Promise((resolve) => worker.child.once('exit', resolve));
  worker.child.kill('SIGKILL');
  await exited;
}

async function reportRows(bytes: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const rows: string[][] = [];
  workbook.getWorksheet('Analyseresultaten')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  return rows;
}

beforeAll(async () => {
  redis = await startRedis();
  server = await testServer({ queue: redis.url });
  await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
});

afterAll(async () => {
  for (const worker of alive()) await kill(worker);
  await server?.close();
  await redis?.stop();
});

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
      expect(workers.filter((w) => w.log.includes(`Job ${queued!.id} completed`))).toHaveLength(1);
    } finally {
      await local.close();
    }
  }, 60_000);

  it('hands the job of a worker killed mid-job to another worker, which completes it once', async () => {
    const { json } = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast' }));
    const first = await holderOf(json.job_id, 1);
    await kill(first);
    const status = await waitForJob(server.url, json.job_id, 250, 60_000);
    expect(status).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(status.stats.total_rows).toBe(2000);
    expect((await getJson(`${server.url}/api/results/${json.job_id}`)).json.results).toHaveLength(2000);
    const completions = workers.filter((w) => w.log.includes(`Job ${json.job_id} completed`));
    expect(completions).toHaveLength(1);
    expect(completions[0]).not.toBe(first);
  }, 90_000);

  it('fails a job whose workers keep dying after bounded attempts, with a Dutch message', async () => {
    await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
    const { json } = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast' }));
    await kill(await holderOf(json.job_id, 1));
    // BullMQ counts a stall as no attempt: the second holder starts the job again as attempt 1.
    const second = await waitFor('a second holder', () => alive().find((w) => w.log.includes(`Job ${json.job_id} started`)) ?? null);
    await holderOf(json.job_id, 1);
    await kill(second);
    const status = await waitForJob(server.url, json.job_id, 250, 60_000);
    expect(status).toMatchObject({ status: 'failed', progress: 0, status_message: 'Analyse mislukt', error: expect.stringMatching(/^De analyse is afgebroken: de worker/), stats: null });
    expect(workers.some((w) => w.log.includes(`Job ${json.job_id} completed`))).toBe(false);
  }, 90_000);
});

/**
 * Durability (SPEC §14): `serve` killed with SIGKILL mid-job and started again on the same data folder keeps its
 * completed jobs downloadable, reports the interrupted one failed, never serves a half-written report, drops jobs
 * whose retention ended; an unwritable data folder makes the server unready, not dead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { FIXTURES, form, getJson, post, ROOT, SAMPLE, tempDir, testServer, waitForJob } from './helpers.ts';

/** `clause-cascade serve` as its own process, so it can be killed like a real one. */
async function serveProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'clause-cascade.js'), 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /serving on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  return { child, url };
}

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

describe('restart', () => {
  it('keeps completed jobs, fails the interrupted one and forgets expired ones after kill -9', async () => {
    const dataDir = await tempDir('restart');
    const first = await serveProcess(dataDir);
    const done = await post(`${first.url}/api/analyze`, await form({ policy_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv') } }, { analysis_mode: 'fast' }));
    expect((await waitForJob(first.url, done.json.job_id)).status).toBe('completed');
    const report = Buffer.from(await (await fetch(`${first.url}/api/report/${done.json.job_id}`)).arrayBuffer());
    const expired = await post(`${first.url}/api/analyze`, await form({ policy_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv') } }, { analysis_mode: 'fast' }));
    await waitForJob(first.url, expired.json.job_id);

    const running = await post(`${first.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'balanced' }));
    for (;;) {
      const { json } = await getJson(`${first.url}/api/status/${running.json.job_id}`);
      if (json.status === 'running' && json.progress >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    // The second job ended two hours ago as far as its state says: past the 60-minute retention.
    const expiredFile = path.join(dataDir, 'jobs', expired.json.job_id, 'job.json');
    const state = JSON.parse(await fs.readFile(expiredFile, 'utf8'));
    await fs.writeFile(expiredFile, JSON.stringify({ ...state, endedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }));

    const second = await testServer({ dataDir });
    servers.push(second);
    const kept = await getJson(`${second.url}/api/status/${done.json.job_id}`);
    expect(kept.json.status).toBe('completed');
    expect(Buffer.from(await (await fetch(`${second.url}/api/report/${done.json.job_id}`)).arrayBuffer()).equals(report)).toBe(true);
    expect((await getJson(`${second.url}/api/results/${done.json.job_id}`)).json.results.length).toBe(kept.json.stats.total_rows);

    const interrupted = await getJson(`${second.url}/api/status/${running.json.job_id}`);
    expect(interrupted.json).toEqual({ job_id: running.json.job_id, status: 'failed', progress: 0, status_message: 'Analyse mislukt', error: expect.stringMatching(/^De server is gestopt tijdens deze analyse/), stats: null });
    expect(await getJson(`${second.url}/api/report/${running.json.job_id}`)).toMatchObject({ status: 400, json: { detail: 'Rapport nog niet beschikbaar' } });
    expect(await fs.readdir(path.join(dataDir, 'jobs', running.json.job_id))).not.toContain('report.xlsx');
    expect((await getJson(`${second.url}/api/status/${expired.json.job_id}`)).status).toBe(404);
    // Scratch of the killed job is cleared on start.
    expect(await fs.readdir(path.join(dataDir, 'work'))).toEqual([]);
  }, 90_000);
});

describe('an unwritable data folder', () => {
  it('answers 503 on /health/ready and a Dutch 503 on upload, and recovers', async () => {
    const root = await tempDir('unwritable');
    const dataDir = path.join(root, 'data');
    const server = await testServer({ dataDir });
    servers.push(server);
    expect((await getJson(`${server.url}/health/ready`)).status).toBe(200);
    // Running as root ignores permission bits, so the folder is swapped for a file: nothing can be written in it.
    await fs.rename(dataDir, `${dataDir}.away`);
    await fs.writeFile(dataDir, 'geen map');
    const ready = await getJson(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({ status: 'not_ready', checks: { dataDir: { status: 'not_ready', error: expect.stringContaining('not writable') } } });
    const upload = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }));
    expect(upload).toEqual({ status: 503, json: { detail: 'De gegevensmap van de server is niet beschrijfbaar; probeer het later opnieuw' } });
    expect((await getJson(`${server.url}/api/health/live`)).status).toBe(200);
    await fs.rm(dataDir);
    await fs.rename(`${dataDir}.away`, dataDir);
    expect((await getJson(`${server.url}/api/health/ready`)).json.status).toBe('ready');
  });
});

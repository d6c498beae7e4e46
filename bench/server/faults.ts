/**
 * Faults of `clause-cascade serve`, measured on real processes and a real full file system:
 *  1. kill -9 of the server mid-job, then a restart on the same data folder: completed jobs and their reports are
 *     still there (byte for byte), the interrupted job is reported failed, its analysis process is gone, no report of
 *     it is ever served, new jobs run.
 *  2. a full disk (a small tmpfs, when this machine lets us mount one) and an unwritable data folder: /health/ready
 *     answers 503, uploads a Dutch 503, the server keeps serving and recovers when space returns.
 *
 *   node --import tsx bench/server/faults.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { childPids, ROOT, SAMPLE, startServe, stopServe, tempDir, type ServeProcess } from './serve-process.ts';

const CSV = path.join(ROOT, 'fixtures', 'csv', 'polissen-win1252.csv');

async function submit(url: string, file: string, mode: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('policy_file', new Blob([await fs.readFile(file)]), path.basename(file));
  form.append('analysis_mode', mode);
  const response = await fetch(`${url}/api/analyze`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

async function status(url: string, id: string): Promise<any> {
  return (await fetch(`${url}/api/status/${id}`)).json();
}

async function waitFor(url: string, id: string, done: (s: any) => boolean): Promise<any> {
  for (;;) {
    const s = await status(url, id);
    if (done(s)) return s;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ended = (s: any) => s.status === 'completed' || s.status === 'failed';
const check = (ok: boolean, what: string) => console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(execFileSync('cat', [`/proc/${pid}/status`]).toString());

async function killMidJob(): Promise<void> {
  console.log('— kill -9 mid-job and restart');
  const dataDir = await tempDir('faults');
  const first = await startServe(dataDir);
  const done = await submit(first.url, CSV, 'fast');
  await waitFor(first.url, done.body.job_id, ended);
  const report = Buffer.from(await (await fetch(`${first.url}/api/report/${done.body.job_id}`)).arrayBuffer());
  const running = await submit(first.url, SAMPLE, 'balanced');
  const at = await waitFor(first.url, running.body.job_id, (s) => s.status === 'running' && s.progress >= 25);
  const analysisPids = childPids(first.child.pid!);
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  console.log(`killed the server at ${at.progress}% ("${at.status_message}"), analysis processes ${analysisPids.join(', ') || 'none'}`);
  const t0 = performance.now();
  while (analysisPids.some(alive) && performance.now() - t0 < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
  check(!analysisPids.some(alive), `orphaned analysis process stopped after ${(performance.now() - t0).toFixed(0)} ms`);
  check(!existsSync(path.join(dataDir, 'jobs', running.body.job_id, 'report.xlsx')), 'no report file of the interrupted job');

  const second: ServeProcess = await startServe(dataDir);
  console.log(`restarted: ready after ${second.startMs.toFixed(0)} ms`);
  const kept = await status(second.url, done.body.job_id);
  const again = Buffer.from(await (await fetch(`${second.url}/api/report/${done.body.job_id}`)).arrayBuffer());
  check(kept.status === 'completed' && again.equals(report), `completed job kept, report identical (${again.length} bytes)`);
  const interrupted = await status(second.url, running.body.job_id);
  check(interrupted.status === 'failed' && interrupted.progress === 0, `interrupted job: ${interrupted.status}, "${interrupted.error}"`);
  const noReport = await fetch(`${second.url}/api/report/${running.body.job_id}`);
  check(noReport.status === 400, `its report: ${noReport.status} ${JSON.stringify(await noReport.json())}`);
  const fresh = await submit(second.url, CSV, 'fast');
  check((await waitFor(second.url, fresh.body.job_id, ended)).status === 'completed', 'a new job after the restart completes');
  await stopServe(second);
  await fs.rm(dataDir, { recursive: true, force: true });
}

async function fullDisk(): Promise<void> {
  console.log('— full disk');
  const mount = await tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount], { stdio: 'ignore' });
  } catch {
    console.log('skipped: cannot mount a tmpfs here (needs root)');
    return;
  }
  const server = await startServe(path.join(mount, 'data'));
  try {
    const filler = path.join(mount, 'filler');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
    } catch {
      // dd stops with ENOSPC: the disk is full
    }
    const ready = await fetch(`${server.url}/health/ready`);
    check(ready.status === 503, `/health/ready on a full disk: ${ready.status} ${JSON.stringify(await ready.json())}`);
    const upload = await submit(server.url, SAMPLE, 'fast');
    check(upload.status === 503, `upload on a full disk: ${upload.status} ${JSON.stringify(upload.body)}`);
    check((await fetch(`${server.url}/health/live`)).status === 200, 'still alive');
    await fs.rm(filler);
    check((await fetch(`${server.url}/health/ready`)).status === 200, 'ready again once space is freed');
    const job = await submit(server.url, CSV, 'fast');
    check((await waitFor(server.url, job.body.job_id, ended)).status === 'completed', 'a job completes after the disk was full');
  } finally {
    await stopServe(server);
    execFileSync('umount', [mount]);
    await fs.rm(mount, { recursive: true, force: true });
  }
}

await killMidJob();
await fullDisk();

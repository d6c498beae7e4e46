/** `clause-cascade worker` processes for the queue tests, and waiting on what their logs and the API say. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RunningServer } from '../../engine/server/app.ts';
import { getJson, ROOT, testServer } from '../server/helpers.ts';
import { startRedis, type TestRedis } from './redis.ts';

export interface WorkerProcess {
  child: ChildProcess;
  log: string;
}

export class Workers {
  readonly all: WorkerProcess[] = [];

  /** `args`: more flags for every worker (e.g. `--threads 2`). */
  constructor(
    private readonly queueUrl: string,
    private readonly args: readonly string[] = [],
  ) {}

  /** A worker with a 2-second lock, so a killed one's job is taken over within seconds. */
  async start(): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'clause-cascade.js'), 'worker', '--queue', this.queueUrl, '--lock-seconds', '2', ...this.args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    this.all.push(worker);
    return worker;
  }

  alive(): WorkerProcess[] {
    return this.all.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  }

  completionsOf(id: string): WorkerProcess[] {
    return this.all.filter((w) => w.log.includes(`Job ${id} completed`));
  }

  /** The live worker whose log says it started this job, once the job runs with some progress. */
  async holderOf(apiUrl: string, id: string, attempt: number): Promise<WorkerProcess> {
    const holder = await waitFor(`a worker to start ${id} (attempt ${attempt})`, () => this.alive().find((w) => w.log.includes(`Job ${id} started (attempt ${attempt})`)) ?? null);
    await waitFor(`progress of ${id}`, async () => {
      const { json } = await getJson(`${apiUrl}/api/status/${id}`);
      return json.status === 'running' && json.progress >= 5 ? json : null;
    });
    return holder;
  }

  async kill(worker: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill(signal);
    await exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.alive().map((w) => this.kill(w)));
  }
}

export async function waitFor<T>(what: string, probe: () => T | null | Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A private redis-server, `serve --queue` on it and `count` worker processes; stop() ends all three. */
export interface QueueDeployment {
  redis: TestRedis;
  server: RunningServer;
  workers: Workers;
  stop(): Promise<void>;
}

export async function startQueueDeployment(count = 2, workerArgs: readonly string[] = []): Promise<QueueDeployment> {
  const redis = await startRedis();
  const server = await testServer({ queue: redis.url });
  const workers = new Workers(redis.url, workerArgs);
  await Promise.all(Array.from({ length: count }, () => workers.start()));
  return {
    redis,
    server,
    workers,
    async stop() {
      await workers.stopAll();
      await server.close();
      await redis.stop();
    },
  };
}

/**
 * The in-process JobRunner: a FIFO queue and at most `maxConcurrent` analysis processes (jobs/analysis-process.ts).
 * It reads inputs from the store and writes outcomes back to it, so the routes only ever look at the store.
 */
import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MESSAGES } from '../dutch.ts';
import { inAnalysisProcess } from './analysis-client.ts';
import type { JobFile } from './protocol.ts';
import type { JobEvents, JobRunner, JobStore } from './types.ts';
import { failedChange, runningChange } from './job-states.ts';

export interface ProcessRunnerOptions {
  maxConcurrent: number;
  /** Scratch space of running jobs; emptied on start, since a job's scratch outlives nothing. */
  workDir: string;
  events?: JobEvents;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface Running {
  /** Set once the analysis process is forked. */
  child?: ChildProcess;
  done: Promise<void>;
  cancelled: boolean;
}

export class ProcessJobRunner implements JobRunner {
  private readonly queue: string[] = [];
  private readonly running = new Map<string, Running>();
  private closed = false;

  constructor(
    private readonly store: JobStore,
    private readonly options: ProcessRunnerOptions,
  ) {}

  /** Clears scratch left by a previous process; call once before the first submit. */
  async start(): Promise<void> {
    await fs.rm(this.options.workDir, { recursive: true, force: true });
    await fs.mkdir(this.options.workDir, { recursive: true });
  }

  submit(id: string): void {
    if (this.closed || this.queue.includes(id) || this.running.has(id)) return;
    this.queue.push(id);
    this.pump();
  }

  active(): number {
    return this.queue.length + this.running.size;
  }

  async cancel(id: string): Promise<void> {
    const queued = this.queue.indexOf(id);
    if (queued >= 0) this.queue.splice(queued, 1);
    const job = this.running.get(id);
    if (!job) return;
    job.cancelled = true;
    job.child?.kill('SIGKILL');
    await job.done;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await Promise.all([...this.running.keys()].map((id) => this.cancel(id)));
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.options.maxConcurrent && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const running: Running = { done: Promise.resolve(), cancelled: false };
      this.running.set(id, running);
      running.done = this.runJob(id, running)
        .catch((error: unknown) => this.options.log?.('error', `Job ${id}: ${(error as Error).message}`))
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
    }
  }

  private async inputs(id: string): Promise<JobFile[]> {
    const job = await this.store.get(id);
    if (!job) throw new Error(`Job ${id} disappeared`);
    return Promise.all(job.spec.uploads.map(async (u) => ({ role: u.role, name: u.displayName, data: await this.store.readUpload(id, u.key) })));
  }

  private async runJob(id: string, running: Running): Promise<void> {
    const job = await this.store.get(id);
    if (!job || job.status !== 'pending' || running.cancelled) return;
    const started = performance.now();
    await this.store.update(id, runningChange()).catch(() => undefined);
    this.options.events?.onStarted?.(id);
    const workDir = path.join(this.options.workDir, id);
    try {
      const reply = await this.inputs(id)
        .then(async (files) => {
          await fs.mkdir(workDir, { recursive: true });
          return files;
        })
        .then(
          (files) =>
            inAnalysisProcess(
              { type: 'run', settings: job.spec.settings, files, workDir },
              {
                onChild: (child) => {
                  running.child = child;
                  return running.cancelled;
                },
                // A lost progress write (full disk) must not stop the job; the next one or the outcome catches up.
                onProgress: (percent, message) => void this.store.update(id, { progress: percent, statusMessage: message }).catch(() => undefined),
              },
            ),
          (error: Error) => ({ type: 'failed', error: MESSAGES.storageUnavailable, cause: error.message, input: false }) as const,
        );
      if (running.cancelled) return;
      const seconds = (performance.now() - started) / 1000;
      const stored = reply.type === 'done' ? await this.store.complete(id, reply.report, reply.outcome).then(() => null, (error: Error) => error) : null;
      if (reply.type === 'done' && stored === null) {
        this.options.events?.onEnded?.(id, 'completed', seconds, reply.outcome);
        return;
      }
      const error = reply.type === 'failed' ? reply.error : MESSAGES.reportNotStored;
      this.options.log?.('warn', `Job ${id} failed: ${reply.type === 'failed' ? reply.cause : (stored?.message ?? `unexpected reply ${reply.type}`)}`);
      // The state in memory is what status calls see, even when the disk refuses this write too.
      await this.store.update(id, failedChange(error)).catch(() => undefined);
      this.options.events?.onEnded?.(id, 'failed', seconds, null);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }
}

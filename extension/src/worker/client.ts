/**
 * Host side of the worker: forks dist/worker.js for one job, relays its validated messages, and on cancel asks it to
 * stop and kills it when it does not stop promptly. The engine writes its outputs atomically (temp file + rename)
 * only after the run, so a stopped worker leaves no partial report.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { LogLevel } from '../../../engine/util/log.ts';
import { isOutOfMemory } from './memory.ts';
import { isWorkerMessage, type HostMessage, type WorkerMessage } from './protocol.ts';
import type { ProgressEvent } from '../../../engine/pipeline/types.ts';

export type JobResult = Extract<WorkerMessage, { type: 'analyzed' | 'tuningData' | 'cancelled' | 'failed' }>;

export interface JobHandlers {
  onProgress?: (event: ProgressEvent) => void;
  onLog?: (level: LogLevel, message: string) => void;
  /** The worker's heap cap in MB (memory.ts sizes it from the workbook and the machine). */
  heapMb?: number;
}

/** Heap cap when none is given: enough for the engine on workbooks of a few thousand rows. */
const DEFAULT_HEAP_MB = 2048;

export interface RunningJob {
  result: Promise<JobResult>;
  cancel(): void;
  readonly pid: number | undefined;
}

/** Grace period between the cancel message and SIGKILL. */
export const CANCEL_GRACE_MS = 3000;

export function startJob(workerScript: string, job: Extract<HostMessage, { type: 'analyze' | 'tuning' }>, handlers: JobHandlers = {}): RunningJob {
  const child: ChildProcess = fork(workerScript, [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // The worker is a plain Node process, not the extension host: its heap is sized per job.
    execArgv: [`--max-old-space-size=${handlers.heapMb ?? DEFAULT_HEAP_MB}`],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let settled = false;
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderr.push(text);
    handlers.onLog?.('error', text.trimEnd());
  });
  child.stdout?.on('data', (chunk: Buffer) => handlers.onLog?.('info', chunk.toString('utf8').trimEnd()));

  const result = new Promise<JobResult>((resolve) => {
    const settle = (message: JobResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      resolve(message);
    };
    child.on('message', (raw: unknown) => {
      if (!isWorkerMessage(raw)) {
        handlers.onLog?.('warn', `Ignored an unexpected message from the worker: ${JSON.stringify(raw).slice(0, 200)}`);
        return;
      }
      switch (raw.type) {
        case 'ready':
          child.send(job);
          break;
        case 'progress':
          if (!cancelled) handlers.onProgress?.(raw.event);
          break;
        case 'log':
          handlers.onLog?.(raw.level, raw.message);
          break;
        default:
          settle(cancelled && raw.type !== 'analyzed' ? { type: 'cancelled' } : raw);
      }
    });
    child.on('error', (error) => settle({ type: 'failed', error: { name: 'WorkerError', message: `The analysis worker could not run: ${error.message}` } }));
    child.on('exit', (code, signal) => {
      if (cancelled) settle({ type: 'cancelled' });
      else if (isOutOfMemory(stderr.join(''))) {
        const cap = handlers.heapMb ?? DEFAULT_HEAP_MB;
        settle({ type: 'failed', error: { name: 'OutOfMemory', message: `The analysis ran out of memory (${cap} MB for this workbook). Try fast mode (no embeddings), or split the workbook.` } });
      } else settle({ type: 'failed', error: { name: 'WorkerError', message: `The analysis worker stopped unexpectedly (exit ${code ?? signal}). ${stderr.join('').slice(-500)}` } });
    });
  });

  return {
    result,
    pid: child.pid,
    cancel() {
      if (settled || cancelled) return;
      cancelled = true;
      if (child.connected) child.send({ type: 'cancel' } satisfies HostMessage);
      killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
    },
  };
}

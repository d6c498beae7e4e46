/**
 * Host side of a notebook kernel: forks dist/notebook-worker.js once per notebook and keeps it while cells run, so
 * state persists from cell to cell. Interrupt first asks the running cell to stop (its abort signal); a cell that
 * does not stop within the grace period (a synchronous loop, a long analysis) gets the process killed — the next cell
 * starts a fresh session. Restart is the same kill, asked for by the user.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { NotebookCell } from '../../../engine/experiment/notebook.ts';
import type { LogLevel } from '../../../engine/util/log.ts';
import { isKernelWorkerMessage, type KernelHostMessage, type KernelStart, type KernelWorkerMessage } from './protocol.ts';

export type CellResult =
  | { type: 'executed'; ok: boolean; cell: NotebookCell; durationMs: number }
  /** the kernel process ended while the cell ran: interrupted (killed), restarted, or crashed */
  | { type: 'stopped'; reason: 'interrupted' | 'restarted' | 'crashed'; detail: string }
  | { type: 'failed'; name: string; message: string };

/** Grace period between an interrupt and killing the kernel process. */
export const INTERRUPT_GRACE_MS = 2000;

export class KernelProcess {
  private child: ChildProcess | undefined;
  private started: Promise<void> | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, (result: CellResult) => void>();
  private stopReason: 'interrupted' | 'restarted' | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private stderr = '';

  constructor(
    private readonly workerScript: string,
    private readonly options: () => KernelStart,
    private readonly onLog: (level: LogLevel, message: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  async execute(cell: NotebookCell, index: number): Promise<CellResult> {
    await this.ensureStarted();
    const child = this.child!;
    const id = this.nextId++;
    return new Promise<CellResult>((resolve) => {
      this.pending.set(id, resolve);
      this.send(child, { type: 'execute', id, index, cell });
    });
  }

  /** Stops the running cell; kills the process when the cell does not stop within the grace period. */
  interrupt(): void {
    const child = this.child;
    if (!child || this.pending.size === 0) return;
    this.send(child, { type: 'interrupt' });
    clearTimeout(this.killTimer);
    this.killTimer = setTimeout(() => {
      if (this.child === child && this.pending.size > 0) this.kill('interrupted');
    }, INTERRUPT_GRACE_MS);
  }

  /** Ends the session: the next cell starts a new process with empty state. */
  restart(): void {
    this.kill('restarted');
  }

  dispose(): void {
    this.kill('restarted');
  }

  private kill(reason: 'interrupted' | 'restarted'): void {
    const child = this.child;
    if (!child) return;
    this.stopReason = reason;
    child.kill('SIGKILL');
    this.detach(child, reason === 'interrupted' ? 'The cell did not stop when interrupted; the kernel was restarted and its state cleared.' : 'The kernel was restarted.');
  }

  private send(child: ChildProcess, message: KernelHostMessage): void {
    if (child.connected) child.send(message);
  }

  /** Forgets a process and settles its pending cells. */
  private detach(child: ChildProcess, detail: string): void {
    if (this.child !== child) return;
    clearTimeout(this.killTimer);
    this.child = undefined;
    this.started = undefined;
    const reason = this.stopReason ?? 'crashed';
    this.stopReason = undefined;
    for (const resolve of this.pending.values()) resolve({ type: 'stopped', reason, detail });
    this.pending.clear();
  }

  private ensureStarted(): Promise<void> {
    if (this.started) return this.started;
    this.stderr = '';
    const child = fork(this.workerScript, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.onLog('info', chunk.toString('utf8').trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.stderr = `${this.stderr}${text}`.slice(-2000);
      this.onLog('error', text.trimEnd());
    });
    this.started = new Promise<void>((resolve, reject) => {
      child.on('message', (raw: unknown) => {
        if (!isKernelWorkerMessage(raw)) {
          this.onLog('warn', `Ignored an unexpected message from the notebook kernel: ${JSON.stringify(raw).slice(0, 200)}`);
          return;
        }
        this.receive(child, raw, resolve);
      });
      child.on('error', (error) => {
        reject(new Error(`The notebook kernel could not start: ${error.message}`));
        this.detach(child, error.message);
      });
      child.on('exit', (code, signal) => {
        reject(new Error(`The notebook kernel stopped while starting (exit ${code ?? signal}). ${this.stderr.slice(-500)}`));
        this.detach(child, `The notebook kernel stopped unexpectedly (exit ${code ?? signal}). ${this.stderr.slice(-500)}`.trim());
      });
    });
    return this.started;
  }

  private receive(child: ChildProcess, message: KernelWorkerMessage, started: () => void): void {
    switch (message.type) {
      case 'ready':
        this.send(child, { type: 'start', start: this.options() });
        break;
      case 'started':
        started();
        break;
      case 'log':
        this.onLog(message.level, message.message);
        break;
      case 'executed':
      case 'failed': {
        const id = message.type === 'executed' ? message.id : message.id;
        if (id === null) {
          this.onLog('error', `Notebook kernel: ${message.type === 'failed' ? message.error.message : ''}`);
          return;
        }
        const resolve = this.pending.get(id);
        this.pending.delete(id);
        if (this.pending.size === 0) clearTimeout(this.killTimer);
        if (!resolve) return;
        resolve(
          message.type === 'executed'
            ? { type: 'executed', ok: message.ok, cell: message.cell, durationMs: message.durationMs }
            : { type: 'failed', name: message.error.name, message: message.error.message },
        );
        break;
      }
    }
  }
}

/**
 * The notebook kernel's process (bundled as dist/notebook-worker.js): one engine notebook session for one notebook,
 * built exactly as `clause-cascade notebook run` builds it (engine/experiment/command-actions.ts: notebookEngine,
 * notebookExperimentRunner, the notebook's folder as base), so a cell gives the same outputs in VS Code and on the
 * command line. The session lives as long as the process: `ctx` carries state from cell to cell, like a Jupyter
 * kernel. Interrupt aborts the running cell's signal; the host kills the process when a cell does not stop.
 */
import { notebookBaseDir, createNotebookSession, type NotebookSession } from '../../../engine/experiment/notebook-run.ts';
import { notebookEngine, notebookExperimentRunner } from '../../../engine/experiment/notebook-engine.ts';
import { isKernelHostMessage, type KernelHostMessage, type KernelStart, type KernelWorkerMessage } from './protocol.ts';

let session: NotebookSession | undefined;
let devMode = false;
/** One controller per cell: an interrupt stops that cell, the session goes on with a fresh signal. */
let running = new AbortController();
let queue: Promise<void> = Promise.resolve();

function send(message: KernelWorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function start(options: KernelStart): void {
  const baseDir = notebookBaseDir(options.notebookFile);
  devMode = options.devMode;
  session = createNotebookSession({
    engine: notebookEngine(baseDir),
    runExperiment: notebookExperimentRunner(baseDir),
    baseDir,
    // Read per cell by the session: each cell sees the signal of its own run.
    get signal() {
      return running.signal;
    },
    get fullTraceback() {
      return devMode;
    },
  });
}

async function execute(message: Extract<KernelHostMessage, { type: 'execute' }>): Promise<void> {
  if (!session) {
    await send({ type: 'failed', id: message.id, error: { name: 'KernelError', message: 'The kernel was not started.' } });
    return;
  }
  if (running.signal.aborted) running = new AbortController();
  const t0 = performance.now();
  const cell = message.cell;
  try {
    const ok = await session.execute(cell, message.index);
    await send({ type: 'executed', id: message.id, ok, cell, durationMs: performance.now() - t0 });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    await send({ type: 'failed', id: message.id, error: { name: e.name, message: e.message } });
  }
}

process.on('message', (raw: unknown) => {
  if (!isKernelHostMessage(raw)) {
    void send({ type: 'failed', id: null, error: { name: 'ProtocolError', message: `Unexpected message from the extension: ${JSON.stringify(raw).slice(0, 200)}` } });
    return;
  }
  switch (raw.type) {
    case 'start':
      start(raw.start);
      void send({ type: 'started' });
      break;
    case 'execute':
      queue = queue.then(() => execute(raw));
      break;
    case 'interrupt':
      running.abort();
      break;
  }
});
process.on('disconnect', () => {
  // The extension host went away: stop the running cell and leave.
  running.abort();
  setTimeout(() => process.exit(0), 1000).unref();
});
void send({ type: 'ready' });

/**
 * The engine's process: forked by the extension host (worker/client.ts) for one job, talks over IPC with the
 * messages of protocol.ts, and exits when the job is done. Keeping the engine here means the extension host never
 * loads it (fast activation) and never blocks on it (the editor stays responsive).
 */
import { analyzeWorkbook } from '../../../engine/index.ts';
import { SettingError } from '../../../engine/config/settings.ts';
import { CancelledError } from '../../../engine/util/errors.ts';
import type { Logger } from '../../../engine/util/log.ts';
import { isHostMessage, type AnalyzeJob, type HostMessage, type WorkerFailure, type WorkerMessage } from './protocol.ts';
import { computeTuningData } from '../tuning/pairs.ts';

const controller = new AbortController();

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const logger: Logger = (level, message) => void send({ type: 'log', level, message });

function failureOf(error: unknown): WorkerFailure {
  if (error instanceof SettingError) return { name: error.name, message: error.message, setting: error.setting };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

async function analyze(job: AnalyzeJob): Promise<WorkerMessage> {
  const outcome = await analyzeWorkbook(
    {
      policyFile: job.policyFile,
      conditions: job.conditions,
      libraries: job.libraries,
      ...(job.instructions ? { instructions: job.instructions } : {}),
      settings: job.settings,
    },
    { ...(job.out ? { out: job.out } : {}), overwrite: false },
    { signal: controller.signal, logger, onProgress: (event) => void send({ type: 'progress', event }) },
  );
  return { type: 'analyzed', reportPath: outcome.reportPath, jsonPath: outcome.jsonPath, summary: outcome.summary };
}

async function run(message: HostMessage): Promise<void> {
  let reply: WorkerMessage;
  try {
    if (message.type === 'analyze') reply = await analyze(message.job);
    else if (message.type === 'tuning') reply = { type: 'tuningData', data: await computeTuningData(message.job, controller.signal, logger) };
    else return;
  } catch (error) {
    reply = error instanceof CancelledError || controller.signal.aborted ? { type: 'cancelled' } : { type: 'failed', error: failureOf(error) };
  }
  await send(reply);
  process.disconnect?.();
}

let started = false;
process.on('message', (raw: unknown) => {
  if (!isHostMessage(raw)) {
    void send({ type: 'failed', error: { name: 'ProtocolError', message: `Unexpected message from the extension: ${JSON.stringify(raw).slice(0, 200)}` } });
    return;
  }
  if (raw.type === 'cancel') {
    controller.abort();
    return;
  }
  if (started) return;
  started = true;
  void run(raw);
});
process.on('disconnect', () => {
  // The extension host went away (window closed, extension reloaded): stop the work and leave nothing behind.
  controller.abort();
  setTimeout(() => process.exit(0), 2000).unref();
});
void send({ type: 'ready' });

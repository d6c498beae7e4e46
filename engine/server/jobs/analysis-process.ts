/**
 * One engine request in its own process, forked by the server (jobs/analysis-client.ts): an analysis job, or the
 * reading of a workbook for a preview. The engine's CPU-bound work never blocks the server's event loop, a job can be
 * stopped by killing its process, and a crash takes down one request, not the server. It gets settings and uploaded
 * bytes, works in a private folder and answers with the report bytes and the legacy API's rows and stats (or the
 * preview).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { analyzeWorkbook } from '../../index.ts';
import { addCounters } from '../../cascade/counters.ts';
import { defaultSettings, resolveSettings, SettingError } from '../../config/settings.ts';
import { blockProgress, type MergedPartitions, type PartitionRunner } from '../../partition/index.ts';
import { readPolicyWorkbook } from '../../ingest/index.ts';
import { InputError } from '../../util/errors.ts';
import { dutchError, type NameMap } from '../dutch.ts';
import { jobOutcome } from './outcome.ts';
import type { AnalysisReply, FromAnalysis, JobFile, ToAnalysis } from './protocol.ts';

/**
 * Given to the engine so its cancellation checkpoints yield to the event loop: that is what lets the disconnect
 * handler below run in the middle of a stage when the server dies.
 */
const stop = new AbortController();

function send(message: FromAnalysis): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Each upload in its own numbered folder, so two uploads with the same name never collide. */
async function writeInputs(files: JobFile[], workDir: string): Promise<{ paths: string[]; names: NameMap }> {
  const paths: string[] = [];
  const names: Array<[string, string]> = [];
  for (const [i, file] of files.entries()) {
    const dir = path.join(workDir, String(i));
    await fs.mkdir(dir, { recursive: true });
    const target = path.join(dir, file.name);
    await fs.writeFile(target, file.data, { flag: 'wx' });
    paths.push(target);
    names.push([target, file.name]);
  }
  return { paths, names: names.sort((a, b) => b[0].length - a[0].length) };
}

function failure(error: unknown, names: NameMap): AnalysisReply {
  return { type: 'failed', error: dutchError(error, names), cause: error instanceof Error ? error.message : String(error), input: error instanceof InputError || error instanceof SettingError };
}

/**
 * The partition runner that hands the plan to the parent process (a queue worker, which runs it as a flow) and waits
 * for the merged clustering, reporting the blocks done meanwhile as the local runner does; the work counted elsewhere
 * joins this run's counters.
 */
const viaParent: PartitionRunner = async (plan, ctx) => {
  const reply = new Promise<MergedPartitions>((resolve, reject) => {
    const onMessage = (raw: unknown) => {
      const message = raw as ToAnalysis;
      if (message.type === 'partition-progress') ctx.onProgress?.(blockProgress(message.done, message.total));
      if (message.type !== 'partitioned' && message.type !== 'partitions-failed') return;
      process.off('message', onMessage);
      if (message.type === 'partitioned') resolve(message.merged);
      else reject(new Error(`Partitioned clustering failed: ${message.cause}`));
    };
    process.on('message', onMessage);
  });
  await send({ type: 'partition', plan });
  const merged = await reply;
  addCounters(ctx.counters, merged.counters);
  return { clustering: merged.clustering, blockClusters: merged.blockClusters };
};

async function analyse(message: Extract<ToAnalysis, { type: 'run' }>): Promise<AnalysisReply> {
  const { paths, names } = await writeInputs(message.files, message.workDir);
  const of = (role: JobFile['role']) => message.files.flatMap((f, i) => (f.role === role ? [paths[i]!] : []));
  try {
    const settings = resolveSettings(message.settings);
    const [instructions] = of('extra_instruction');
    const outcome = await analyzeWorkbook(
      { policyFile: of('policy_file')[0]!, conditions: of('conditions_files'), libraries: of('clause_library_files'), ...(instructions ? { instructions } : {}), settings },
      { out: path.join(message.workDir, 'report.xlsx'), overwrite: true, json: false },
      {
        signal: stop.signal,
        onProgress: (event) => void send({ type: 'progress', percent: event.percent, message: event.message }),
        ...(message.partitionsByParent ? { partitionRunner: viaParent } : {}),
      },
    );
    return { type: 'done', report: await fs.readFile(outcome.reportPath), outcome: jobOutcome(outcome.result) };
  } catch (error) {
    return failure(error, names);
  }
}

async function preview(message: Extract<ToAnalysis, { type: 'preview' }>): Promise<AnalysisReply> {
  const { paths, names } = await writeInputs([message.file], message.workDir);
  try {
    const table = await readPolicyWorkbook(paths[0]!, defaultSettings().input);
    return { type: 'previewed', preview: { columns: table.headers, row_count: table.rows.length, text_column: table.textColumn.header, policy_column: table.policyColumn?.header ?? null } };
  } catch (error) {
    return failure(error, names);
  }
}

process.once('message', (raw) => {
  const message = raw as Extract<ToAnalysis, { type: 'run' | 'preview' }>;
  void (message.type === 'preview' ? preview(message) : analyse(message))
    .catch((error: unknown) => failure(error, []))
    .then(send)
    .finally(() => process.disconnect?.());
});
// The server went away (killed, restarted): this request is over, and nothing of it is kept.
process.on('disconnect', () => {
  stop.abort();
  process.exit(0);
});

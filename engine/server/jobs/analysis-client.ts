/** The server's side of one analysis process (jobs/analysis-process.ts): fork, send one request, await its last word. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { entryScript } from '../../util/entry-script.ts';
import type { MergedPartitions, PartitionPlan } from '../../partition/index.ts';
import type { AnalysisReply, FromAnalysis, ToAnalysis } from './protocol.ts';

/**
 * The process's file and Node options. From the CLI build (bin/build.js) that is dist/cli/analysis-process.mjs, so
 * an analysis starts from compiled code; from the sources, analysis-process.ts through tsx. The heap cap leaves room
 * for large workbooks.
 */
function analysisCommand(): { file: string; execArgv: string[] } {
  const script = entryScript(import.meta.url, './analysis-process.ts', './analysis-process.mjs');
  if (!script) throw new Error(`No analysis-process.mjs beside ${import.meta.url}: rebuild with npm run build`);
  return { file: fileURLToPath(script.url), execArgv: [...(script.viaTsx ? ['--import', 'tsx'] : []), '--max-old-space-size=4096'] };
}

export interface AnalysisHooks {
  /** Called once the process exists; return true to kill it at once (the request was cancelled meanwhile). */
  onChild?: (child: ChildProcess) => boolean;
  onProgress?: (percent: number, message: string) => void;
  /**
   * Clusters and merges a partitioned run's blocks for the process (set with `partitionsByParent`), telling it each
   * time more blocks are done.
   */
  onPartition?: (plan: PartitionPlan, onBlocksDone: (done: number, total: number) => void) => Promise<MergedPartitions>;
}

/** Resolves with the process's reply, or a failure when it died without one (killed, out of memory, crashed). */
export function inAnalysisProcess(message: ToAnalysis, hooks: AnalysisHooks = {}): Promise<AnalysisReply> {
  return new Promise((resolve) => {
    const { file, execArgv } = analysisCommand();
    const child = fork(file, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let reply: AnalysisReply | null = null;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('message', (raw: FromAnalysis) => {
      if (raw.type === 'progress') hooks.onProgress?.(raw.percent, raw.message);
      else if (raw.type === 'partition') {
        const onBlocksDone = (done: number, total: number) => child.connected && child.send({ type: 'partition-progress', done, total } satisfies ToAnalysis);
        const answer = hooks.onPartition?.(raw.plan, onBlocksDone) ?? Promise.reject(new Error('no partition runner in this process'));
        answer.then(
          (merged) => child.connected && child.send({ type: 'partitioned', merged } satisfies ToAnalysis),
          (error: Error) => child.connected && child.send({ type: 'partitions-failed', cause: error.message } satisfies ToAnalysis),
        );
      } else reply = raw;
    });
    child.on('error', () => undefined); // the exit event follows and reports the failure
    child.on('exit', (code, signal) => {
      resolve(
        reply ?? {
          type: 'failed',
          error: 'De analyse is onverwacht gestopt (te weinig geheugen of een interne fout). Probeer het opnieuw met een kleiner bestand.',
          cause: `analysis process exited (${code ?? signal}): ${stderr.trim()}`,
          input: false,
        },
      );
    });
    if (hooks.onChild?.(child)) child.kill('SIGKILL');
    else child.send(message);
  });
}

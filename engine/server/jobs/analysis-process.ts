/**
 * One analysis job in its own process, forked by the ProcessJobRunner: the engine's CPU-bound work never blocks the
 * server's event loop, a job can be stopped by killing its process, and a crash takes down one job, not the server.
 * It gets the job's settings and uploaded bytes, runs the engine's `analyzeWorkbook` in a private work folder and
 * sends back the report bytes and the legacy API's rows and stats.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { analyzeWorkbook } from '../../index.ts';
import { resolveSettings } from '../../config/settings.ts';
import { dutchError, type NameMap } from '../dutch.ts';
import { jobOutcome } from './outcome.ts';
import type { FromAnalysis, JobFile, ToAnalysis } from './protocol.ts';

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

async function run(message: ToAnalysis): Promise<FromAnalysis> {
  const { paths, names } = await writeInputs(message.files, message.workDir);
  const of = (role: JobFile['role']) => message.files.flatMap((f, i) => (f.role === role ? [paths[i]!] : []));
  try {
    const settings = resolveSettings(message.settings);
    const [instructions] = of('extra_instruction');
    const outcome = await analyzeWorkbook(
      { policyFile: of('policy_file')[0]!, conditions: of('conditions_files'), libraries: of('clause_library_files'), ...(instructions ? { instructions } : {}), settings },
      { out: path.join(message.workDir, 'report.xlsx'), overwrite: true, json: false },
      { onProgress: (event) => void send({ type: 'progress', percent: event.percent, message: event.message }) },
    );
    return { type: 'done', report: await fs.readFile(outcome.reportPath), outcome: jobOutcome(outcome.result) };
  } catch (error) {
    return { type: 'failed', error: dutchError(error, names), cause: error instanceof Error ? error.message : String(error) };
  }
}

process.once('message', (raw) => {
  void run(raw as ToAnalysis)
    .catch((error: unknown) => ({ type: 'failed', error: dutchError(error, []), cause: String(error) }) satisfies FromAnalysis)
    .then(send)
    .finally(() => process.disconnect?.());
});
// The server went away (killed, restarted): this job is over, and nothing of it is kept.
process.on('disconnect', () => process.exit(0));

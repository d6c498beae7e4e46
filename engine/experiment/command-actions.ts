/**
 * The work behind `clause-cascade experiment run|compare` and `clause-cascade notebook run` (SPEC §12, §13.3); the
 * command modules in engine/cli/commands/ only declare flags and import this on first use.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError, InputError } from '../util/errors.ts';
import { findExperimentConfigs, loadExperimentConfig, type ParseOptions } from './config.ts';
import { readNotebook, writeNotebook } from './notebook.ts';
import { notebookBaseDir, runNotebook } from './notebook-run.ts';
import { notebookEngine, notebookExperimentRunner } from './notebook-engine.ts';
import { RESULTS_FILE, readResults } from './results.ts';
import { runExperiment, variantLine, type HarnessProgress } from './run.ts';
import { compareMarkdown } from './tables.ts';

type Write = (text: string) => void;
const stderr: Write = (t) => void process.stderr.write(t);
const stdout: Write = (t) => void process.stdout.write(t);

export interface ExperimentRunFlags {
  all?: boolean;
  results?: string;
  repeats?: number;
  set?: Record<string, string>;
  quiet?: boolean;
}

function progressPrinter(quiet: boolean, write: Write): (event: HarnessProgress) => void {
  return (event) => {
    if (event.type === 'experiment') {
      const rows = event.rows === null ? '' : `${event.rows} rows, `;
      write(`Experiment ${event.name}: ${event.variants} variant(s), ${rows}${event.repeats} repeat(s) each; dataset ${event.policyFile}\n`);
    } else if (event.type === 'variant') {
      write(`${variantLine(event.result, event.index, event.of)}\n`);
    } else if (event.type === 'run' && !quiet) {
      // per-run lines only when not quiet, indented under the variant
      write(`      ${event.variant} ${event.role} ${event.repeat === 'warmup' ? 'warm-up' : `run ${event.repeat + 1}`}: ${event.wallMs.toFixed(0)} ms\n`);
    } else if (event.type === 'written') {
      write(`  results: ${event.resultsDir}\n`);
    }
  };
}

/**
 * Validates every config first (so a typo in the third file fails before the first runs), then runs them in order.
 * Prints a line per variant on standard error and the results folders on standard output.
 */
export async function runExperimentCommand(paths: string[], flags: ExperimentRunFlags, signal?: AbortSignal): Promise<number> {
  const targets = [...paths];
  if (flags.all) targets.push(path.resolve('experiments'));
  if (targets.length === 0) throw new UsageError('experiment run: name one or more *.experiment.json files or folders (or --all for ./experiments).');
  const files = await findExperimentConfigs(targets);
  const parse: ParseOptions = { ...(flags.set ? { settings: flags.set } : {}), ...(flags.repeats !== undefined ? { repeats: flags.repeats } : {}) };
  const plans = [];
  for (const file of files) plans.push(await loadExperimentConfig(file, parse));
  const names = new Set<string>();
  for (const plan of plans) {
    if (names.has(plan.name)) throw new UsageError(`Two experiment configs are named ${JSON.stringify(plan.name)}; names pick the results folder and must differ.`);
    names.add(plan.name);
  }
  const started = performance.now();
  const print = progressPrinter(flags.quiet ?? true, stderr);
  for (const plan of plans) {
    if (plan.sweep) {
      const { runSweep } = await import('./sweep.ts');
      stderr(`Sweep ${plan.name}: ${plan.variants.length} variant(s) over ${plan.sweep.rows.join(', ')} rows, ${plan.repeats} repeat(s) each\n`);
      const sweep = await runSweep(plan, { ...(flags.results ? { resultsRoot: path.resolve(flags.results) } : {}), ...(signal ? { signal } : {}), onLine: (line) => stderr(`${line}\n`) });
      stdout(`${sweep.resultsDir}\n`);
      continue;
    }
    const outcome = await runExperiment(plan, {
      ...(flags.results ? { resultsRoot: path.resolve(flags.results) } : {}),
      ...(signal ? { signal } : {}),
      onProgress: print,
    });
    stdout(`${outcome.resultsDir}\n`);
  }
  stderr(`${plans.length} experiment(s) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

/** A run folder, its results.json, or an experiment's folder of runs (then its newest run). */
export async function resolveRun(given: string): Promise<string> {
  const stat = await fs.stat(given).catch(() => null);
  if (!stat) throw new InputError(`No such results folder or file: ${given}.`, given);
  if (!stat.isDirectory()) return given;
  if (await fs.stat(path.join(given, RESULTS_FILE)).catch(() => null)) return given;
  const runs = [];
  for (const name of (await fs.readdir(given)).sort()) {
    if (await fs.stat(path.join(given, name, RESULTS_FILE)).catch(() => null)) runs.push(path.join(given, name));
  }
  if (runs.length === 0) throw new InputError(`${given} holds no ${RESULTS_FILE} (neither directly nor in a run folder).`, given);
  return runs.at(-1)!;
}

export async function compareExperimentCommand(a: string, b: string): Promise<number> {
  const load = async (given: string) => {
    const run = await resolveRun(given);
    try {
      return await readResults(run);
    } catch (error) {
      throw new InputError(`${run}: ${(error as Error).message}`, run);
    }
  };
  const [ra, rb] = [await load(a), await load(b)];
  stdout(compareMarkdown(ra, rb));
  return 0;
}

export interface NotebookRunFlags {
  out?: string;
  inplace?: boolean;
  allowErrors?: boolean;
  results?: string;
  quiet?: boolean;
}

/**
 * The default output of `notebook run X.ipynb`: `X.out.ipynb` beside it, keeping a `.cascade.ipynb` suffix
 * (`tour.cascade.ipynb` → `tour.out.cascade.ipynb`) so editors still open it with the Clause Cascade kernel.
 */
export function defaultNotebookOut(file: string): string {
  const base = path.basename(file);
  const suffix = base.endsWith('.cascade.ipynb') ? '.cascade.ipynb' : base.endsWith('.ipynb') ? '.ipynb' : path.extname(base);
  return path.join(path.dirname(file), `${base.slice(0, base.length - suffix.length)}.out${suffix}`);
}

export async function runNotebookCommand(file: string, flags: NotebookRunFlags, signal?: AbortSignal): Promise<number> {
  if (flags.inplace && flags.out && path.resolve(flags.out) !== path.resolve(file)) {
    throw new UsageError('notebook run: give either --inplace or --out, not both.');
  }
  if (flags.out && !flags.out.endsWith('.ipynb')) throw new UsageError(`--out must name a .ipynb file, got ${flags.out}.`);
  const out = flags.inplace ? file : (flags.out ?? defaultNotebookOut(file));
  const nb = await readNotebook(file);
  const baseDir = notebookBaseDir(file);
  const started = performance.now();
  const cells = nb.cells.filter((c) => c.cell_type === 'code').length;
  const run = await runNotebook(nb, {
    engine: notebookEngine(baseDir),
    runExperiment: notebookExperimentRunner(baseDir, { ...(flags.results ? { resultsRoot: path.resolve(flags.results) } : {}) }),
    baseDir,
    continueOnError: flags.allowErrors ?? false,
    ...(signal ? { signal } : {}),
    onCell: flags.quiet
      ? undefined
      : ({ index, ok }) => stderr(`  cell ${index + 1}/${nb.cells.length} (${cells} code cells): ${ok ? 'ok' : 'FAILED'} after ${((performance.now() - started) / 1000).toFixed(1)} s\n`),
  });
  if (signal?.aborted) throw new (await import('../util/errors.ts')).CancelledError('Notebook run cancelled');
  await writeNotebook(out, run.notebook);
  stdout(`${out}\n`);
  if (run.errors.length > 0) {
    for (const e of run.errors) stderr(`error: cell ${e.index + 1}${e.id ? ` (${e.id})` : ''}: ${e.ename}: ${e.evalue}\n`);
    if (!flags.allowErrors) {
      stderr(`Stopped at the failing cell; the notebook with its outputs so far was written to ${out}.\n`);
      return 1;
    }
  }
  stderr(`Executed ${run.executed} code cell(s) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

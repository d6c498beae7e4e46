/**
 * Headless notebook execution (like `jupyter nbconvert --execute`), shared by `clause-cascade notebook run` and the
 * VS Code kernel: one execution engine, two front ends.
 *
 * Code cells run in order in a session with Jupyter-like state: a persistent `ctx` object shared by all cells (and
 * kept across runs when the caller keeps the session) and an execution counter. A cell whose source is a JSON
 * object with `"experiment"` (the config inside it) or `"variants"` (the config itself) is an experiment config
 * cell; any other code cell is JavaScript, the body of an async function with `engine`, `display`, `ctx`,
 * `console` and `signal` in scope. As in Jupyter, the value of a last-line expression is the cell's result
 * (`execute_result`); `display(value)` adds rich outputs; `console.log` writes a stdout stream. Variables declared
 * in a cell are local to it: keep state on `ctx`.
 */
import path from 'node:path';
import { parseExperimentConfig, type ExperimentPlan } from './config.ts';
import { toMimeBundle } from './display.ts';
import { cellSource, splitLines, type MimeBundle, type Notebook, type NotebookCell, type NotebookOutput } from './notebook.ts';

export type CellKind = 'markdown' | 'raw' | 'experiment' | 'javascript';

export interface CellScope {
  engine: unknown;
  ctx: Record<string, unknown>;
  display: (value: unknown) => void;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error'>;
  signal: AbortSignal | undefined;
}

/** Executes one code cell; its resolved value becomes the cell's `execute_result` (undefined: none). */
export type CellExecutor = (cell: { kind: 'experiment' | 'javascript'; source: string; index: number }, scope: CellScope) => Promise<unknown>;

export interface RunNotebookOptions {
  /** the API object cells see as `engine` */
  engine?: unknown;
  /** runs a validated experiment config cell; without it a config cell only validates and stores its plan */
  runExperiment?: (plan: ExperimentPlan, scope: CellScope) => Promise<unknown>;
  /** replaces the default executor (JavaScript + experiment configs) */
  executeCell?: CellExecutor;
  /** folder relative paths in config cells are resolved against (the notebook's folder) */
  baseDir?: string;
  /** keep running after a failing cell (default: stop, like nbconvert without --allow-errors) */
  continueOnError?: boolean;
  /** add the stack to error tracebacks (default: the error's name and message only) */
  fullTraceback?: boolean;
  signal?: AbortSignal;
  now?: () => Date;
  onCell?: (event: { index: number; cell: NotebookCell; ok: boolean }) => void;
}

export interface NotebookRun {
  notebook: Notebook;
  executed: number;
  errors: { index: number; id: string | undefined; ename: string; evalue: string }[];
  /** false when a failing cell stopped the run */
  completed: boolean;
}

export interface NotebookSession {
  ctx: Record<string, unknown>;
  executionCount: number;
  /** Executes a code cell in place (outputs, execution_count, metadata.execution); true when it succeeded. */
  execute(cell: NotebookCell, index: number): Promise<boolean>;
}

/** The language of a cell (see the module comment). */
export function cellKind(cell: NotebookCell): CellKind {
  if (cell.cell_type !== 'code') return cell.cell_type;
  return experimentConfigOf(cellSource(cell)) === null ? 'javascript' : 'experiment';
}

/** The config in an experiment config cell's source, or null when the source is not one. */
export function experimentConfigOf(source: string): Record<string, unknown> | null {
  const text = source.trim();
  if (!text.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const object = value as Record<string, unknown>;
  if (object.experiment !== null && typeof object.experiment === 'object' && !Array.isArray(object.experiment)) {
    return object.experiment as Record<string, unknown>;
  }
  return 'variants' in object ? object : null;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const SCOPE_NAMES = ['engine', 'display', 'ctx', 'console', 'signal'] as const;
const STATEMENT_START = /^(?:(?:const|let|var|if|for|while|do|return|throw|function|class|try|switch|else|import|export)\b|[})\]]|\/\/|\/\*)/;

/** Compiles a JavaScript cell, returning the value of its last line when that line is an expression. */
export function compileJavaScriptCell(source: string): (...args: unknown[]) => Promise<unknown> {
  const lines = source.trimEnd().split('\n');
  const last = (lines.at(-1) ?? '').trim().replace(/;$/, '');
  if (last !== '' && !STATEMENT_START.test(last)) {
    try {
      return new AsyncFunction(...SCOPE_NAMES, `${lines.slice(0, -1).join('\n')}\nreturn (${last}\n);`);
    } catch {
      // not an expression after all: run the cell as written
    }
  }
  return new AsyncFunction(...SCOPE_NAMES, source);
}

function describePlan(plan: ExperimentPlan): string {
  const d = plan.dataset;
  const dataset = d.workbook ?? `${d.generate!.rows} generated rows (seed ${d.generate!.seed}, style ${d.generate!.style})`;
  return `Experiment ${plan.name}: ${plan.variants.length} variant(s) (${plan.variants.map((v) => v.name).join(', ')}), ${plan.repeats} repeat(s); dataset ${dataset}.`;
}

/** The default executor: experiment config cells are validated (and run when `runExperiment` is given). */
export function defaultCellExecutor(options: RunNotebookOptions): CellExecutor {
  return async (cell, scope) => {
    if (cell.kind === 'javascript') {
      return compileJavaScriptCell(cell.source)(scope.engine, scope.display, scope.ctx, scope.console, scope.signal);
    }
    const plan = parseExperimentConfig(experimentConfigOf(cell.source), options.baseDir ?? process.cwd());
    scope.ctx.experiment = plan;
    if (!options.runExperiment) return describePlan(plan);
    const results = await options.runExperiment(plan, scope);
    scope.ctx.results = results;
    return results;
  };
}

function errorOutput(error: unknown, full: boolean): NotebookOutput & { output_type: 'error' } {
  const e = error instanceof Error ? error : new Error(String(error));
  const traceback = [`${e.name}: ${e.message}`];
  if (full && e.stack) traceback.push(...e.stack.split('\n').slice(1).map((l) => l.trim()));
  return { output_type: 'error', ename: e.name, evalue: e.message, traceback };
}

/** Collects a cell's outputs in call order; consecutive writes to one stream are merged, as in Jupyter. */
class OutputCollector {
  private readonly pending: Promise<NotebookOutput | null>[] = [];

  display = (value: unknown): void => {
    this.pending.push(toMimeBundle(value).then((data) => (data ? { output_type: 'display_data', data, metadata: {} } : null)));
  };

  write(name: 'stdout' | 'stderr', args: unknown[]): void {
    const text = `${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' ')}\n`;
    this.pending.push(Promise.resolve({ output_type: 'stream', name, text }));
  }

  console = {
    log: (...args: unknown[]) => this.write('stdout', args),
    info: (...args: unknown[]) => this.write('stdout', args),
    warn: (...args: unknown[]) => this.write('stderr', args),
    error: (...args: unknown[]) => this.write('stderr', args),
  };

  async outputs(): Promise<NotebookOutput[]> {
    const settled = await Promise.allSettled(this.pending);
    const outputs: NotebookOutput[] = [];
    for (const s of settled) {
      const output = s.status === 'fulfilled' ? s.value : errorOutput(s.reason, false);
      if (output === null) continue;
      const previous = outputs.at(-1);
      if (output.output_type === 'stream' && previous?.output_type === 'stream' && previous.name === output.name) {
        previous.text = `${previous.text as string}${output.text as string}`;
      } else {
        outputs.push(output);
      }
    }
    return outputs.map((o) => (o.output_type === 'stream' ? { ...o, text: splitLines(o.text as string) } : o));
  }
}

/** A session: state shared by the cells it executes, and the execution counter. */
export function createNotebookSession(options: RunNotebookOptions = {}): NotebookSession {
  const executeCell = options.executeCell ?? defaultCellExecutor(options);
  const now = options.now ?? (() => new Date());
  const session: NotebookSession = {
    ctx: {},
    executionCount: 0,
    async execute(cell, index) {
      const kind = cellKind(cell);
      if (kind !== 'experiment' && kind !== 'javascript') return true;
      const count = ++session.executionCount;
      const collector = new OutputCollector();
      const scope: CellScope = { engine: options.engine, ctx: session.ctx, display: collector.display, console: collector.console, signal: options.signal };
      const started = now().toISOString();
      let result: MimeBundle | null = null;
      let failure: NotebookOutput | null = null;
      try {
        result = await toMimeBundle(await executeCell({ kind, source: cellSource(cell), index }, scope));
      } catch (error) {
        failure = errorOutput(error, options.fullTraceback ?? false);
      }
      const outputs = await collector.outputs();
      if (result) outputs.push({ output_type: 'execute_result', execution_count: count, data: result, metadata: {} });
      if (failure) outputs.push(failure);
      const ended = now().toISOString();
      cell.outputs = outputs;
      cell.execution_count = count;
      cell.metadata = {
        ...cell.metadata,
        execution: { 'iopub.execute_input': started, 'shell.execute_reply.started': started, 'shell.execute_reply': ended },
      };
      return failure === null;
    },
  };
  return session;
}

/**
 * Executes the code cells of a copy of `nb` in order and returns it with outputs. Empty code cells are skipped
 * (as nbclient does); markdown and raw cells are left as they are.
 */
export async function runNotebook(nb: Notebook, options: RunNotebookOptions = {}): Promise<NotebookRun> {
  const notebook = structuredClone(nb);
  const session = createNotebookSession(options);
  const run: NotebookRun = { notebook, executed: 0, errors: [], completed: true };
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== 'code' || cellSource(cell).trim() === '') continue;
    if (options.signal?.aborted) {
      run.completed = false;
      break;
    }
    const ok = await session.execute(cell, index);
    run.executed++;
    options.onCell?.({ index, cell, ok });
    if (ok) continue;
    const error = cell.outputs!.find((o) => o.output_type === 'error') as { ename: string; evalue: string };
    run.errors.push({ index, id: cell.id, ename: error.ename, evalue: error.evalue });
    if (!options.continueOnError) {
      run.completed = false;
      break;
    }
  }
  return run;
}

/** The folder config cells resolve paths against, for a notebook file. */
export function notebookBaseDir(file: string): string {
  return path.dirname(path.resolve(file));
}

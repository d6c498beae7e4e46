// The notebook kernel process (the bundled dist/notebook-worker.js, forked as VS Code forks it): state across cells,
// the same outputs as the CLI's runner, interrupt (cooperative and by kill) and restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newNotebook, type NotebookCell } from '../../../engine/experiment/notebook.ts';
import { runNotebook } from '../../../engine/experiment/notebook-run.ts';
import { notebookBaseDir } from '../../../engine/experiment/notebook-run.ts';
import { notebookEngine, notebookExperimentRunner } from '../../../engine/experiment/notebook-engine.ts';
import { KernelProcess, type CellResult } from '../../../extension/src/notebook/kernel-process.ts';
import { packageClauseCascade } from '../e2e/helpers.ts';
import { REPO_ROOT } from '../../e2e-vscode/harness.ts';

const WORKER = path.join(REPO_ROOT, 'extension', 'dist', 'notebook-worker.js');

function code(source: string): NotebookCell {
  return newNotebook([{ type: 'code', source }]).cells[0]!;
}

function executed(result: CellResult) {
  if (result.type !== 'executed') throw new Error(`expected an executed cell, got ${JSON.stringify(result)}`);
  return result;
}

describe('notebook kernel process', { timeout: 240_000 }, () => {
  let dir = '';
  let kernel: KernelProcess;
  const logs: string[] = [];

  beforeAll(async () => {
    await packageClauseCascade();
    dir = mkdtempSync(path.join(tmpdir(), 'cc-kernel-'));
    kernel = new KernelProcess(WORKER, () => ({ notebookFile: path.join(dir, 'test.cascade.ipynb'), devMode: false }), (level, message) => logs.push(`${level} ${message}`));
  }, 300_000);

  afterAll(() => {
    kernel?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps state from cell to cell and counts executions', async () => {
    const first = executed(await kernel.execute(code('ctx.n = 41;\nctx.n'), 0));
    expect(first.ok).toBe(true);
    expect(first.cell.execution_count).toBe(1);
    expect(first.cell.outputs).toEqual([{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['41'] }, metadata: {} }]);
    const second = executed(await kernel.execute(code('ctx.n + 1'), 1));
    expect(second.cell.execution_count).toBe(2);
    expect(second.cell.outputs![0]).toMatchObject({ data: { 'text/plain': ['42'] } });
    expect(second.cell.metadata.execution).toBeDefined();
  });

  it('gives the same outputs as the runner of `clause-cascade notebook run` (tables, charts with SVG, streams)', async () => {
    const sources = [
      "console.log('rows', 3);\nengine.aq.from([{ variant: 'a', speedup: 1.5 }, { variant: 'b', speedup: 0.8 }])",
      "engine.charts.speedupChart([{ variant: 'a', speedup: 1.5, baselineMedianMs: 3, variantMedianMs: 2 }])",
      'engine.settingsTable(engine.settings({ policy: "seed" })).filter((d) => d.changed)',
    ];
    const nb = newNotebook(sources.map((source) => ({ type: 'code' as const, source })));
    const baseDir = notebookBaseDir(path.join(dir, 'test.cascade.ipynb'));
    const cli = await runNotebook(nb, { engine: notebookEngine(baseDir), runExperiment: notebookExperimentRunner(baseDir), baseDir });
    for (const [index, cell] of nb.cells.entries()) {
      const result = executed(await kernel.execute(structuredClone(cell), index));
      const expected = cli.notebook.cells[index]!.outputs!.map((o) => (o.output_type === 'execute_result' ? { ...o, execution_count: null } : o));
      const actual = result.cell.outputs!.map((o) => (o.output_type === 'execute_result' ? { ...o, execution_count: null } : o));
      expect(actual).toEqual(expected);
    }
  });

  it('reports a failing cell with the engine message and no stack', async () => {
    const result = executed(await kernel.execute(code("throw new TypeError('workbook not found: x.xlsx')"), 0));
    expect(result.ok).toBe(false);
    expect(result.cell.outputs).toEqual([{ output_type: 'error', ename: 'TypeError', evalue: 'workbook not found: x.xlsx', traceback: ['TypeError: workbook not found: x.xlsx'] }]);
  });

  it('interrupts a cell that listens to its signal and keeps the state', async () => {
    const running = kernel.execute(code("await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('interrupted by the user'))));"), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    kernel.interrupt();
    const result = executed(await running);
    expect(result.ok).toBe(false);
    expect(result.cell.outputs![0]).toMatchObject({ output_type: 'error', evalue: 'interrupted by the user' });
    const after = executed(await kernel.execute(code('ctx.n'), 1));
    expect(after.cell.outputs![0]).toMatchObject({ data: { 'text/plain': ['41'] } });
  });

  it('kills a cell that does not stop, and the next cell runs in a fresh session', async () => {
    const pid = kernel.pid;
    const t0 = Date.now();
    const running = kernel.execute(code('while (true) {}'), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    kernel.interrupt();
    const result = await running;
    expect(result).toMatchObject({ type: 'stopped', reason: 'interrupted' });
    expect(Date.now() - t0).toBeLessThan(5_000);
    const after = executed(await kernel.execute(code('typeof ctx.n'), 0));
    expect(after.cell.execution_count).toBe(1);
    expect(after.cell.outputs![0]).toMatchObject({ data: { 'text/plain': ['undefined'] } });
    expect(kernel.pid).not.toBe(pid);
  });

  it('restarts on request: state cleared, counter back to 1', async () => {
    executed(await kernel.execute(code('ctx.kept = true'), 0));
    kernel.restart();
    const after = executed(await kernel.execute(code('ctx.kept === undefined'), 0));
    expect(after.cell.execution_count).toBe(1);
    expect(after.cell.outputs![0]).toMatchObject({ data: { 'text/plain': ['true'] } });
  });
});

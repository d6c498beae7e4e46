import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { speedupChart } from '../../engine/experiment/charts.ts';
import {
  newNotebook,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  validateNotebook,
  writeNotebook,
  type Notebook,
  type NotebookCell,
} from '../../engine/experiment/notebook.ts';
import { cellKind, compileJavaScriptCell, createNotebookSession, runNotebook } from '../../engine/experiment/notebook-run.ts';

/** A notebook as Jupyter writes it: source as line lists, unknown metadata, an old output to be replaced. */
function sampleNotebook(): Notebook {
  return parseNotebook(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'clause-cascade', display_name: 'Clause Cascade', language: 'javascript' }, custom: { keep: [1, 2] } },
      cells: [
        { id: 'intro', cell_type: 'markdown', metadata: { tags: ['doc'] }, source: ['# Tour\n', 'Some text'] },
        { id: 'load', cell_type: 'code', metadata: { collapsed: false, extra: 'x' }, execution_count: 7, outputs: [{ output_type: 'stream', name: 'stdout', text: 'old' }], source: ['ctx.n = engine.base + 1;\n', 'console.log("n is", ctx.n);\n', 'console.log("again");\n', 'ctx.n * 2'] },
        { id: 'table', cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: 'display(engine.aq.from([{ variant: "seed", speedup: 2.5 }]))\ndisplay("plain")' },
        { id: 'chart', cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: 'engine.chart' },
        { id: 'config', cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: '{ "experiment": { "name": "nb", "dataset": { "workbook": "p.xlsx" }, "variants": [{ "name": "seed", "settings": { "policy": "seed" } }] } }' },
        { id: 'empty', cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: '' },
        { id: 'raw1', cell_type: 'raw', metadata: {}, source: 'raw text' },
        { id: 'last', cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: 'const r = { n: ctx.n, plan: ctx.experiment.name };\nr' },
      ],
    }),
  );
}

const engine = { base: 41, aq, chart: speedupChart([{ variant: 'seed', speedup: 2, baselineMedianMs: 10, variantMedianMs: 5 }], 'Chart in a cell') };

describe('nbformat read and write', () => {
  it('round-trips read → run → write keeping cells, ids and metadata', async () => {
    const nb = sampleNotebook();
    const run = await runNotebook(nb, { engine, baseDir: '/data', now: () => new Date('2025-01-01T00:00:00Z') });
    expect(run).toMatchObject({ executed: 5, errors: [], completed: true });
    const text = serializeNotebook(run.notebook);
    const back = parseNotebook(text);
    expect(back.cells.map((c) => c.id)).toEqual(nb.cells.map((c) => c.id));
    expect(back.cells.map((c) => c.cell_type)).toEqual(nb.cells.map((c) => c.cell_type));
    expect(back.cells.map((c) => c.source)).toEqual(nb.cells.map((c) => c.source));
    expect(back.metadata).toEqual(nb.metadata);
    expect(back.cells[0]!.metadata).toEqual({ tags: ['doc'] });
    expect(back.cells[1]!.metadata).toMatchObject({ collapsed: false, extra: 'x', execution: { 'shell.execute_reply': '2025-01-01T00:00:00.000Z' } });
    expect(back.cells[0]).not.toHaveProperty('outputs');
    expect(text.startsWith('{\n "nbformat": 4')).toBe(true);
    expect(sampleNotebook()).toEqual(nb); // the input notebook is not modified
  });

  it('stores outputs, execution counts and timings like Jupyter', async () => {
    const { notebook } = await runNotebook(sampleNotebook(), { engine, baseDir: '/data' });
    const [, load, table, chart, config, empty, , last] = notebook.cells as NotebookCell[];
    expect(load!.execution_count).toBe(1);
    expect(load!.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['n is 42\n', 'again\n'] },
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['84'] }, metadata: {} },
    ]);
    expect(table!.execution_count).toBe(2);
    const [html, plain] = table!.outputs!;
    expect(html).toMatchObject({ output_type: 'display_data', data: { 'application/json': [{ variant: 'seed', speedup: 2.5 }] } });
    expect((html as { data: Record<string, string[]> }).data['text/html']!.join('')).toContain('<table');
    expect(plain).toEqual({ output_type: 'display_data', data: { 'text/plain': ['plain'] }, metadata: {} });
    const data = (chart!.outputs![0] as { data: Record<string, unknown> }).data;
    expect(data['application/vnd.vegalite.v5+json']).toMatchObject({ title: { text: 'Chart in a cell' } });
    expect((data['image/svg+xml'] as string[]).join('')).toMatch(/^<svg[\s\S]*Chart in a cell/);
    expect(config!.execution_count).toBe(4);
    expect((config!.outputs![0] as { data: Record<string, string[]> }).data['text/plain']!.join('')).toMatch(/^Experiment nb: 1 variant\(s\) \(seed\)/);
    expect(empty!.execution_count).toBeNull();
    expect(last!.outputs![0]).toMatchObject({ output_type: 'execute_result', execution_count: 5, data: { 'application/json': { n: 42, plan: 'nb' } } });
    const timing = load!.metadata.execution as Record<string, string>;
    expect(Date.parse(timing['shell.execute_reply']!)).toBeGreaterThanOrEqual(Date.parse(timing['shell.execute_reply.started']!));
  });

  it('writes atomically and reads back', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-nb-'));
    const file = path.join(dir, 'tour.cascade.ipynb');
    const { notebook } = await runNotebook(sampleNotebook(), { engine });
    await writeNotebook(file, notebook);
    expect(await readNotebook(file)).toEqual(notebook);
    await fs.rm(dir, { recursive: true });
  });

  it('rejects invalid notebooks naming the place', () => {
    const bad = (mutate: (nb: Record<string, any>) => void) => {
      const nb = JSON.parse(serializeNotebook(sampleNotebook()));
      mutate(nb);
      return () => validateNotebook(nb, 'x.ipynb');
    };
    expect(bad((nb) => (nb.nbformat = 3))).toThrow('x.ipynb: nbformat: expected 4');
    expect(bad((nb) => (nb.cells[1].cell_type = 'python'))).toThrow('cells[1].cell_type');
    expect(bad((nb) => (nb.cells[1].source = 5))).toThrow('cells[1].source');
    expect(bad((nb) => (nb.cells[1].outputs = [{ output_type: 'pretty' }]))).toThrow('cells[1].outputs[0]');
    expect(bad((nb) => (nb.cells[0].outputs = []))).toThrow('cells[0].outputs: a markdown cell has no outputs');
    expect(bad((nb) => (nb.cells[2].id = 'load'))).toThrow('cells[2].id: duplicate');
    expect(bad((nb) => (nb.cells[1].execution_count = -1))).toThrow('cells[1].execution_count');
    expect(() => parseNotebook('{')).toThrow(/not valid JSON/);
  });

  it('completes what Jupyter tolerates: missing ids (4.5), metadata, outputs', () => {
    const nb = validateNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: 'x' }, { id: 'b', cell_type: 'markdown', source: '' }] });
    expect(nb.cells[0]).toMatchObject({ metadata: {}, outputs: [], execution_count: null });
    expect(nb.cells[0]!.id).toMatch(/^[a-z0-9]{8}$/);
    const old = validateNotebook({ nbformat: 4, nbformat_minor: 2, metadata: {}, cells: [{ cell_type: 'markdown', source: '', metadata: {} }] });
    expect(old.cells[0]).not.toHaveProperty('id');
  });
});

describe('cell execution', () => {
  it('tells experiment config cells from JavaScript cells', () => {
    const [code, md] = newNotebook([{ type: 'code', source: '{ "variants": [] }' }, { type: 'markdown', source: '# x' }]).cells;
    expect(cellKind(code!)).toBe('experiment');
    expect(cellKind(md!)).toBe('markdown');
    expect(cellKind({ cell_type: 'code', source: '{ "x": 1 }', metadata: {} })).toBe('javascript');
    expect(cellKind({ cell_type: 'code', source: '{ const a = 1 }', metadata: {} })).toBe('javascript');
  });

  it('returns the last expression, and runs statements as written', async () => {
    expect(await compileJavaScriptCell('const a = 2;\na * 3;')()).toBe(6);
    expect(await compileJavaScriptCell('let a = 2;\nif (a) { a = 5 }')()).toBeUndefined();
    expect(await compileJavaScriptCell('return 4')()).toBe(4);
    expect(await compileJavaScriptCell('const o = [1,\n2]\n')()).toBeUndefined();
    expect(await compileJavaScriptCell('await Promise.resolve(3)')()).toBe(3);
  });

  it('stops at an error by default, giving an error output with ename and evalue', async () => {
    const nb = newNotebook([
      { type: 'code', source: 'ctx.a = 1' },
      { type: 'code', source: 'display("before")\nthrow new RangeError("bad value")' },
      { type: 'code', source: 'ctx.a = 2' },
    ]);
    const run = await runNotebook(nb);
    expect(run).toMatchObject({ executed: 2, completed: false, errors: [{ index: 1, ename: 'RangeError', evalue: 'bad value' }] });
    expect(run.notebook.cells[1]!.outputs).toEqual([
      { output_type: 'display_data', data: { 'text/plain': ['before'] }, metadata: {} },
      { output_type: 'error', ename: 'RangeError', evalue: 'bad value', traceback: ['RangeError: bad value'] },
    ]);
    expect(run.notebook.cells[2]!.execution_count).toBeNull();
  });

  it('continues after an error when asked, and reports config errors by field', async () => {
    const nb = newNotebook([
      { type: 'code', source: '{ "name": "n", "dataset": { "workbook": "a.xlsx" }, "variants": [{ "name": "v", "settings": { "clusterAccuracy": 70 } }] }' },
      { type: 'code', source: 'ctx.after = true\nctx.after' },
    ]);
    const run = await runNotebook(nb, { continueOnError: true, fullTraceback: true });
    expect(run.completed).toBe(true);
    expect(run.errors[0]).toMatchObject({ index: 0, ename: 'ExperimentConfigError' });
    expect(run.errors[0]!.evalue).toMatch(/^variants\[0\]\.settings\.clusterAccuracy: /);
    const error = run.notebook.cells[0]!.outputs![0] as { traceback: string[] };
    expect(error.traceback.length).toBeGreaterThan(1);
    expect(run.notebook.cells[1]!.execution_count).toBe(2);
  });

  it('runs config cells through runExperiment and keeps session state across cells', async () => {
    const session = createNotebookSession({
      runExperiment: async (plan) => ({ ran: plan.name, variants: plan.variants.length }),
      baseDir: '/nb',
    });
    const nb = newNotebook([
      { type: 'code', source: '{ "experiment": { "name": "e1", "dataset": { "generate": { "rows": 10 } }, "variants": [{ "name": "a" }] } }' },
      { type: 'code', source: 'ctx.results.ran + "/" + ctx.experiment.dataset.labelColumn' },
    ]);
    expect(await session.execute(nb.cells[0]!, 0)).toBe(true);
    expect(await session.execute(nb.cells[1]!, 1)).toBe(true);
    expect(session.executionCount).toBe(2);
    expect(nb.cells[1]!.outputs![0]).toMatchObject({ data: { 'text/plain': ['e1/Label'] } });
  });

  it('accepts an injected executor', async () => {
    const seen: string[] = [];
    const run = await runNotebook(newNotebook([{ type: 'code', source: 'anything' }]), {
      executeCell: async (cell) => {
        seen.push(`${cell.kind}:${cell.source}`);
        return 'ok';
      },
    });
    expect(seen).toEqual(['javascript:anything']);
    expect(run.notebook.cells[0]!.outputs![0]).toMatchObject({ output_type: 'execute_result', data: { 'text/plain': ['ok'] } });
  });
});

// The serializer's mapping nbformat ⇄ VS Code notebook data: lossless round trips and outputs by mime.
import { existsSync, readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { newNotebook, parseNotebook, serializeNotebook, type Notebook, type NotebookOutput } from '../../../engine/experiment/notebook.ts';
import { runNotebook } from '../../../engine/experiment/notebook-run.ts';
import {
  CODE,
  dataToNotebook,
  ERROR_MIME,
  languageOf,
  MARKUP,
  notebookToData,
  outputToData,
  STDERR_MIME,
  STDOUT_MIME,
  TABLE_RECORDS_MIME,
  VEGA_LITE_MIME,
  type CellData,
} from '../../../extension/src/notebook/cell-data.ts';

const roundTrip = (text: string) => serializeNotebook(dataToNotebook(notebookToData(parseNotebook(text))));
const text = (data: Uint8Array) => new TextDecoder().decode(data);

const SPEC = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: 'bars',
  data: { values: [{ a: 'x', b: 1 }, { a: 'y', b: 2 }] },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
};

/** A notebook executed by the engine's runner, with every kind of output. */
async function executedNotebook(): Promise<Notebook> {
  const nb = newNotebook([
    { type: 'markdown', source: '# Title\n\nSome *text*.' },
    { type: 'code', source: "console.log('hello');\nconsole.error('careful');\nctx.n = 41;\nctx.n + 1" },
    { type: 'code', source: 'display(engine.aq.from([{ a: 1, b: "x" }, { a: 2, b: "y" }]));\n"done"' },
    { type: 'code', source: 'engine.spec' },
    { type: 'code', source: '{ "experiment": { "name": "x", "dataset": { "generate": { "rows": 10 } }, "variants": [] } }' },
    { type: 'code', source: "throw new RangeError('no such column: Tekst')" },
  ]);
  const run = await runNotebook(nb, { engine: { aq, spec: SPEC }, continueOnError: true, now: () => new Date('2025-01-01T00:00:00Z') });
  return run.notebook;
}

describe('notebook ⇄ VS Code data', () => {
  it('writes back byte for byte what the engine wrote after a run (outputs, ids, metadata, key order)', async () => {
    const file = serializeNotebook(await executedNotebook());
    expect(roundTrip(file)).toBe(file);
    expect(roundTrip(roundTrip(file))).toBe(file);
  });

  it('keeps the repository\'s tour notebook as it is', () => {
    const tour = new URL('../../../experiments/cascade-tour.cascade.ipynb', import.meta.url);
    if (!existsSync(tour)) return;
    const file = readFileSync(tour, 'utf8');
    expect(roundTrip(file)).toBe(file);
    // VS Code's own ipynb editor (where a *.cascade.ipynb opens by default) takes a cell's language from
    // metadata.vscode.languageId, else the notebook's (javascript): a config cell without it shows syntax errors.
    const cells = (JSON.parse(file) as Notebook).cells.filter((c) => c.cell_type === 'code');
    const configCells = cells.filter((c) => languageOf(c, Array.isArray(c.source) ? c.source.join('') : c.source) === 'json');
    expect(configCells.length).toBeGreaterThan(0);
    for (const cell of configCells) expect(cell.metadata, String(cell.id)).toMatchObject({ vscode: { languageId: 'json' } });
  });

  it('keeps a Jupyter-written notebook as it is: sorted keys, strings for sources, unknown metadata, nbformat 4.4 without ids', () => {
    const jupyter = {
      cells: [
        { cell_type: 'markdown', metadata: { tags: ['intro'] }, source: 'one line' },
        {
          cell_type: 'code',
          execution_count: 3,
          metadata: { collapsed: false, scrolled: true },
          outputs: [
            { name: 'stdout', output_type: 'stream', text: 'a\nb\n' },
            { data: { 'text/plain': '42', 'image/png': 'iVBORw0KGgo=' }, execution_count: 3, metadata: { isolated: true }, output_type: 'execute_result' },
            { data: { 'application/json': { k: [1, 2] }, 'text/plain': ['{k: [1, 2]}'] }, metadata: {}, output_type: 'display_data' },
          ],
          source: ['x = 1\n', 'x'],
        },
        { cell_type: 'raw', metadata: {}, source: 'raw text' },
      ],
      metadata: { kernelspec: { name: 'python3' }, custom: { deep: [1, { x: null }] } },
      nbformat: 4,
      nbformat_minor: 4,
    };
    const file = `${JSON.stringify(jupyter, null, 1)}\n`;
    expect(roundTrip(file)).toBe(file);
  });

  it('maps cells to kinds and languages: markdown, JSON experiment configs, JavaScript, raw', async () => {
    const data = notebookToData(await executedNotebook());
    expect(data.cells.map((c) => [c.kind, c.languageId])).toEqual([
      [MARKUP, 'markdown'],
      [CODE, 'javascript'],
      [CODE, 'javascript'],
      [CODE, 'javascript'],
      [CODE, 'json'],
      [CODE, 'javascript'],
    ]);
    expect(data.cells[1]!.executionSummary).toEqual({ executionOrder: 1 });
    expect(languageOf({ cell_type: 'code' }, '{ "variants": [] }')).toBe('json');
    expect(languageOf({ cell_type: 'code' }, '{ let x = 1; }')).toBe('javascript');
    expect(languageOf({ cell_type: 'raw' }, 'x')).toBe('raw');
  });

  it('gives outputs by mime: streams, tables (HTML shown, JSON records kept), charts (Vega-Lite first, SVG fallback), errors without stack', async () => {
    const nb = await executedNotebook();
    const outputs = nb.cells.map((c) => (c.outputs ?? []).map(outputToData));
    const [stdout, stderr, result] = outputs[1]!;
    expect(stdout!.items.map((i) => [i.mime, text(i.data)])).toEqual([[STDOUT_MIME, 'hello\n']]);
    expect(stderr!.items.map((i) => [i.mime, text(i.data)])).toEqual([[STDERR_MIME, 'careful\n']]);
    expect(result!.items.map((i) => [i.mime, text(i.data)])).toEqual([['text/plain', '42']]);

    const [table] = outputs[2]!;
    expect(table!.items.map((i) => i.mime)).toEqual(['text/html', TABLE_RECORDS_MIME, 'text/plain']);
    expect(text(table!.items[0]!.data)).toMatch(/^<table>/);
    expect(JSON.parse(text(table!.items[1]!.data))).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(table!.metadata).toMatchObject({ outputType: 'display_data', clauseCascade: true });

    const [chart] = outputs[3]!;
    expect(chart!.items.map((i) => i.mime)).toEqual([VEGA_LITE_MIME, 'image/svg+xml', 'text/plain']);
    expect(JSON.parse(text(chart!.items[0]!.data))).toMatchObject({ mark: 'bar' });
    expect(text(chart!.items[1]!.data)).toMatch(/^<svg/);

    const [error] = outputs[5]!;
    expect(error!.items.map((i) => i.mime)).toEqual([ERROR_MIME]);
    expect(JSON.parse(text(error!.items[0]!.data))).toEqual({ name: 'RangeError', message: 'no such column: Tekst' });
  });

  it('shows the stack of an error only when the engine put it in the traceback (developer mode)', () => {
    const output: NotebookOutput = { output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['Error: boom', 'at cell (1:1)'] };
    const error = JSON.parse(text(outputToData(output).items[0]!.data));
    expect(error).toEqual({ name: 'Error', message: 'boom', stack: 'Error: boom\nat cell (1:1)' });
  });

  it('gives new and copied cells fresh ids and the engine layout; execution order comes from VS Code', () => {
    const original = newNotebook([{ type: 'code', source: '1 + 1' }]);
    const data = notebookToData(original);
    const copy = structuredClone(data.cells[0]!);
    const fresh: CellData = { kind: CODE, value: 'ctx.x = 2\nctx.x', languageId: 'javascript', executionSummary: { executionOrder: 7 }, outputs: [] };
    const nb = dataToNotebook({ ...data, cells: [data.cells[0]!, copy, fresh, { kind: MARKUP, value: 'text', languageId: 'markdown' }] });
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(original.cells[0]!.id);
    expect(Object.keys(nb.cells[2]!)).toEqual(['id', 'cell_type', 'metadata', 'source', 'execution_count', 'outputs']);
    expect(nb.cells[2]).toMatchObject({ cell_type: 'code', source: ['ctx.x = 2\n', 'ctx.x'], execution_count: 7, outputs: [] });
    expect(Object.keys(nb.cells[3]!)).toEqual(['id', 'cell_type', 'metadata', 'source']);
    // The result is valid nbformat for the engine.
    expect(() => parseNotebook(serializeNotebook(nb))).not.toThrow();
  });
});

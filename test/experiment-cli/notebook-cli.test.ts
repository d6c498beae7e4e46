/** `clause-cascade notebook run` on the committed tour notebook, through the real CLI. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellSource, parseNotebook, readNotebook, type Notebook } from '../../engine/experiment/notebook.ts';
import { defaultNotebookOut } from '../../engine/experiment/command-actions.ts';
import { cli, ROOT, tempDir } from '../cli/helpers.ts';

const TOUR = path.join(ROOT, 'experiments', 'cascade-tour.cascade.ipynb');
let dir: string;
const outputs: Notebook[] = [];

/** Outputs apart from timings: execution timestamps dropped, cells tagged `timings` reduced to their output kinds. */
function comparable(nb: Notebook) {
  return nb.cells.map((c) => {
    const tags = (c.metadata.tags as string[] | undefined) ?? [];
    const outs = (c.outputs ?? []).map((o) => (tags.includes('timings') ? { type: o.output_type, mimes: 'data' in o ? Object.keys(o.data).sort() : [] } : o));
    return { id: c.id, type: c.cell_type, source: cellSource(c), count: c.execution_count, outputs: outs };
  });
}

beforeAll(async () => {
  dir = await tempDir('notebook-cli-');
  for (let i = 0; i < 2; i++) {
    const out = path.join(dir, `tour-${i}.ipynb`);
    const run = await cli(['notebook', 'run', TOUR, '--out', out, '--quiet']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    outputs.push(await readNotebook(out));
  }
}, 300_000);

describe('notebook run', () => {
  it('writes a valid nbformat 4 notebook with outputs in every code cell, keeping cells and metadata', async () => {
    const input = await readNotebook(TOUR);
    const nb = outputs[0]!;
    expect(() => parseNotebook(JSON.stringify(nb))).not.toThrow();
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata).toEqual(input.metadata);
    expect((nb.metadata.kernelspec as { name: string }).name).toBe('clause-cascade');
    expect(nb.cells.map((c) => [c.id, c.cell_type, cellSource(c)])).toEqual(input.cells.map((c) => [c.id, c.cell_type, cellSource(c)]));
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThanOrEqual(6);
    for (const cell of code) {
      expect(cell.outputs!.length, `cell ${cell.id}`).toBeGreaterThan(0);
      expect(cell.outputs!.some((o) => o.output_type === 'error'), `cell ${cell.id}`).toBe(false);
      expect(cell.execution_count).toBeGreaterThan(0);
    }
    // charts carry Vega-Lite and an SVG fallback; tables HTML and JSON
    const mimes = code.flatMap((c) => c.outputs!.flatMap((o) => ('data' in o ? Object.keys(o.data) : [])));
    expect(mimes).toContain('application/vnd.vegalite.v5+json');
    expect(mimes).toContain('image/svg+xml');
    expect(mimes).toContain('text/html');
    // the input notebook is not touched
    expect((await readNotebook(TOUR)).cells.every((c) => c.cell_type !== 'code' || (c.outputs ?? []).length === 0)).toBe(true);
  });

  it('gives identical outputs on a second run apart from timings', () => {
    expect(comparable(outputs[1]!)).toEqual(comparable(outputs[0]!));
  });

  it('shows lossless with 0 differing rows and ARI 1', () => {
    const cell = outputs[0]!.cells.find((c) => c.id === 'lossless')!;
    const text = cell.outputs!.map((o) => (o.output_type === 'stream' ? ([] as string[]).concat(o.text).join('') : '')).join('');
    expect(text).toContain('rows whose cluster differs: 0; ARI lossless vs full: 1.0000');
  });

  it('defaults to <name>.out.ipynb beside the input, keeping the .cascade.ipynb suffix', async () => {
    expect(defaultNotebookOut('/x/tour.cascade.ipynb')).toBe('/x/tour.out.cascade.ipynb');
    expect(defaultNotebookOut('/x/plain.ipynb')).toBe('/x/plain.out.ipynb');
  });

  it('exits 1 when a cell fails (writing the outputs so far) and 2 for bad flags', async () => {
    const bad = path.join(dir, 'bad.ipynb');
    await fs.writeFile(
      bad,
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: 'a', cell_type: 'code', metadata: {}, source: 'throw new Error("boom")', outputs: [], execution_count: null }] }),
    );
    const run = await cli(['notebook', 'run', bad, '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('boom');
    const written = await readNotebook(path.join(dir, 'bad.out.ipynb'));
    expect(written.cells[0]!.outputs![0]).toMatchObject({ output_type: 'error', evalue: 'boom' });
    expect((await cli(['notebook', 'run', bad, '--allow-errors', '--quiet'])).code).toBe(0);
    expect((await cli(['notebook', 'run', bad, '--out', path.join(dir, 'x.txt')])).code).toBe(2);
    expect((await cli(['notebook', 'run', path.join(dir, 'missing.ipynb')])).code).toBe(1);
  });
});

/**
 * A second, independent reader: openpyxl (Python) loads the report and sees what it sees in the exceljs reference
 * report — values, formats, widths, frozen pane and filter. openpyxl does not decode the OOXML escapes of cells.ts,
 * so it shows the stored texts (`_x000D_` for CR), in both reports alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../engine/report/excel.ts';
import { referenceReport } from './exceljs-reference.ts';
import { makeResult, ROWS } from './make-result.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python', 'openpyxl_view.py');
const probe = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
const hasOpenpyxl = probe.status === 0;
if (!hasOpenpyxl) console.warn(`openpyxl tests skipped: ${PYTHON} -c "import openpyxl" failed (install python3-openpyxl).`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'report-openpyxl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type CellView = [value: unknown, bold: boolean, wrap: boolean, vertical: string | null, numberFormat: string, quotePrefix: boolean, fill: string | null];
interface SheetView {
  rows: CellView[][];
  widths: number[];
  freeze: string | null;
  filter: string | null;
}

function openpyxlView(file: string): Record<string, SheetView> {
  const run = spawnSync(PYTHON, [SCRIPT, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`openpyxl could not load ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, SheetView>;
}

describe.skipIf(!hasOpenpyxl)('openpyxl reads the report', () => {
  it('with the values and formats of the exceljs reference report', async () => {
    const result = makeResult();
    const file = path.join(dir, 'report.xlsx');
    await writeReport(result, file);
    const referenceFile = path.join(dir, 'reference.xlsx');
    writeFileSync(referenceFile, (await referenceReport(result)).bytes);
    const view = openpyxlView(file);
    expect(view).toEqual(openpyxlView(referenceFile));

    const results = view.Analyseresultaten!;
    expect(Object.keys(view)).toEqual(['Analyseresultaten', 'Clusters', 'Statistieken']);
    expect(results.rows).toHaveLength(1 + ROWS.length);
    expect(results.freeze).toBe('A2');
    expect(results.filter).toBe('A1:N11');
    expect(results.widths).toEqual([10, 12, 40, 11, 28, 11, 60, 30, 80, 13, 20, 10, 20, 11]);
    expect(results.rows[0]!.every((cell) => cell[1])).toBe(true); // bold header
    expect(results.rows[1]![8]).toEqual([ROWS[0]!.text, false, true, 'top', 'General', false, null]);
    expect(results.rows[5]![8]).toEqual(['=SUM(A1)', false, true, 'top', '@', true, null]);
    expect(results.rows[1]![4]).toEqual(['BEHOUDEN (CLAUSULE)', false, false, null, 'General', false, 'FFC6EFCE']);
    expect(results.rows[1]![3]![0]).toBe(3);
    expect(results.rows[4]![13]![0]).toBe('_x000D_CR_x000D_\nregel');
  });
});

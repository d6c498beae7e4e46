/**
 * The report the engine writes (own .xlsx writer, original cells read again from the source) has exactly the
 * values and formats of the reference report exceljs builds in memory from the whole input table, as the engine
 * wrote it before (exceljs-reference.ts): cell values and types, bold, alignment, number format, quote prefix,
 * fills, column widths, frozen pane and filter.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings, runAnalysis } from '../../engine/index.ts';
import { readPolicyWorkbook } from '../../engine/ingest/index.ts';
import type { AnalysisResult } from '../../engine/pipeline/types.ts';
import { writeReport } from '../../engine/report/excel.ts';
import { writeEveryKindWorkbook } from '../ingest/every-kind.ts';
import { referenceReport } from './exceljs-reference.ts';
import { makeResult } from './make-result.ts';
import { openParts } from './xlsx-parts.ts';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample/policies.xlsx');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'report-differential-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a reader sees of each sheet: every cell's value, type and format, widths, views and filter. */
function sheetView(workbook: ExcelJS.Workbook): Record<string, unknown> {
  const sheets: Record<string, unknown> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill?.type === 'pattern' ? { pattern: cell.fill.pattern, argb: cell.fill.fgColor?.argb } : undefined;
        cells.push([cell.value, cell.type, cell.font?.bold === true, cell.alignment ?? null, cell.numFmt ?? null, fill ?? null]);
      });
      rows[r - 1] = cells;
    });
    const widths = Array.from({ length: sheet.columnCount }, (_, c) => sheet.getColumn(c + 1).width);
    sheets[sheet.name] = { rows, widths, views: sheet.views, autoFilter: sheet.autoFilter };
  }
  return sheets;
}

/** Which cells carry quotePrefix="1", per sheet; exceljs does not read the flag, so it is taken from the XML. */
async function quotePrefixedCells(bytes: Uint8Array): Promise<string[][]> {
  const parts = await openParts(bytes);
  const cellXfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(await parts.stylesXml())![0];
  const quoted = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => /\bquotePrefix="1"/.test(m[0]));
  const sheets: string[][] = [];
  for (const index of [1, 2, 3]) {
    const xml = await parts.sheetXml(index);
    sheets.push([...xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?/g)].filter((m) => quoted[Number(m[2] ?? 0)]).map((m) => m[1]!));
  }
  return sheets;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
}

/**
 * `result.table` must hold its rows: the reference needs them. With `reread`, the engine's report is also written
 * with the original cells read again from the source, as for a large input.
 */
async function expectSameAsReference(result: AnalysisResult, name: string, reread: boolean): Promise<void> {
  const reference = await referenceReport(result);
  const expected = sheetView(await load(reference.bytes));
  const expectedQuoted = await quotePrefixedCells(reference.bytes);
  // with the rows the first pass kept, and with the original cells read again from the source
  const tables = reread ? [result.table, { ...result.table, rows: undefined }] : [result.table];
  for (const [i, table] of tables.entries()) {
    const file = path.join(dir, `${name}.${i}.xlsx`);
    const { shortenedCells } = await writeReport({ ...result, table }, file);
    const bytes = new Uint8Array(readFileSync(file));
    expect(sheetView(await load(bytes))).toEqual(expected);
    expect(await quotePrefixedCells(bytes)).toEqual(expectedQuoted);
    expect(shortenedCells).toBe(reference.shortenedCells);
  }
}

async function analysed(file: string, sheet: string): Promise<AnalysisResult> {
  const settings = resolveSettings({ mode: 'fast', referenceDate: '2026-01-01', 'input.sheet': sheet });
  const result = await runAnalysis({ policyFile: file, settings });
  return { ...result, table: await readPolicyWorkbook(file, settings.input) };
}

describe('the report equals the exceljs reference report', () => {
  it('on a result with texts that need every safety rule (formula-like, XML-illegal, over-long, _x000D_, DEL)', async () => {
    const result = makeResult();
    await expectSameAsReference(result, 'safety', false);
    expect((await quotePrefixedCells((await referenceReport(result)).bytes))[0]!.length).toBeGreaterThan(3);
  });

  it('on a workbook with every kind of cell', async () => {
    const file = path.join(dir, 'every-kind.xlsx');
    await writeEveryKindWorkbook(file);
    await expectSameAsReference(await analysed(file, 'Polissen'), 'every-kind', true);
  });

  it('on a .csv with quoted line breaks, formula-like texts and a line wider than the header', async () => {
    const file = path.join(dir, 'polissen.csv');
    writeFileSync(file, 'Polisnummer;Clausule;Opmerking\r\nP1;"Glas\r\nregel 2";=SUM(A1)\r\nP2;Storm schade is gedekt;-korting;extra\r\n\r\nP3;Storm schade is gedekt;\r\n');
    await expectSameAsReference(await analysed(file, ''), 'csv', true);
  });

  it('on the sample workbook', async () => {
    await expectSameAsReference(await analysed(SAMPLE, ''), 'sample', true);
  }, 120_000);
});

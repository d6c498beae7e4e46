/**
 * The streaming reader (first pass: clause columns; second pass: original cells) gives exactly what the
 * whole-workbook reader gives, on every kind of cell and layout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyClauses, readPolicyClauses, readPolicyWorkbook, readTableRows } from '../../engine/ingest/index.ts';
import type { Settings } from '../../engine/config/settings.ts';
import { writeEveryKindWorkbook } from './every-kind.ts';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample/policies.xlsx');
const AUTO: Settings['input'] = { sheet: '', textColumn: '', policyColumn: '' };

let dir: string;
let everyKind: string;
let wide: string;

/** 1,500 rows; only row 1,400 has a fifth cell, so the header `Kolom 5` appears after the first 1,000 rows. */
async function writeWide(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Blad1');
  sheet.addRow(['Polis', 'Code', 'Omschrijving', 'Notitie']);
  for (let i = 1; i <= 1500; i++) sheet.addRow([`P${i}`, `C${i % 7}`, `Clausule ${i % 40} over de dekking van schade`, i % 2 ? 'kort' : '']);
  sheet.getCell(1401, 5).value = 'Late tekst in een kolom zonder kop die langer is dan alle andere teksten';
  await workbook.xlsx.writeFile(file);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ingest-streaming-'));
  everyKind = path.join(dir, 'every-kind.xlsx');
  wide = path.join(dir, 'wide.xlsx');
  await Promise.all([writeEveryKindWorkbook(everyKind), writeWide(wide)]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectSameAsWholeReader(file: string, input: Settings['input']): Promise<void> {
  const { rows, ...whole } = await readPolicyWorkbook(file, input);
  const streamed = await readPolicyClauses(file, input);
  expect(streamed.table).toEqual(whole);
  expect(streamed.clauses).toEqual(policyClauses({ ...whole, rows }));
  const again: string[][] = [];
  for await (const cells of readTableRows(streamed.table, streamed.clauses.texts.length)) again.push(cells);
  expect(again).toEqual(rows.map((row) => row.cells));
}

describe('streaming .xlsx reading equals the whole-workbook reader', () => {
  it('on every kind of cell: rich text, hyperlinks, numbers, dates, formulas, errors, escapes, merges, gaps', async () => {
    await expectSameAsWholeReader(everyKind, { ...AUTO, sheet: 'polissen' });
    await expectSameAsWholeReader(everyKind, { ...AUTO, sheet: '2', textColumn: 'Opmerking', policyColumn: 'none' });
  });

  it('on the sample workbook', async () => {
    await expectSameAsWholeReader(SAMPLE, AUTO);
  });

  it('when a column appears only after the rows that choose the text column', async () => {
    await expectSameAsWholeReader(wide, AUTO);
    // The override names a header that only exists from row 1,401 on: the rows are read a second time.
    await expectSameAsWholeReader(wide, { ...AUTO, textColumn: 'Kolom 5' });
  });

  it('refuses a source that changed between the two passes', async () => {
    const { table, clauses } = await readPolicyClauses(wide, AUTO);
    const read = async (): Promise<number> => {
      let n = 0;
      for await (const _ of readTableRows(table, clauses.texts.length + 1)) n++;
      return n;
    };
    await expect(read()).rejects.toThrow(/changed while it was being analysed/);
  });
});

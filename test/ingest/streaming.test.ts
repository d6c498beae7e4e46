/**
 * The streaming reader (first pass: clause columns; second pass: original cells) gives exactly what the
 * whole-workbook reader gives, on every kind of cell and layout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParser, parseCsv } from '../../engine/ingest/csv.ts';
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
  // Read again from the source (0), and kept from the first pass (a small table's rows stay in memory).
  for (const keepRowsUpTo of [0, Number.POSITIVE_INFINITY]) {
    const streamed = await readPolicyClauses(file, input, { keepRowsUpTo });
    const { rows: kept, ...table } = streamed.table;
    expect(table).toEqual(whole);
    expect(kept).toEqual(keepRowsUpTo === 0 ? undefined : rows);
    expect(streamed.clauses).toEqual(policyClauses({ ...whole, rows }));
    const again: string[][] = [];
    for await (const cells of readTableRows(streamed.table, streamed.clauses.texts.length)) again.push(cells);
    expect(again).toEqual(rows.map((row) => row.cells));
  }
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
    const { table, clauses } = await readPolicyClauses(wide, AUTO, { keepRowsUpTo: 0 });
    const read = async (): Promise<number> => {
      let n = 0;
      for await (const _ of readTableRows(table, clauses.texts.length + 1)) n++;
      return n;
    };
    await expect(read()).rejects.toThrow(/changed while it was being analysed/);
  });
});

describe('streaming .csv reading equals the whole-file reader', () => {
  const csvFile = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('on the Windows-1252 fixture', async () => {
    await expectSameAsWholeReader(path.resolve(path.dirname(SAMPLE), '../csv/polissen-win1252.csv'), AUTO);
  });

  it('on UTF-16, BOMs, CRLF, quoted line breaks, wide and whitespace-only lines, trailing empty lines', async () => {
    const body = 'Polisnr;Clausule;Notitie\r\nA1;"Glas € 100\r\nregel 2";x\r\n ; \r\n;;;;;\r\nA2;Storm;y;extra\r\n\r\n\r\n';
    await expectSameAsWholeReader(csvFile('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])), AUTO);
    await expectSameAsWholeReader(csvFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])), AUTO);
    await expectSameAsWholeReader(csvFile('plain.csv', body.replaceAll('€', 'EUR')), AUTO);
  });

  it('with an unterminated quote and a header-only file', async () => {
    await expectSameAsWholeReader(csvFile('open-quote.csv', 'Tekst,Polis\nEen,1\n"Twee\nDrie,3\n'), AUTO);
    await expectSameAsWholeReader(csvFile('header-only.csv', 'Polisnummer;Vrije Tekst\n'), AUTO);
  });

  it('over many pieces: windows-1252 found after the first megabyte, a column added after the sample', async () => {
    const lines = ['Polis;Omschrijving;Code'];
    for (let i = 1; i <= 30_000; i++) lines.push(`P${i};"Clausule ${i % 50} over ""dekking"" van schade";C${i % 7}`);
    lines.push('P-laatst;Schade aan caf\u00e9;C1;extra kolom');
    const file = csvFile('large.csv', Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    await expectSameAsWholeReader(file, AUTO);
  });
});

describe('CsvParser', () => {
  it('gives the same records however the text is cut into pieces', () => {
    const piece = fc.constantFrom('a', 'b', '"', '""', ';', ',', '\r', '\n', '\r\n', ' ', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), fc.constantFrom(';' as const, null), (parts, cuts, delimiter) => {
        const text = parts.join('');
        const parser = new CsvParser(delimiter);
        const records = [];
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b).map((c) => Math.min(c, text.length))) {
          records.push(...parser.push(text.slice(from, cut)));
          from = Math.max(from, cut);
        }
        records.push(...parser.push(text.slice(from)));
        const rest = parser.end();
        expect({ records: [...records, ...rest.records], unterminatedQuoteLine: rest.unterminatedQuoteLine }).toEqual(parseCsv(text, delimiter));
      }),
      { numRuns: 500 },
    );
  });
});

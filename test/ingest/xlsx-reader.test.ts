/**
 * The own streaming .xlsx reader against exceljs' WorkbookReader (the former reader, kept as the oracle): the same
 * records on the sample, every kind of cell, generated workbooks, the 1904 date system and exceljs' streaming writer;
 * the same messages on damaged workbooks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../engine/ingest/table.ts';
import { streamXlsxSheet } from '../../engine/ingest/xlsx-stream.ts';
import { listZipEntries } from '../../engine/ingest/zip-directory.ts';
import { entryText, entryTextPieces } from '../../engine/ingest/zip-text.ts';
import { streamWithExceljs } from './exceljs-oracle.ts';
import { writeEveryKindWorkbook } from './every-kind.ts';
import { makeZip } from './zip-fixture.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(root, 'fixtures/sample/policies.xlsx');

let dir: string;
const inDir = (name: string): string => path.join(dir, name);
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'xlsx-reader-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(records: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const all: SourceRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

async function ownRead(file: string, sheet: string): Promise<{ sheet: string; sheetCount: number; records: SourceRecord[] }> {
  const streamed = await streamXlsxSheet(readFileSync(file), file, sheet);
  return { sheet: streamed.sheet, sheetCount: streamed.sheetCount, records: await collect(streamed.records) };
}

async function oracleRead(file: string, sheet: string): Promise<{ sheet: string; sheetCount: number; records: SourceRecord[] }> {
  const streamed = await streamWithExceljs(file, sheet);
  return { sheet: streamed.sheet, sheetCount: streamed.sheetCount, records: await collect(streamed.records) };
}

async function expectSameAsExceljs(file: string, sheet = ''): Promise<SourceRecord[]> {
  const own = await ownRead(file, sheet);
  expect(own).toEqual(await oracleRead(file, sheet));
  return own.records;
}

/** Numbers and dates in every built-in and a few custom formats, a row style, formulas of each result type. */
function fillFormats(sheet: ExcelJS.Worksheet): void {
  sheet.addRow(['Soort', 'Waarde', 'Tekst']);
  const formats = ['General', '0.00', 'mm-dd-yy', 'd-mmm-yy', 'h:mm:ss', 'yyyy-mm-dd hh:mm', '[h]:mm:ss', '"dag"0', '[Red]0.0', '#,##0 "m"', 'dd\\.mm\\.yyyy', '@'];
  formats.forEach((format, i) => {
    const row = sheet.addRow([format, 45000.5 + i * 37.25, `r${i} &amp; <x> _x0041_`]);
    row.getCell(2).numFmt = format;
  });
  const dated = sheet.addRow(['rijstijl', 45123.75, 1.5]);
  dated.numFmt = 'yyyy-mm-dd'; // a row style applies to its cells without a style of their own
  sheet.addRow(['datum', new Date(Date.UTC(1904, 0, 1, 6)), new Date(Date.UTC(2030, 11, 31, 23, 59, 59))]);
  sheet.addRow(['formules', { formula: '1+1', result: 2 }, { formula: 'A1&"x"', result: 'Soortx' }]);
  sheet.addRow(['nul-uitkomsten', { formula: '0*1', result: 0 }, { formula: 'T("")', result: '' }]);
  sheet.addRow(['fout', { formula: 'NA()', result: { error: '#N/A' } } as never, { error: '#DIV/0!' }]);
  sheet.addRow(['waar', true, false]);
}

describe('own .xlsx reader equals exceljs WorkbookReader', () => {
  it('on the sample workbook', async () => {
    const records = await expectSameAsExceljs(SAMPLE);
    expect(records.length).toBeGreaterThan(2000);
  });

  it('on every kind of cell, both sheets, chosen by name and by number', async () => {
    const file = inDir('every-kind.xlsx');
    await writeEveryKindWorkbook(file);
    await expectSameAsExceljs(file, 'polissen');
    await expectSameAsExceljs(file, '1');
    const records = await expectSameAsExceljs(file, 'Polissen');
    expect(records.map((r) => r.cells[2])).toContain('Eigen risico \r letterlijk');
  });

  it('on a generated workbook of 5,000 rows', async () => {
    const file = inDir('heldout.xlsx');
    execFileSync(process.execPath, [path.join(root, 'bin/clause-cascade.js'), 'generate', '--rows', '5000', '--style', 'heldout', '--seed', '7', '--out', file], { stdio: 'ignore' });
    const records = await expectSameAsExceljs(file);
    expect(records).toHaveLength(5001);
  }, 60_000);

  it('with the 1900 and the 1904 date system, built-in and custom formats, row styles and formula results', async () => {
    const dates: string[] = [];
    for (const date1904 of [false, true]) {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      fillFormats(workbook.addWorksheet('Formaten'));
      const file = inDir(`formats-${date1904}.xlsx`);
      await workbook.xlsx.writeFile(file);
      const records = await expectSameAsExceljs(file);
      dates.push(records[3]!.cells[1]!);
    }
    // The same serial number, four years and a day apart in the two date systems.
    expect(dates).toEqual(['2023-05-29', '2027-05-30']);
  });

  it('on workbooks from exceljs streaming writer, with and without shared strings', async () => {
    for (const useSharedStrings of [true, false]) {
      const file = inDir(`streamed-${useSharedStrings}.xlsx`);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: true });
      fillFormats(workbook.addWorksheet('Blad1'));
      const sheet = workbook.getWorksheet('Blad1')!;
      for (let i = 0; i < 3000; i++) sheet.addRow([`P-${i}`, i % 5 === 0 ? '' : `Clausule ${i} met é, € en “quotes” ${'x'.repeat(i % 97)}`, i * 1.25]).commit();
      await workbook.commit();
      await expectSameAsExceljs(file);
    }
  });

  it('joins the runs of an inline rich string, where exceljs streaming kept only the last run', async () => {
    const file = inDir('inline-rich.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['Kop', { richText: [{ text: 'Eigen ' }, { text: 'risico', font: { bold: true } }] }]).commit();
    await workbook.commit();
    expect((await ownRead(file, '')).records[0]!.cells).toEqual(['Kop', 'Eigen risico']);
    expect((await oracleRead(file, '')).records[0]!.cells).toEqual(['Kop', 'risico']);
  });
});

/** The entries of a workbook rewritten as a stored zip, `change` applied to the name → text map first. */
function rewrite(file: string, change: (parts: Map<string, string>) => void): string {
  const bytes = readFileSync(file);
  const parts = new Map(listZipEntries(bytes).map((entry) => [entry.name, entryText(bytes, entry)]));
  change(parts);
  const out = inDir(`changed-${path.basename(file)}`);
  writeFileSync(out, makeZip([...parts].map(([name, data]) => ({ name, data }))));
  return out;
}

describe('text read in pieces', () => {
  // exceljs' streaming reader turned such a character into U+FFFD: 34 of the 1M held-out rows read `€100` as `��100`.
  it('keeps a character whose UTF-8 bytes straddle two pieces', async () => {
    const text = `${'a'.repeat(256 * 1024 - 1)}€100 ${'b'.repeat(1000)}`;
    const bytes = makeZip([{ name: 'xl/sharedStrings.xml', data: text }]);
    const [entry] = listZipEntries(bytes);
    const pieces: string[] = [];
    for await (const piece of entryTextPieces(bytes, entry!)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(text);
  });
});

describe('own .xlsx reader on damaged workbooks', () => {
  let everyKind: string;
  beforeAll(async () => {
    everyKind = inDir('every-kind-errors.xlsx');
    await writeEveryKindWorkbook(everyKind);
  });

  it('reads a workbook whose parts are stored instead of deflated, with phonetic readings left out', async () => {
    const file = rewrite(everyKind, (parts) => {
      const strings = parts.get('xl/sharedStrings.xml')!;
      expect(strings).toContain('<t>Clausule</t>');
      parts.set('xl/sharedStrings.xml', strings.replace('<t>Clausule</t>', '<t>Clausule</t><rPh sb="0" eb="1"><t>くら</t></rPh>'));
    });
    expect((await ownRead(file, '2')).records).toEqual((await oracleRead(everyKind, '2')).records);
  });

  it('names a wrong sheet and lists the sheets, as before', async () => {
    await expect(ownRead(everyKind, 'Blad9')).rejects.toThrow(`Sheet "Blad9" was not found in ${everyKind}. The workbook has these sheets: "Voorblad", "Polissen".`);
    await expect(oracleRead(everyKind, 'Blad9')).rejects.toThrow(`Sheet "Blad9" was not found in ${everyKind}.`);
  });

  it('says which sheet has no part', async () => {
    const file = rewrite(everyKind, (parts) => parts.delete('xl/worksheets/sheet2.xml'));
    // The message exceljs gave here; it gave it only when the workbook part came first in the zip.
    await expect(ownRead(file, '2')).rejects.toThrow(`Sheet "Polissen" of ${file} has no worksheet part.`);
    await expect(ownRead(file, '1')).resolves.toMatchObject({ sheet: 'Voorblad', records: [{ sourceLine: 1, cells: ['Alleen een titel'] }] });
  });

  it('calls a zip without a workbook part a file without worksheets', async () => {
    const file = rewrite(everyKind, (parts) => parts.delete('xl/workbook.xml'));
    await expect(ownRead(file, '')).rejects.toThrow(`${file} contains no worksheets (it may not be an .xlsx workbook).`);
  });

  it('reports damaged deflate data and broken XML as a corrupt workbook', async () => {
    const bytes = Buffer.from(readFileSync(everyKind));
    const sheet = listZipEntries(bytes).find((entry) => entry.name === 'xl/worksheets/sheet2.xml')!;
    const start = sheet.localHeaderOffset + 30 + bytes.readUInt16LE(sheet.localHeaderOffset + 26) + bytes.readUInt16LE(sheet.localHeaderOffset + 28);
    bytes.fill(0xff, start + 10, start + 60);
    const damaged = inDir('damaged.xlsx');
    writeFileSync(damaged, bytes);
    await expect(ownRead(damaged, '2')).rejects.toThrow(new RegExp(`^${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a corrupt \\.xlsx workbook and could not be read \\(.+\\)\\. Open it in Excel`));

    const truncatedXml = rewrite(everyKind, (parts) => parts.set('xl/worksheets/sheet2.xml', parts.get('xl/worksheets/sheet2.xml')!.slice(0, 900)));
    await expect(ownRead(truncatedXml, '2')).rejects.toThrow(/is a corrupt \.xlsx workbook and could not be read \(the XML ends in the middle of a tag/);
    const badXml = rewrite(everyKind, (parts) => parts.set('xl/workbook.xml', '<<<not xml'));
    await expect(ownRead(badXml, '')).rejects.toThrow(/is a corrupt \.xlsx workbook and could not be read/);
  });

  it('reports a truncated zip as a corrupt workbook', async () => {
    const bytes = readFileSync(everyKind);
    await expect(streamXlsxSheet(bytes.subarray(0, bytes.length - 200), everyKind, '')).rejects.toThrow(
      `${everyKind} is a corrupt .xlsx workbook and could not be read (the zip directory`,
    );
  });
});

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPolicyClauses, readPolicyWorkbook, readTable } from '../../engine/ingest/index.ts';
import { inspectWorkbookBytes } from '../../engine/ingest/zip-guard.ts';
import { InputError } from '../../engine/util/errors.ts';
import { warningText } from '../../engine/util/warnings.ts';
import { makeZip } from './zip-fixture.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const broken = (name: string): string => path.join(fixtures, 'broken', name);
const AUTO = { sheet: '', textColumn: '', policyColumn: '' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ingest-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('extension and file checks (SPEC §4.1)', () => {
  it('refuses an unsupported extension, naming the file and the accepted extensions', async () => {
    const file = broken('policies.ods');
    await expect(readPolicyWorkbook(file, AUTO)).rejects.toThrow(InputError);
    await expect(readPolicyWorkbook(file, AUTO)).rejects.toThrow(`${file} has an unsupported extension (.ods); accepted are .xlsx and .csv.`);
    await expect(readTable(path.join(dir, 'geen-extensie'))).rejects.toThrow(/geen-extensie has an unsupported extension; accepted are \.xlsx and \.csv/);
  });

  it('checks the extension before the file exists', async () => {
    await expect(readTable(path.join(dir, 'ontbreekt.txt'))).rejects.toThrow(/unsupported extension \(\.txt\)/);
  });

  it('reports a missing file', async () => {
    const file = path.join(dir, 'ontbreekt.xlsx');
    await expect(readTable(file)).rejects.toThrow(`File not found: ${file}`);
  });

  it('reports a folder given as file', async () => {
    const folder = path.join(dir, 'map.csv');
    mkdirSync(folder, { recursive: true });
    await expect(readTable(folder)).rejects.toThrow(/is a folder, not a file/);
  });

  it('accepts upper-case extensions', async () => {
    const file = tempFile('HOOFDLETTERS.CSV', 'Polisnummer;Tekst\n1;Het eigen risico\n');
    const table = await readTable(file);
    expect(table.format).toBe('csv');
    expect(table.rows).toHaveLength(1);
  });

  it('carries the file as an InputError property with exit code 1', async () => {
    const file = broken('policies.ods');
    const error = await readTable(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(file);
    expect((error as InputError).exitCode).toBe(1);
  });
});

describe('broken workbooks (SPEC §4.2)', () => {
  it('refuses random bytes', async () => {
    const file = broken('not-a-workbook.xlsx');
    await expect(readTable(file)).rejects.toThrow(`${file} is corrupt or not an .xlsx workbook (it is not a zip archive).`);
  });

  it('refuses a truncated workbook', async () => {
    const file = broken('truncated.xlsx');
    await expect(readTable(file)).rejects.toThrow(new RegExp(`^${escape(file)} is a corrupt \\.xlsx workbook: .*truncated`));
  });

  it('refuses a password-protected (OLE) file', async () => {
    const file = broken('password-protected.xlsx');
    await expect(readTable(file)).rejects.toThrow(
      `${file} is password-protected or not an .xlsx workbook (encrypted or legacy .xls).`,
    );
  });

  it('refuses an empty file', async () => {
    await expect(readTable(tempFile('leeg.xlsx', ''))).rejects.toThrow(/leeg\.xlsx is corrupt or not an \.xlsx workbook/);
    await expect(readTable(tempFile('leeg.csv', ''))).rejects.toThrow(/leeg\.csv has no header row/);
  });

  it('refuses an empty first sheet with a hint to choose another sheet, and reads the second one', async () => {
    const file = broken('empty-sheet.xlsx');
    await expect(readTable(file)).rejects.toThrow(
      `${file}, sheet "Leeg" has no header row: every cell is empty. Put the column headers in the first row and one clause per row below them, or choose another sheet with input.sheet.`,
    );
    const table = await readPolicyWorkbook(file, { ...AUTO, sheet: '2' });
    expect(table.sheet).toBe('Data');
    expect(table.rows).toHaveLength(1);
  });

  it('wraps exceljs failures on a zip that is not a workbook', async () => {
    const notWorkbook = tempFile('zip-zonder-werkmap.xlsx', makeZip([{ name: 'hello.txt', data: 'hallo' }]));
    await expect(readTable(notWorkbook)).rejects.toThrow(InputError);
    await expect(readTable(notWorkbook)).rejects.toThrow(`${notWorkbook} contains no worksheets (it may not be an .xlsx workbook).`);
    const badXml = tempFile(
      'kapotte-xml.xlsx',
      makeZip([
        { name: '[Content_Types].xml', data: '<Types' },
        { name: 'xl/workbook.xml', data: '<<<not xml' },
        { name: '_rels/.rels', data: '<Relationships><Relationship Id="rId1" Target="xl/workbook.xml"' },
      ]),
    );
    await expect(readTable(badXml)).rejects.toThrow(new RegExp(`^${escape(badXml)} is a corrupt \\.xlsx workbook and could not be read \\(.+\\)\\. Open it in Excel`));
  });

  it('refuses a workbook declaring more than 1 GiB uncompressed', async () => {
    const bomb = tempFile('bom.xlsx', makeZip([{ name: 'a.xml', data: 'x', declaredSize: 0x30000000 }, { name: 'b.xml', data: 'y', declaredSize: 0x20000000 }]));
    await expect(readTable(bomb)).rejects.toThrow(new RegExp(`^${escape(bomb)} declares more than 1\\.3 GiB of uncompressed content, over the 1\\.0 GiB limit`));
  });

  it('reads zip64 sizes from the extra field', () => {
    const verdict = inspectWorkbookBytes(makeZip([{ name: 'a.xml', data: 'x', declaredSize: 5 * 1024 ** 3, zip64: true }]));
    expect(verdict).toEqual({ kind: 'too-large', uncompressedBytes: 5 * 1024 ** 3 });
    expect(inspectWorkbookBytes(makeZip([{ name: 'a.xml', data: 'x', declaredSize: 1000, zip64: true }]))).toEqual({
      kind: 'ok',
      entries: 1,
      uncompressedBytes: 1000,
    });
  });

  it('accepts exactly 1 GiB and sums the declared sizes', () => {
    const exact = makeZip([{ name: 'a', data: '', declaredSize: 1024 ** 3 - 10 }, { name: 'b', data: 'x', declaredSize: 10 }]);
    expect(inspectWorkbookBytes(exact)).toEqual({ kind: 'ok', entries: 2, uncompressedBytes: 1024 ** 3 });
    const over = makeZip([{ name: 'a', data: '', declaredSize: 1024 ** 3 - 10 }, { name: 'b', data: 'x', declaredSize: 11 }]);
    expect(inspectWorkbookBytes(over).kind).toBe('too-large');
  });

  it('finds the end record behind an archive comment and detects damaged directories', () => {
    const zip = makeZip([{ name: 'a', data: 'abc' }]);
    const withComment = Buffer.concat([zip, Buffer.from('commentaar')]);
    withComment.writeUInt16LE(10, zip.length - 2);
    expect(inspectWorkbookBytes(withComment).kind).toBe('ok');
    const damaged = Buffer.from(zip);
    damaged.writeUInt32LE(0xdeadbeef, zip.length - 22 - 46 - 1); // overwrite the central header signature
    expect(inspectWorkbookBytes(damaged).kind).toBe('corrupt');
  });
});

describe('CSV fixtures and policy tables', () => {
  it('reads the Windows-1252 fixture with € signs, curly quotes and a quoted line break', async () => {
    const table = await readPolicyWorkbook(path.join(fixtures, 'csv', 'polissen-win1252.csv'), AUTO);
    expect(table.encoding).toBe('windows-1252');
    expect(table.delimiter).toBe(';');
    expect(table.headers).toEqual(['Polisnummer', 'Vrije Tekst', 'Ingangsdatum']);
    expect(table.rows).toHaveLength(12);
    expect(table.textColumn).toEqual({ index: 1, header: 'Vrije Tekst', rule: 'exact' });
    expect(table.policyColumn).toEqual({ index: 0, header: 'Polisnummer', rule: 'key' });
    const texts = table.rows.map((row) => row.cells[1]);
    expect(texts[0]).toBe('Het eigen risico bedraagt € 250 per gebeurtenis.');
    expect(texts[2]).toBe('“Molestschade” is niet meegeverzekerd.');
    expect(texts[3]).toContain('‘inbraakbeveiliging’');
    expect(texts[4]).toBe('Dekking geldt alleen voor het adres:\r\nDorpsstraat 1, 1234 AB Ergens');
    expect(texts[5]).toBe('Uitkering maximaal € 1.250; daarna vervalt de dekking.');
    expect(texts[7]).toBe('Clausule "Glas" is van toepassing.');
    expect(table.rows.map((row) => row.sourceLine)).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14]);
    expect(table.warnings).toEqual([]);
  });

  it('keeps per row the text, the trimmed policy number and the source line', async () => {
    const file = tempFile('records.csv', 'Polisnummer,Tekst\n  P-1 ,Eerste\n,Tweede\n');
    const { clauses } = await readPolicyClauses(file, AUTO);
    expect(clauses.texts).toEqual(['Eerste', 'Tweede']);
    expect(clauses.policyNumbers).toEqual(['P-1', null]);
    expect([...clauses.sourceLines]).toEqual([2, 3]);
    const none = await readPolicyClauses(file, { ...AUTO, policyColumn: 'none' });
    expect(none.clauses.policyNumbers).toEqual([null, null]);
  });

  it('reads a UTF-16 LE tab-separated file', async () => {
    const text = 'Polisnr\tClausule\r\nA1\tGlas € 100\r\n';
    const file = tempFile('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const table = await readPolicyWorkbook(file, AUTO);
    expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['Polisnr', 'Clausule'] });
    expect(table.rows[0]!.cells).toEqual(['A1', 'Glas € 100']);
  });

  it('reads a UTF-8 BOM file without keeping the BOM in the first header', async () => {
    const file = tempFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Tekst,Polisnummer\nEen clausule,1\n')]));
    const table = await readPolicyWorkbook(file, AUTO);
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.headers[0]).toBe('Tekst');
    expect(table.textColumn.rule).toBe('exact');
  });

  it('accepts a header-only file with a warning', async () => {
    const file = broken('header-only.csv');
    const table = await readPolicyWorkbook(file, AUTO);
    expect(table.rows).toEqual([]);
    expect(table.textColumn.header).toBe('Vrije Tekst');
    expect(table.warnings).toEqual([{ id: 'ingest.noDataRowsCsv', params: { file, line: 1 } }]);
    expect(table.warnings.map(warningText)).toEqual([`${file} has a header row (line 1) but no data rows; the report will be empty.`]);
  });

  it('refuses a table with only a policy column', async () => {
    const file = broken('numbers-only.csv');
    await expect(readPolicyWorkbook(file, AUTO)).rejects.toThrow(
      `${file} has no text-like column: there is no column besides the policy-number column "Polisnummer" that could hold the clause texts.`,
    );
    // Without policy detection the column itself is the text column.
    const table = await readPolicyWorkbook(file, { ...AUTO, policyColumn: 'none' });
    expect(table.textColumn).toEqual({ index: 0, header: 'Polisnummer', rule: 'longest-average' });
  });

  it('never writes to input files', async () => {
    const file = path.join(dir, 'kopie-win1252.csv');
    copyFileSync(path.join(fixtures, 'csv', 'polissen-win1252.csv'), file);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    await readPolicyWorkbook(file, AUTO);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

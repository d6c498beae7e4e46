import { readBack } from './read-back.ts';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATED_SHEET,
  generateRows,
  toCsv,
  writeGeneratedWorkbook,
  type GeneratedRow,
} from '../../engine/generate/index.ts';
import { UsageError } from '../../engine/util/errors.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-generate-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const tricky: GeneratedRow[] = [
  { Polisnummer: '00123', Tekst: 'Eigen risico; € 250,- "per" schade', Label: 'F03' },
  { Polisnummer: 'POL-001', Tekst: 'Regel 1\nRegel 2', Label: 'F05' },
  { Polisnummer: '', Tekst: '', Label: 'NVT' },
];

describe('generateRows', () => {
  it('dispatches on style, defaults to realistic with seed 42, and validates', () => {
    expect(generateRows({ rows: 5, style: 'seed' })[0]!.Label).toBe('T3');
    expect(generateRows({ rows: 20 })).toEqual(generateRows({ rows: 20, seed: 42, style: 'realistic' }));
    expect(generateRows({ rows: 0 })).toEqual([]);
    expect(() => generateRows({ rows: -1 })).toThrow(UsageError);
    expect(() => generateRows({ rows: 1.5 })).toThrow(UsageError);
    expect(() => generateRows({ rows: 5, style: 'fancy' as never })).toThrow(/--style/);
  });
});

describe('writeGeneratedWorkbook', () => {
  it('round-trips an .xlsx through exceljs, sheet Polisregels, values as text', async () => {
    const file = path.join(dir, 'tricky.xlsx');
    await writeGeneratedWorkbook(tricky, file);
    const { sheets, cells } = await readBack(file);
    expect(sheets).toEqual([GENERATED_SHEET]);
    expect(cells[0]).toEqual(['Polisnummer', 'Tekst', 'Label']);
    expect(cells.slice(1, 3)).toEqual([
      ['00123', 'Eigen risico; € 250,- "per" schade', 'F03'],
      ['POL-001', 'Regel 1\nRegel 2', 'F05'],
    ]);
  });

  it('round-trips generated realistic rows with all columns', async () => {
    const rows = generateRows({ rows: 120, seed: 3 });
    const file = path.join(dir, 'realistic.xlsx');
    await writeGeneratedWorkbook(rows, file);
    const { cells } = await readBack(file);
    expect(cells[0]).toEqual(['Polisnummer', 'Product', 'Ingangsdatum', 'Tekst', 'Label']);
    expect(cells.length).toBe(121);
    rows.forEach((row, i) => expect(cells[i + 1]).toEqual(Object.values(row)));
  });

  it('writes byte-identical .xlsx files for the same rows', async () => {
    const rows = generateRows({ rows: 50 });
    await writeGeneratedWorkbook(rows, path.join(dir, 'a.xlsx'));
    await new Promise((resolve) => setTimeout(resolve, 2100)); // cross a DOS two-second tick
    await writeGeneratedWorkbook(rows, path.join(dir, 'b.xlsx'));
    expect(await fs.readFile(path.join(dir, 'a.xlsx'))).toEqual(await fs.readFile(path.join(dir, 'b.xlsx')));
  });

  it('writes .csv as UTF-8 with BOM, ; delimiter, CRLF and RFC 4180 quoting', async () => {
    const file = path.join(dir, 'tricky.CSV');
    await writeGeneratedWorkbook(tricky, file);
    const bytes = await fs.readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'Polisnummer;Tekst;Label\r\n' +
        '00123;"Eigen risico; € 250,- ""per"" schade";F03\r\n' +
        'POL-001;"Regel 1\nRegel 2";F05\r\n' +
        ';;NVT\r\n',
    );
    expect(Buffer.from(toCsv([])).subarray(3).toString('utf8')).toBe('Polisnummer;Tekst;Label\r\n');
  });

  it('refuses other extensions, naming the file and the accepted ones', async () => {
    await expect(writeGeneratedWorkbook(tricky, path.join(dir, 'out.xls'))).rejects.toThrow(/out\.xls.*\.xlsx or \.csv/);
    await expect(writeGeneratedWorkbook(tricky, path.join(dir, 'out'))).rejects.toThrow(UsageError);
  });

  it('never overwrites an existing file unless asked, and leaves no temp files', async () => {
    const file = path.join(dir, 'keep.csv');
    await fs.writeFile(file, 'original');
    await expect(writeGeneratedWorkbook(tricky, file)).rejects.toThrow(/already exists.*--overwrite/);
    expect(await fs.readFile(file, 'utf8')).toBe('original');
    await writeGeneratedWorkbook(tricky, file, { overwrite: true });
    expect((await fs.readFile(file)).subarray(3, 14).toString()).toBe('Polisnummer');
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('creates the output folder when missing', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'out.csv');
    await writeGeneratedWorkbook(tricky, file);
    expect((await fs.stat(file)).size).toBeGreaterThan(0);
  });
});

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../engine/report/excel.ts';
import { originalHeaders } from '../../engine/report/layout.ts';
import type { AnalysisResult } from '../../engine/pipeline/types.ts';
import { CONTROL_TEXT_CLEAN, LONG_TEXT, makeResult, ROWS } from './make-result.ts';
import { openParts, type XlsxParts } from './xlsx-parts.ts';

const RESULT_COLUMNS = [
  'Status',
  'Cluster_ID',
  'Cluster_Naam',
  'Frequentie',
  'Advies',
  'Vertrouwen',
  'Reden',
  'Artikel',
  'Tekst',
  'Polisnummer',
  'Status (origineel)',
  'Clausule',
  'advies (origineel)',
  'Opmerking',
];
const CLUSTER_COLUMNS = ['Cluster_ID', 'Cluster_Naam', 'Frequentie', 'Leidertekst', 'Advies', 'Vertrouwen', 'Reden', 'Artikel'];
const col = (name: string) => RESULT_COLUMNS.indexOf(name) + 1;
const CUT = `${LONG_TEXT.slice(0, 32_750)}[...]`;

let dir: string;
let bytes: Uint8Array;
let workbook: ExcelJS.Workbook;
let parts: XlsxParts;
let shortenedCells: number;
let results: ExcelJS.Worksheet;
let clusters: ExcelJS.Worksheet;
let statistics: ExcelJS.Worksheet;

/** Writes the report of `result` and reads it back with exceljs. */
async function reportOf(result: AnalysisResult, name: string): Promise<{ workbook: ExcelJS.Workbook; shortenedCells: number }> {
  const file = path.join(dir, name);
  const { shortenedCells: n } = await writeReport(result, file);
  return { workbook: await readBack(file), shortenedCells: n };
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rowValues(sheet: ExcelJS.Worksheet, r: number, columns: number): unknown[] {
  const row = sheet.getRow(r);
  return Array.from({ length: columns }, (_, c) => row.getCell(c + 1).value);
}

function statisticsMap(sheet: ExcelJS.Worksheet): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let r = 2; r <= sheet.rowCount; r++) map.set(String(sheet.getCell(r, 1).value), sheet.getCell(r, 2).value);
  return map;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-report-'));
  const file = path.join(dir, 'report.xlsx');
  ({ shortenedCells } = await writeReport(makeResult(), file));
  bytes = new Uint8Array(await fs.readFile(file));
  workbook = await readBack(file);
  parts = await openParts(bytes);
  results = workbook.getWorksheet('Analyseresultaten')!;
  clusters = workbook.getWorksheet('Clusters')!;
  statistics = workbook.getWorksheet('Statistieken')!;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('report workbook (SPEC §10.2–§10.4)', () => {
  it('has the three sheets in order, with the exact columns', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Analyseresultaten', 'Clusters', 'Statistieken']);
    expect(rowValues(results, 1, RESULT_COLUMNS.length + 1)).toEqual([...RESULT_COLUMNS, null]);
    expect(rowValues(clusters, 1, CLUSTER_COLUMNS.length + 1)).toEqual([...CLUSTER_COLUMNS, null]);
    expect(rowValues(statistics, 1, 3)).toEqual(['Kenmerk', 'Waarde', null]);
  });

  it('writes one row per input row, in input order, with the original values', () => {
    expect(results.rowCount).toBe(1 + ROWS.length);
    ROWS.forEach((row, i) => {
      const r = i + 2;
      expect(results.getCell(r, col('Cluster_ID')).value).toBe(row.cluster);
      expect(results.getCell(r, col('Polisnummer')).value).toBe(`P${1000 + i}`);
      expect(results.getCell(r, col('Status')).value).toBeNull();
    });
    expect(results.getCell(2, col('Status (origineel)')).value).toBe('open');
    expect(results.getCell(3, col('advies (origineel)')).value).toBe('oud advies');
    expect(results.getCell(2, col('Tekst')).value).toBe(ROWS[0]!.text);
    expect(results.getCell(2, col('Clausule')).value).toBe(ROWS[0]!.text);
    expect(results.getCell(11, col('Tekst')).value).toBeNull(); // empty text stays an empty cell
  });

  it('fills cluster name and frequency for clustered rows and leaves them empty for NVT', () => {
    for (const r of [2, 3, 4]) {
      expect(results.getCell(r, col('Cluster_Naam')).value).toBe('NHT Terrorisme Clausule');
      expect(results.getCell(r, col('Frequentie')).value).toBe(3);
      expect(results.getCell(r, col('Frequentie')).type).toBe(ExcelJS.ValueType.Number);
    }
    expect(results.getCell(7, col('Frequentie')).value).toBe(1);
    for (const r of [5, 8, 11]) {
      expect(results.getCell(r, col('Cluster_ID')).value).toBe('NVT');
      expect(results.getCell(r, col('Cluster_Naam')).value).toBeNull();
      expect(results.getCell(r, col('Frequentie')).value).toBeNull();
      expect(results.getCell(r, col('Advies')).value).not.toBeNull();
    }
    expect(rowValues(results, 5, 9).slice(4)).toEqual(['HANDMATIG CHECKEN', 'Laag', 'Tekst te kort voor automatische analyse.', '-', 'ok']);
    expect(results.getCell(11, col('Advies')).value).toBe('\u26AA LEEG');
  });

  it('writes the clusters in creation order with the cluster advice and leader text', () => {
    expect(clusters.rowCount).toBe(6);
    expect(rowValues(clusters, 2, 8)).toEqual([
      'CL-0001',
      'NHT Terrorisme Clausule',
      3,
      ROWS[0]!.text,
      'BEHOUDEN (CLAUSULE)',
      'Hoog',
      'Standaard terrorismeclausule.',
      'Art. 2.1',
    ]);
    expect([2, 3, 4, 5, 6].map((r) => clusters.getCell(r, 1).value)).toEqual(['CL-0001', 'CL-0002', 'CL-0003', 'CL-0004', 'CL-0005']);
  });

  it('keeps formula-like texts as unchanged string cells with the quote-prefix flag', async () => {
    const cases: [sheetIndex: number, sheet: ExcelJS.Worksheet, r: number, c: number, text: string][] = [
      [1, results, 6, col('Tekst'), '=SUM(A1)'],
      [1, results, 6, col('Clausule'), '=SUM(A1)'],
      [1, results, 6, col('Cluster_Naam'), '=SUM(A1)'],
      [1, results, 7, col('Tekst'), ROWS[5]!.text],
      [1, results, 8, col('Tekst'), '@x'],
      [1, results, 3, col('Opmerking'), '-korting 10%'],
      [1, results, 4, col('Opmerking'), '\tingesprongen'],
      [1, results, 5, col('Opmerking'), '\rCR\r\nregel'],
      [2, clusters, 3, 4, '=SUM(A1)'],
    ];
    for (const [sheetIndex, sheet, r, c, text] of cases) {
      const cell = sheet.getCell(r, c);
      expect(cell.value).toBe(text);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect((await parts.cellFormat(sheetIndex, cell.address)).quotePrefix).toBe('1');
    }
    for (const address of ['I2', 'B6', 'N2']) {
      expect((await parts.cellFormat(1, address)).quotePrefix).toBeUndefined();
    }
  });

  it('never writes a formula', async () => {
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
    for (const index of [1, 2, 3]) expect(await parts.sheetXml(index)).not.toMatch(/<f[ >]/);
  });

  it('removes XML-illegal characters and nothing else', () => {
    expect(results.getCell(9, col('Tekst')).value).toBe(CONTROL_TEXT_CLEAN);
    expect(results.getCell(6, col('Opmerking')).value).toBe('let op _x000D_ letterlijk');
    expect(results.getCell(8, col('Opmerking')).value).toBe('del\u007Fteken');
  });

  it('cuts texts over the cell limit to 32 750 characters + [...] and counts them', () => {
    expect(results.getCell(10, col('Tekst')).value).toBe(CUT);
    expect(results.getCell(10, col('Clausule')).value).toBe(CUT);
    expect(clusters.getCell(6, 4).value).toBe(CUT);
    expect(shortenedCells).toBe(3);
    expect(statisticsMap(statistics).get('Ingekorte cellen')).toBe(3);
  });

  it('colours Advies cells by family, on both sheets', () => {
    const fill = (cell: ExcelJS.Cell) => (cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb : undefined);
    expect(fill(results.getCell(2, col('Advies')))).toBe('FFC6EFCE'); // BEHOUDEN (CLAUSULE)
    expect(fill(results.getCell(5, col('Advies')))).toBe('FFFFEB9C'); // HANDMATIG CHECKEN
    expect(fill(results.getCell(6, col('Advies')))).toBe('FFEDEDED'); // ✨ UNIEK
    expect(fill(results.getCell(7, col('Advies')))).toBe('FFEDEDED'); // 📋 …
    expect(fill(results.getCell(11, col('Advies')))).toBe('FFFCE4D6'); // ⚪ LEEG
    expect(fill(clusters.getCell(2, 5))).toBe('FFC6EFCE');
    expect(fill(results.getCell(2, col('Vertrouwen')))).toBeUndefined();
  });

  it('sets the column widths of §10.4', () => {
    const widths = (sheet: ExcelJS.Worksheet, n: number) => Array.from({ length: n }, (_, c) => sheet.getColumn(c + 1).width);
    expect(widths(results, RESULT_COLUMNS.length)).toEqual([10, 12, 40, 11, 28, 11, 60, 30, 80, 13, 20, 10, 20, 11]);
    expect(widths(clusters, 8)).toEqual([12, 40, 11, 80, 28, 11, 60, 30]);
    expect(widths(statistics, 2)).toEqual([40, 80]);
  });

  it('wraps and top-aligns Tekst and Leidertekst, and makes headers bold', () => {
    expect(results.getCell(2, col('Tekst')).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(clusters.getCell(2, 4).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(results.getCell(2, col('Reden')).alignment?.wrapText).toBeFalsy();
    for (const sheet of workbook.worksheets) {
      sheet.getRow(1).eachCell((cell) => expect(cell.font?.bold).toBe(true));
    }
  });

  it('freezes the header row and filters the used range on every sheet', async () => {
    const ranges = ['A1:N11', 'A1:H6', `A1:B${statistics.rowCount}`];
    for (const [i, sheet] of workbook.worksheets.entries()) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const xml = await parts.sheetXml(i + 1);
      expect(xml).toContain(`<autoFilter ref="${ranges[i]}"/>`);
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    }
  });

  it('lists the run facts in Statistieken', () => {
    const stats = statisticsMap(statistics);
    expect(stats.get('Invoerbestand')).toBe('/data/polissen.xlsx');
    expect(stats.get('Werkblad')).toBe('Blad1');
    expect(stats.get('Tekstkolom')).toBe('Clausule');
    expect(stats.get('Tekstkolom gekozen via')).toBe('exact');
    expect(stats.get('Polisnummerkolom')).toBe('Polisnummer');
    expect(stats.get('Rijen')).toBe(10);
    expect(stats.get('Geclusterde rijen')).toBe(7);
    expect(stats.get('NVT-rijen')).toBe(3);
    expect(stats.get('Clusters')).toBe(5);
    expect(stats.get('Clusters met één rij')).toBe(4);
    expect(stats.get('Reductie (%)')).toBe(28); // trunc(100 × (1 − 5/7))
    expect(stats.get('Clusterdrempel t')).toBe(0.9);
    expect(stats.get('Genormaliseerde drempel')).toBeCloseTo(0.85);
    expect(stats.get('Peildatum (referenceDate)')).toBe('2025-01-15');
    expect(stats.get('Signalen niet beschikbaar')).toBe('embeddings: unavailable (model not found in /models)');
    expect(stats.get('Signaal embeddings')).toBe('unavailable (model not found in /models)');
    expect(stats.get('Gewicht fuzzy')).toBeCloseTo(0.3 / 0.85);
    expect(stats.get('Voorwaardensecties')).toBe(42);
    expect(stats.get('Teller pairsCompared.cluster.stage1')).toBe(12);
    expect(stats.get('Teller exits.lossless.reject')).toBe(6);
    expect(stats.get('Teller leadersPruned')).toBe(7);
    expect(stats.get('Tijd ingest (ms)')).toBe(12);
    expect(stats.get('Tijd report (ms)')).toBe('-');
    expect(stats.get('Waarschuwing 1')).toBe('Conditions document scan.pdf contains no extractable text (a scanned PDF needs text recognition first); it is ignored.');
    expect(stats.get('Advies per cluster: \u2728 UNIEK')).toBe(2);
    expect(stats.get('Advies per rij: HANDMATIG CHECKEN')).toBe(3);
    expect(stats.get('Regel per cluster: FALLBACK')).toBe(2);
    expect(stats.get('Engineversie')).toBe('0.1.0-test');
    expect(stats.get('Starttijd')).toBe('2025-01-15T09:30:00.000Z');
  });
});

describe('report options and edge cases', () => {
  it('renames original headers equal to generated ones (case-insensitive, trimmed) to {header} (origineel)', () => {
    expect(originalHeaders(['Status', ' TEKST ', 'advies ', 'Cluster_id', 'Opmerking', 'Tekstje'])).toEqual([
      'Status (origineel)',
      'TEKST (origineel)',
      'advies (origineel)',
      'Cluster_id (origineel)',
      'Opmerking',
      'Tekstje',
    ]);
    expect(originalHeaders(['Status', 'Status (origineel)'])).toEqual(['Status (origineel) (2)', 'Status (origineel)']);
  });

  it('labels one-row clusters with singletonLabel, keeping ids and positions', async () => {
    const { workbook: back } = await reportOf(makeResult({ settings: { singletonLabel: true } }), 'singleton.xlsx');
    const sheet = back.getWorksheet('Analyseresultaten')!;
    expect(sheet.getCell(6, col('Cluster_Naam')).value).toBe('Unieke teksten - \u2728 UNIEK (Laag)');
    expect(sheet.getCell(6, col('Cluster_ID')).value).toBe('CL-0002');
    expect(sheet.getCell(7, col('Cluster_Naam')).value).toBe('Unieke teksten - \u{1F4CB} Verwijderen uit polis (Hoog)');
    expect(sheet.getCell(2, col('Cluster_Naam')).value).toBe('NHT Terrorisme Clausule');
    expect(sheet.getCell(5, col('Cluster_Naam')).value).toBeNull();
  });

  it('writes a report without rows or clusters', async () => {
    const result = makeResult();
    result.table.rows = [];
    result.records = [];
    result.rows = [];
    result.clusters = [];
    const { workbook: back, shortenedCells: n } = await reportOf(result, 'empty.xlsx');
    expect(n).toBe(0);
    expect(back.getWorksheet('Analyseresultaten')!.rowCount).toBe(1);
    const stats = statisticsMap(back.getWorksheet('Statistieken')!);
    expect(stats.get('Reductie (%)')).toBe(0);
    expect(stats.get('Clusters')).toBe(0);
  });

  it('refuses a result whose rows do not match the input table, and leaves no file', async () => {
    const result = makeResult();
    result.rows.pop();
    const before = await fs.readdir(dir);
    await expect(writeReport(result, path.join(dir, 'mismatch.xlsx'))).rejects.toThrow(/every input row/);
    expect(await fs.readdir(dir)).toEqual(before);
  });
});

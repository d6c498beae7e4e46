/**
 * The advice columns end to end through the real CLI: `clause-cascade analyze` on a copy of the labeled sample with
 * the reference conditions, library and instructions writes Advies/Vertrouwen/Reden/Artikel for every row, member
 * rows carry their cluster's advice, the Clusters sheet carries the cluster advice and Statistieken counts the
 * labels. Bad reference files stop the run with exit 1, a message naming the file and no report.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_HEADERS, RESULT_HEADERS, SHEET_CLUSTERS, SHEET_RESULTS, SHEET_STATISTICS } from '../../engine/report/index.ts';
import { cli, tempDir, type CliRun } from '../cli/helpers.ts';
import { CONDITIONS, INSTRUCTIONS, LIBRARY, REFERENCE, REFERENCE_DATE, SAMPLE } from './helpers.ts';

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}

function sheetRows(sheet: ExcelJS.Worksheet): Record<string, string>[] {
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, c) => (headers[c - 1] = text(cell.value)));
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.actualRowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(headers.map((h, c) => [h, text(row.getCell(c + 1).value)])));
  }
  return rows;
}

const ADVICE_COLUMNS = ['Advies', 'Vertrouwen', 'Reden', 'Artikel'] as const;

describe('clause-cascade analyze with conditions, library and instructions', () => {
  let dir: string;
  let out: string;
  let run: CliRun;
  let results: Record<string, string>[];
  let clusters: Record<string, string>[];
  let statistics: Record<string, string>[];

  beforeAll(async () => {
    dir = await tempDir('advice-report-');
    const input = path.join(dir, 'policies.xlsx');
    await fs.copyFile(SAMPLE, input);
    out = path.join(dir, 'r.xlsx');
    run = await cli(['analyze', input, '--conditions', CONDITIONS, '--library', LIBRARY, '--instructions', INSTRUCTIONS, '--reference-date', REFERENCE_DATE, '--out', out, '--quiet']);
    if (run.code !== 0) return;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    results = sheetRows(workbook.getWorksheet(SHEET_RESULTS)!);
    clusters = sheetRows(workbook.getWorksheet(SHEET_CLUSTERS)!);
    statistics = sheetRows(workbook.getWorksheet(SHEET_STATISTICS)!);
  }, 180_000);
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('exits 0 and writes the report', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(results.length).toBe(2000);
    expect(Object.keys(results[0]!).slice(0, RESULT_HEADERS.length)).toEqual([...RESULT_HEADERS]);
    expect(Object.keys(clusters[0]!)).toEqual([...CLUSTER_HEADERS]);
  });

  it('fills Advies, Vertrouwen, Reden and Artikel for every row', () => {
    for (const [i, row] of results.entries()) {
      for (const c of ADVICE_COLUMNS) expect(row[c], `row ${i + 2} ${c}`).not.toBe('');
      expect(['Hoog', 'Midden', 'Laag']).toContain(row.Vertrouwen);
    }
    // The report agrees with the expected labels as well as the engine run does (≥ 95%).
    const agree = results.filter((r) => r.Advies === r.Advies_Label).length;
    expect(agree / results.length).toBeGreaterThanOrEqual(0.95);
  });

  it('gives member rows their cluster content advice unless their own text hits a data-quality check', () => {
    const byId = new Map(clusters.map((c) => [c.Cluster_ID, c]));
    const ownCheck = (r: Record<string, string>) => /^(LEEG|TE_KORT|PLACEHOLDER|ENCODING|ONLEESBAAR|VEROUDERD):/.test(r.Reden!);
    let members = 0;
    let differing = 0;
    for (const row of results) {
      if (row.Cluster_ID === 'NVT' || ownCheck(row)) continue;
      const cluster = byId.get(row.Cluster_ID!);
      expect(cluster, row.Cluster_ID).toBeDefined();
      members++;
      if (ADVICE_COLUMNS.some((c) => row[c] !== cluster![c])) {
        // Only a cluster whose leader hit step 0 shows other advice than its members' content advice.
        expect(cluster!.Reden, row.Cluster_ID).toMatch(/^(LEEG|TE_KORT|PLACEHOLDER|ENCODING|ONLEESBAAR|VEROUDERD):|^Tekst te kort/);
        differing++;
      }
    }
    expect(members).toBeGreaterThan(1500);
    expect(differing).toBeLessThan(members / 10);
    // All rows of one cluster without own hits show one advice.
    const seen = new Map<string, string>();
    for (const row of results) {
      if (row.Cluster_ID === 'NVT' || ownCheck(row)) continue;
      const advice = ADVICE_COLUMNS.map((c) => row[c]).join('|');
      expect(seen.get(row.Cluster_ID!) ?? advice, row.Cluster_ID).toBe(advice);
      seen.set(row.Cluster_ID!, advice);
    }
  });

  it('gives every cluster an advice on the Clusters sheet', () => {
    for (const c of clusters) for (const col of ADVICE_COLUMNS) expect(c[col], `${c.Cluster_ID} ${col}`).not.toBe('');
    expect(new Set(clusters.map((c) => c.Advies)).size).toBeGreaterThanOrEqual(10);
  });

  it('counts advice labels on Statistieken', () => {
    const stats = new Map(statistics.map((s) => [s.Kenmerk, s.Waarde]));
    const perRow = new Map<string, number>();
    for (const r of results) perRow.set(r.Advies!, (perRow.get(r.Advies!) ?? 0) + 1);
    for (const [label, n] of perRow) expect(Number(stats.get(`Advies per rij: ${label}`)), label).toBe(n);
    const perCluster = new Map<string, number>();
    for (const c of clusters) perCluster.set(c.Advies!, (perCluster.get(c.Advies!) ?? 0) + 1);
    for (const [label, n] of perCluster) expect(Number(stats.get(`Advies per cluster: ${label}`)), label).toBe(n);
  });
});

describe('bad reference files', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = await tempDir('advice-bad-ref-');
    input = path.join(dir, 'policies.xlsx');
    await fs.copyFile(SAMPLE, input);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const cases = [
    ['corrupt.pdf', '--conditions'],
    ['corrupt.docx', '--conditions'],
    ['empty-library.xlsx', '--library'],
    ['library-no-code.xlsx', '--library'],
  ] as const;

  for (const [file, flag] of cases) {
    it(`${flag} ${file}: exit 1, a message naming the file, no report`, async () => {
      const out = path.join(dir, `r-${file}.xlsx`);
      const bad = path.join(REFERENCE, 'broken', file);
      const result = await cli(['analyze', input, flag, bad, '--reference-date', REFERENCE_DATE, '--out', out, '--quiet']);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(file);
      await expect(fs.access(out)).rejects.toThrow();
      expect((await fs.readdir(dir)).filter((f) => f !== 'policies.xlsx')).toEqual([]);
    }, 60_000);
  }
});

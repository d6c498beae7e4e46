/**
 * The `threads` setting changes where normalisation and the step-0 advice run, never what comes out: 1, 2 and 4
 * threads give the same records, clusters, advice, counters and report values, on the sample workbook and on a
 * generated held-out workbook large enough to be cut into several slices per task.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings, runAnalysis } from '../../engine/index.ts';
import { generateRows, writeGeneratedWorkbook } from '../../engine/generate/index.ts';
import { writeReport } from '../../engine/report/excel.ts';
import { buildJsonSummary } from '../../engine/report/summary.ts';
import { sheetValues } from './report-values.ts';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sample/policies.xlsx');
const THREADS = [1, 2, 4];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'threads-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function analyseOn(file: string, threads: number) {
  const settings = resolveSettings({ mode: 'fast', referenceDate: '2026-01-01', threads });
  const result = await runAnalysis({ policyFile: file, settings });
  const report = path.join(dir, `${path.basename(file)}.${threads}.xlsx`);
  await writeReport(result, report);
  return { result, report: await sheetValues(report), summary: buildJsonSummary(result, { report, json: null, shortenedCells: 0 }) };
}

async function expectSameOnEveryThreadCount(file: string): Promise<void> {
  const runs = [];
  for (const threads of THREADS) runs.push(await analyseOn(file, threads));
  const [one, ...others] = runs;
  expect(one!.result.clusters.length).toBeGreaterThan(1);
  for (const [i, run] of others.entries()) {
    expect(run.result.threads).toBe(THREADS[i + 1]);
    expect(run.summary.threads).toBe(THREADS[i + 1]);
    expect(run.result.records).toEqual(one!.result.records);
    expect(run.result.clusters).toEqual(one!.result.clusters);
    expect(run.result.rows).toEqual(one!.result.rows);
    expect(run.result.counters).toEqual(one!.result.counters);
    expect(run.report).toEqual(one!.report);
  }
}

describe('1, 2 and 4 threads give identical results', () => {
  it('on the sample workbook', async () => {
    await expectSameOnEveryThreadCount(SAMPLE);
  }, 240_000);

  it('on a generated held-out workbook of 8,000 rows', async () => {
    const file = path.join(dir, 'heldout.xlsx');
    await writeGeneratedWorkbook(generateRows({ rows: 8_000, seed: 20261202, style: 'heldout' }), file);
    await expectSameOnEveryThreadCount(file);
  }, 240_000);

  it('names the thread count in the report\'s Statistieken', async () => {
    const file = path.join(dir, 'small.csv');
    await writeGeneratedWorkbook(generateRows({ rows: 300, seed: 1, style: 'realistic' }), file);
    const run = await analyseOn(file, 2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'small.csv.2.xlsx'));
    const facts = new Map<unknown, unknown>();
    workbook.getWorksheet('Statistieken')!.eachRow((row) => facts.set(row.getCell(1).value, row.getCell(2).value));
    expect(facts.get('Aantal threads (threads)')).toBe(2);
    expect(run.summary.threads).toBe(2);
  }, 120_000);
});

import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_HEADERS, RESULT_HEADERS, SHEET_CLUSTERS, SHEET_RESULTS, SHEET_STATISTICS, STATISTICS_HEADERS } from '../../engine/report/index.ts';
import { cli, FIXTURES, tempDir, writeCsv, type CliRun } from './helpers.ts';

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function headerRow(sheet: ExcelJS.Worksheet): string[] {
  const values = sheet.getRow(1).values as unknown[];
  return values.slice(1).map((v) => String(v ?? ''));
}

describe('clause-cascade analyze on the sample workbook', () => {
  let dir: string;
  let input: string;
  let first: CliRun;

  beforeAll(async () => {
    dir = await tempDir();
    input = path.join(dir, 'policies.xlsx');
    await fs.copyFile(path.join(FIXTURES, 'sample', 'policies.xlsx'), input);
    first = await cli(['analyze', input, '--mode', 'fast']);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the report to the default path and prints a summary', () => {
    expect(first.code, first.stderr).toBe(0);
    const report = path.join(dir, 'policies_clause-cascade.xlsx');
    expect(first.stdout).toContain(`Report: ${report}`);
    expect(first.stdout).toContain(`JSON summary: ${path.join(dir, 'policies_clause-cascade.json')}`);
    for (const label of ['Rows', 'Clusters', 'Reduction', 'Mode / policy / search', 'Duration', 'Signal evaluations', 'Exits', 'Embeddings', 'Advice (rows)']) {
      expect(first.stdout).toContain(label);
    }
    expect(first.stdout).toMatch(/Rows\s+2000/);
    expect(first.stdout).toContain('fast / lossless / index');
  });

  it('writes three sheets with the SPEC columns and one result row per input row', async () => {
    const input = await readWorkbook(path.join(FIXTURES, 'sample', 'policies.xlsx'));
    const originalSheet = input.worksheets[0]!;
    const originals = headerRow(originalSheet);
    const report = await readWorkbook(path.join(dir, 'policies_clause-cascade.xlsx'));
    expect(report.worksheets.map((s) => s.name)).toEqual([SHEET_RESULTS, SHEET_CLUSTERS, SHEET_STATISTICS]);
    const results = report.getWorksheet(SHEET_RESULTS)!;
    const expected = [...RESULT_HEADERS, ...originals.map((h) => ((RESULT_HEADERS as readonly string[]).some((g) => g.toLowerCase() === h.trim().toLowerCase()) ? `${h} (origineel)` : h))];
    expect(headerRow(results)).toEqual(expected);
    expect(results.actualRowCount - 1).toBe(originalSheet.actualRowCount - 1);
    expect(results.actualRowCount - 1).toBe(2000);
    expect(headerRow(report.getWorksheet(SHEET_CLUSTERS)!)).toEqual([...CLUSTER_HEADERS]);
    expect(headerRow(report.getWorksheet(SHEET_STATISTICS)!)).toEqual([...STATISTICS_HEADERS]);
  });

  it('numbers the report instead of overwriting it on a second run', async () => {
    const again = await cli(['analyze', input, '--mode', 'fast', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(path.join(dir, 'policies_clause-cascade (2).xlsx'));
    expect(again.stdout).not.toContain('Signal evaluations');
  });
});

describe('clause-cascade analyze on small inputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes formula-like texts as plain text cells', async () => {
    const input = path.join(dir, 'formulas.csv');
    await writeCsv(input, [
      ['Polisnummer', 'Tekst'],
      ['POL-001', '=SUM(1,2)'],
      ['POL-002', '+31 clausule over de dekking van het gebouw'],
      ['POL-003', 'Deze polis dekt schade aan het gebouw tot een bedrag van €5.000'],
    ]);
    const run = await cli(['analyze', input, '--mode', 'fast']);
    expect(run.code, run.stderr).toBe(0);
    const report = await readWorkbook(path.join(dir, 'formulas_clause-cascade.xlsx'));
    const results = report.getWorksheet(SHEET_RESULTS)!;
    expect(results.actualRowCount).toBe(4);
    const textColumn = RESULT_HEADERS.indexOf('Tekst') + 1;
    const cell = results.getRow(2).getCell(textColumn);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=SUM(1,2)');
    expect(cell.formula).toBeUndefined();
    expect(results.getRow(3).getCell(textColumn).value).toBe('+31 clausule over de dekking van het gebouw');
  });

  it('prints the JSON summary alone on standard output with --json -', async () => {
    const input = path.join(dir, 'json.csv');
    await writeCsv(input, [['Tekst'], ['Eigen risico bedraagt €500 per gebeurtenis'], ['Eigen risico bedraagt €250 per gebeurtenis']]);
    const run = await cli(['analyze', input, '--mode', 'fast', '--json', '-']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { result: { rows: number }; settings: { mode: string }; counters: object };
    expect(summary.result.rows).toBe(2);
    expect(summary.settings.mode).toBe('fast');
    expect(run.stderr).toContain('Report:');
    await expect(fs.access(path.join(dir, 'json_clause-cascade.json'))).rejects.toThrow();
  });

  it('gives an empty report and a warning for a header-only file', async () => {
    const input = path.join(dir, 'header-only.csv');
    await fs.copyFile(path.join(FIXTURES, 'broken', 'header-only.csv'), input);
    const run = await cli(['analyze', input, '--mode', 'fast']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: .*no data rows/);
    const report = await readWorkbook(path.join(dir, 'header-only_clause-cascade.xlsx'));
    expect(report.getWorksheet(SHEET_RESULTS)!.actualRowCount).toBe(1);
  });

  it('passes --set and the settings flags through the settings schema', async () => {
    const input = path.join(dir, 'set.csv');
    await writeCsv(input, [['Tekst'], ['Eigen risico bedraagt €500 per gebeurtenis']]);
    const run = await cli(['analyze', input, '--mode', 'fast', '--accuracy', '85', '--set', 'seed.exitLow=0.4', '--set', 'minTextLength=3', '--policy', 'seed', '--json', '-', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { settings: { clusterAccuracy: number; policy: string; minTextLength: number; seed: { exitLow: number } } };
    expect(summary.settings).toMatchObject({ clusterAccuracy: 85, policy: 'seed', minTextLength: 3, seed: { exitLow: 0.4 } });
  });

  it('switches a signal on in a mode with --set weights.<mode>.<signal>, and the run facts say so', async () => {
    const input = path.join(dir, 'weights.csv');
    await writeCsv(input, [
      ['Tekst'],
      ['Eigen risico bedraagt €500 per gebeurtenis voor schade aan de woning'],
      ['Eigen risico bedraagt €250 per gebeurtenis voor schade aan het huis'],
      ['Schade door storm aan het dak van de woning is gedekt'],
    ]);
    type Facts = { signals: { enabled: string[]; effectiveWeights: Record<string, number> }; settings: { weights: { fast: Record<'fuzzy' | 'stemmed' | 'tfidf', number> } } };
    const facts = async (...set: string[]) => {
      const run = await cli(['analyze', input, '--mode', 'fast', '--json', '-', '--quiet', '--overwrite', ...set]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as Facts;
    };
    const plain = await facts();
    const withTfidf = await facts('--set', 'weights.fast.tfidf=0.2');
    expect(plain.signals.enabled).toEqual(['fuzzy', 'stemmed']);
    expect(withTfidf.settings.weights.fast.tfidf).toBe(0.2);
    expect(withTfidf.signals.enabled).toEqual(['fuzzy', 'stemmed', 'tfidf']);
    const weights = withTfidf.signals.effectiveWeights;
    expect(weights.tfidf).toBeCloseTo(0.2 / (plain.settings.weights.fast.fuzzy + plain.settings.weights.fast.stemmed + 0.2), 12);
    expect(weights.fuzzy! + weights.stemmed! + weights.tfidf!).toBeCloseTo(1, 12);
  });

  it('cancels on Ctrl+C with exit 130 and leaves no report', async () => {
    const input = path.join(dir, 'big.csv');
    const generated = await cli(['generate', '--rows', '20000', '--style', 'realistic', '--out', input]);
    expect(generated.code, generated.stderr).toBe(0);
    let sent = false;
    const run = await cli(['analyze', input, '--mode', 'fast', '--verbose'], {
      onStderr: (text, child) => {
        if (!sent && text.includes('Stage cluster started')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('cancelled');
    const left = await fs.readdir(dir);
    expect(left.filter((f) => f.includes('big') && f !== 'big.csv')).toEqual([]);
  });
});

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeReport } from '../../engine/report/excel.ts';
import { computeRunFacts, reductionPercent } from '../../engine/report/facts.ts';
import { statisticsRows } from '../../engine/report/statistics.ts';
import { buildJsonSummary, writeJsonSummary } from '../../engine/report/summary.ts';
import { makeResult } from './make-result.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-summary-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('reduction percent', () => {
  it.each([
    [5, 7, 28],
    [9, 10, 10], // exact: 1 − 9/10 in floating point would truncate to 9
    [1, 3, 66],
    [3, 3, 0],
    [0, 0, 0],
  ])('%i clusters of %i clustered rows → %i%%', (clusters, rows, expected) => {
    expect(reductionPercent(clusters, rows)).toBe(expected);
  });
});

describe('JSON summary (SPEC §10.3)', () => {
  it('has exactly the keys of §10.3', () => {
    const summary = buildJsonSummary(makeResult(), { report: '/out/r.xlsx', json: '/out/r.json', shortenedCells: 3 });
    expect(Object.keys(summary)).toEqual([
      'engineVersion',
      'startedAt',
      'input',
      'settings',
      'signals',
      'result',
      'counters',
      'timingsMs',
      'threads',
      'warnings',
      'warningMessages',
      'outputs',
    ]);
    expect(summary.outputs).toEqual({ report: '/out/r.xlsx', json: '/out/r.json' });
  });

  it('says on a partitioned run, in the summary and the Statistieken rows, that it was partitioned', () => {
    const result = { ...makeResult({ settings: { partitions: 2 } }), partitioning: { blocks: 2, blockRows: [4, 3], components: 5, blockClusters: 6, mergedClusters: 1 } };
    const summary = buildJsonSummary(result, { report: null, json: '-', shortenedCells: 0 });
    expect(summary.partitioning).toMatchObject({ blocks: 2, blockRows: [4, 3], mergedClusters: 1 });
    expect(summary.partitioning!.note).toBe(
      'Gepartitioneerd: de rijen zijn verdeeld over 2 blokken (4 / 3 rijen), elk blok is apart geclusterd en daarna zijn 1 van de 6 blokclusters samengevoegd. Het resultaat is niet gegarandeerd gelijk aan dat van een analyse zonder partities.',
    );
    const rows = new Map(statisticsRows(result, computeRunFacts(result), 0));
    expect(rows.get('Partities (partitions)')).toBe(2);
    expect(rows.get('Partitionering')).toBe(summary.partitioning!.note);
    const unsplit = makeResult();
    expect(new Map(statisticsRows(unsplit, computeRunFacts(unsplit), 0)).has('Partitionering')).toBe(false);
  });

  it('holds the complete effective settings and the run facts', () => {
    const result = makeResult({ settings: { mode: 'fast', clusterAccuracy: 85 } });
    const summary = buildJsonSummary(result, { report: null, json: '-', shortenedCells: 0 });
    expect(summary.settings).toEqual(result.settings);
    expect(summary.settings).not.toBe(result.settings);
    expect(summary.input).toMatchObject({ file: '/data/polissen.xlsx', sheet: 'Blad1', rows: 10, textColumn: { header: 'Clausule', rule: 'exact' } });
    expect(summary.input.references.conditionsSections).toBe(42);
    expect(summary.result).toMatchObject({
      rows: 10,
      clusteredRows: 7,
      nvtRows: 3,
      clusters: 5,
      singletonClusters: 4,
      reductionPercent: 28,
      clusterThreshold: 0.85,
      normalisedThreshold: 0.8,
    });
    expect(summary.result.adviceByCluster).toEqual({
      'BEHOUDEN (CLAUSULE)': 1,
      'HANDMATIG CHECKEN': 1,
      '\u2728 UNIEK': 2,
      '\u{1F4CB} Verwijderen uit polis': 1,
    });
    expect(summary.result.adviceByRow).toEqual({
      'BEHOUDEN (CLAUSULE)': 3,
      'HANDMATIG CHECKEN': 3,
      '\u2728 UNIEK': 2,
      '\u26AA LEEG': 1,
      '\u{1F4CB} Verwijderen uit polis': 1,
    });
    expect(summary.result.ruleByCluster).toEqual({ FALLBACK: 2, INSTRUCTION: 1, KEYWORD_TERRORISME: 1, LONG_TEXT: 1 });
    expect(summary.counters).toEqual(result.counters);
    expect(summary.signals.unavailable).toEqual([{ signal: 'embeddings', reason: 'model not found in /models' }]);
    expect(summary.warnings).toEqual(['Conditions document scan.pdf contains no extractable text (a scanned PDF needs text recognition first); it is ignored.']);
    expect(summary.warningMessages).toEqual([{ id: 'conditions.noText', params: { file: 'scan.pdf' } }]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('agrees with the Statistieken sheet, which uses the same facts', async () => {
    const result = makeResult();
    const file = path.join(dir, 'agree.xlsx');
    const { shortenedCells } = await writeReport(result, file);
    const summary = buildJsonSummary(result, { report: file, json: null, shortenedCells });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Statistieken')!;
    const stats = new Map<string, unknown>();
    sheet.eachRow((row) => stats.set(String(row.getCell(1).value), row.getCell(2).value));
    const facts = computeRunFacts(result);
    expect(stats.get('Reductie (%)')).toBe(summary.result.reductionPercent);
    expect(stats.get('Ingekorte cellen')).toBe(summary.result.shortenedCells);
    for (const [label, count] of Object.entries(facts.adviceByRow)) expect(stats.get(`Advies per rij: ${label}`)).toBe(count);
    for (const [label, count] of Object.entries(facts.adviceByCluster)) expect(stats.get(`Advies per cluster: ${label}`)).toBe(count);
  });

  it('writes to a file atomically, or to standard output for -', async () => {
    const summary = buildJsonSummary(makeResult(), { report: null, json: null, shortenedCells: 0 });
    const file = path.join(dir, 'summary.json');
    await writeJsonSummary(summary, file);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual(summary);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, callback?: (error?: Error | null) => void) => {
      chunks.push(chunk);
      callback?.();
      return true;
    }) as typeof process.stdout.write);
    try {
      await writeJsonSummary(summary, '-');
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(chunks.join(''))).toEqual(summary);
  });
});

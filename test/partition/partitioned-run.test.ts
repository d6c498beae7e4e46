/**
 * A partitioned run (`partitions` = K): K = 1 is the unsplit run itself; K = 2 and 4 on a generated labelled
 * workbook (blocks on real worker threads) group as well as the unsplit run within a small tolerance, and the report
 * facts say the run was partitioned.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../engine/config/settings.ts';
import { adjustedRandIndex, pairwiseScores } from '../../engine/experiment/metrics.ts';
import { generateRows, toCsv } from '../../engine/generate/index.ts';
import { runAnalysis } from '../../engine/pipeline/analyze.ts';
import type { AnalysisResult } from '../../engine/pipeline/types.ts';
import { partitionNote } from '../../engine/report/facts.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-partitions-'));
const file = path.join(dir, 'heldout.csv');
const rows = generateRows({ rows: 3000, seed: 7, style: 'heldout' });
const labels = rows.map((r) => r.Label);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (partitions: number) => runAnalysis({ policyFile: file, settings: resolveSettings({ mode: 'fast', referenceDate: '2026-01-01', partitions, threads: partitions > 1 ? 2 : 1 }) });
const ids = (result: AnalysisResult) => result.rows.map((r) => r.clusterId);

let unsplit: AnalysisResult;
beforeAll(async () => {
  writeFileSync(file, toCsv(rows));
  unsplit = await run(1);
}, 60_000);

describe('partitions', () => {
  it('K = 1 is the unsplit run: same clusters, advice and counters, no partition facts', async () => {
    const again = await run(1);
    expect(ids(again)).toEqual(ids(unsplit));
    expect(again.rows.map((r) => r.advice)).toEqual(unsplit.rows.map((r) => r.advice));
    expect(again.counters).toEqual(unsplit.counters);
    expect(again.partitioning).toBeNull();
    expect(partitionNote(again)).toBeNull();
  }, 60_000);

  it.each([2, 4])('K = %i: F1 against the labels within 0.01 of the unsplit run, and close to it', async (k) => {
    const split = await run(k);
    expect(split.partitioning).toMatchObject({ blocks: k });
    expect(split.partitioning!.blockRows).toHaveLength(k);
    expect(split.partitioning!.blockRows.reduce((a, b) => a + b, 0)).toBe(unsplit.rows.filter((r) => r.clusterId !== 'NVT').length);
    const f1 = pairwiseScores(ids(split), labels).f1;
    const f1Unsplit = pairwiseScores(ids(unsplit), labels).f1;
    expect(Math.abs(f1 - f1Unsplit)).toBeLessThanOrEqual(0.01);
    expect(pairwiseScores(ids(split), ids(unsplit)).f1).toBeGreaterThan(0.98);
    expect(adjustedRandIndex(ids(split), ids(unsplit))).toBeGreaterThan(0.98);
    // Every row's cluster id is one of the merged clusters, numbered without gaps.
    expect(new Set(ids(split).filter((id) => id !== 'NVT')).size).toBe(split.clusters.length);
    expect(split.counters.pairsCompared['cluster.stage1']).toBeGreaterThan(0);
    expect(partitionNote(split)).toMatch(new RegExp(`^Gepartitioneerd: de rijen zijn verdeeld over ${k} blokken .*niet gegarandeerd gelijk`));
  }, 120_000);
});

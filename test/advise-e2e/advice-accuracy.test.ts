/**
 * Issue 4, measured: on the labeled sample (fixtures/sample/policies.xlsx, `Advies_Label` derived from how each row
 * was generated) the advice of a balanced run with the reference conditions, library and instructions must match
 * the label on ≥ 95% of the rows; `lossless` must give exactly the advice and clusters of `full`, with and without
 * the tiny embedding model. Figures are printed for the closing note.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAdviceSampleRows } from '../../engine/generate/advice.ts';
import { writeGeneratedWorkbook } from '../../engine/generate/index.ts';
import type { AnalysisResult } from '../../engine/index.ts';
import { column, confusion, run, sum, TINY_MODEL, type TimedRun } from './helpers.ts';

const rowAdvice = (r: AnalysisResult) => r.rows.map((row) => `${row.advice.label}|${row.advice.confidence}|${row.advice.article}|${row.advice.reason}`);
const clusterOf = (r: AnalysisResult) => r.rows.map((row) => row.clusterId);

function facts(name: string, { result, ms }: TimedRun): string {
  const c = result.counters;
  return [
    `${name}: ${Math.round(ms)} ms total (advise ${Math.round(result.timingsMs.advise ?? 0)} ms)`,
    `  pairs compared ${JSON.stringify(c.pairsCompared)}`,
    `  signal evaluations ${JSON.stringify(c.signalEvaluations)} (sum ${sum(c.signalEvaluations)})`,
    `  embedding inferences ${c.embeddingInferences} in ${c.embeddingBatches} batches`,
  ].join('\n');
}

describe('advice accuracy on the labeled sample (balanced, no embedding model)', () => {
  let full: TimedRun;
  let lossless: TimedRun;
  beforeAll(async () => {
    full = await run({ policy: 'full' });
    lossless = await run({ policy: 'lossless' });
  }, 300_000);

  it('matches Advies_Label on at least 95% of the rows', async () => {
    const expected = await column(lossless.result, 'Advies_Label');
    const actual = lossless.result.rows.map((r) => r.advice.label);
    const correct = actual.filter((a, i) => a === expected[i]).length;
    const { text } = confusion(expected, actual);
    console.log(`Advice accuracy: ${correct}/${actual.length} = ${((100 * correct) / actual.length).toFixed(2)}%\n${text}`);
    const steps = await column(lossless.result, 'Advies_Stap');
    const perStep = new Map<string, [number, number]>();
    steps.forEach((s, i) => {
      const [ok, n] = perStep.get(s) ?? [0, 0];
      perStep.set(s, [ok + (actual[i] === expected[i] ? 1 : 0), n + 1]);
    });
    console.log(`Per designed step (correct/rows): ${[...perStep].sort().map(([s, [ok, n]]) => `${s} ${ok}/${n}`).join(', ')}`);
    expect(correct / actual.length).toBeGreaterThanOrEqual(0.95);
  });

  it('covers every advice path the issue names', async () => {
    const steps = new Set((await column(lossless.result, 'Advies_Stap')).map((s) => s.split(':')[0]));
    for (const step of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'instructions', 'library', 'conditions', 'keyword', 'frequency', 'fallback']) expect(steps).toContain(step);
    const rules = new Set(lossless.result.rows.map((r) => r.advice.rule));
    for (const rule of ['CUSTOM_INSTRUCTION', 'LIBRARY_EXACT_MATCH', 'LIBRARY_HIGH_SIMILARITY', 'CONDITIONS_EXACT', 'FREQUENT', 'NO_MATCH', 'ADMIN_LEEG', 'ADMIN_PLACEHOLDER', 'ADMIN_ENCODING', 'ADMIN_ONLEESBAAR', 'ADMIN_VEROUDERD']) {
      expect(rules, rule).toContain(rule);
    }
  });

  it('lossless gives exactly the row advice and clusters of full', () => {
    console.log(`${facts('full', full)}\n${facts('lossless', lossless)}`);
    expect(clusterOf(lossless.result)).toEqual(clusterOf(full.result));
    expect(rowAdvice(lossless.result)).toEqual(rowAdvice(full.result));
    expect(lossless.result.clusters.map((c) => [c.id, c.advice, c.contentAdvice])).toEqual(full.result.clusters.map((c) => [c.id, c.advice, c.contentAdvice]));
    expect(sum(lossless.result.counters.signalEvaluations)).toBeLessThan(sum(full.result.counters.signalEvaluations));
  });
});

describe('advice with the tiny embedding model (balanced)', () => {
  let full: TimedRun;
  let lossless: TimedRun;
  beforeAll(async () => {
    full = await run({ policy: 'full', model: TINY_MODEL });
    lossless = await run({ policy: 'lossless', model: TINY_MODEL });
  }, 600_000);

  it('has embeddings available and lossless gives the advice and clusters of full, with fewer inferences', async () => {
    expect(full.result.signals.available).toContain('embeddings');
    console.log(`tiny model\n${facts('full', full)}\n${facts('lossless', lossless)}`);
    expect(clusterOf(lossless.result)).toEqual(clusterOf(full.result));
    expect(rowAdvice(lossless.result)).toEqual(rowAdvice(full.result));
    expect(lossless.result.counters.embeddingInferences).toBeLessThanOrEqual(full.result.counters.embeddingInferences);
    const expected = await column(lossless.result, 'Advies_Label');
    const correct = lossless.result.rows.filter((r, i) => r.advice.label === expected[i]).length;
    console.log(`tiny model advice agreement with Advies_Label: ${correct}/${expected.length}`);
  });
});

describe('1,660 rows vs the 52-article conditions and the 50-clause library (balanced)', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'advise-e2e-1660-'));
    file = path.join(dir, 'sample-1660.xlsx');
    await writeGeneratedWorkbook(generateAdviceSampleRows(2000, 42).slice(0, 1660), file);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('measures time and cascade evaluations per context for full and lossless', async () => {
    const lines: string[] = [];
    for (const policy of ['full', 'lossless'] as const) {
      await run({ file, policy }); // warm-up: module loading, JIT
      const all = await run({ file, policy });
      const none = await run({ file, policy, conditions: false, library: false, instructions: false });
      const library = await run({ file, policy, conditions: false, instructions: false });
      const conditions = await run({ file, policy, library: false, instructions: false });
      const base: Record<string, number> = none.result.counters.signalEvaluations;
      const delta = (a: TimedRun) => Object.fromEntries(Object.entries(a.result.counters.signalEvaluations).map(([k, v]) => [k, v - (base[k] ?? 0)]));
      lines.push(
        `${policy}: total ${Math.round(all.ms)} ms, advise ${Math.round(all.result.timingsMs.advise ?? 0)} ms, rows ${all.result.rows.length}, clusters ${all.result.clusters.length}`,
        `  pairs compared ${JSON.stringify(all.result.counters.pairsCompared)}`,
        `  library context (library only, minus no references): ${JSON.stringify(delta(library))}`,
        `  conditions context (conditions only, minus no references): ${JSON.stringify(delta(conditions))}`,
      );
      expect(all.result.references.conditionsSections).toBeGreaterThanOrEqual(52);
      expect(all.result.references.libraryEntries).toBe(50);
      expect(all.ms).toBeLessThan(15_000);
    }
    console.log(lines.join('\n'));
  }, 300_000);

  it('counts embedding inferences with the tiny model, full vs lossless', async () => {
    const full = await run({ file, policy: 'full', model: TINY_MODEL });
    const lossless = await run({ file, policy: 'lossless', model: TINY_MODEL });
    console.log(`1,660 rows, tiny model\n${facts('full', full)}\n${facts('lossless', lossless)}`);
    expect(rowAdvice(lossless.result)).toEqual(rowAdvice(full.result));
  }, 600_000);
});

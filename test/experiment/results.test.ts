import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../engine/experiment/config.ts';
import { machineFacts } from '../../engine/experiment/machine.ts';
import { scoreHistogram } from '../../engine/experiment/metrics.ts';
import {
  assembleResults,
  createResultsFolder,
  defaultResultsRoot,
  readResults,
  resultsErrors,
  resultsTimestamp,
  type ExperimentResults,
} from '../../engine/experiment/results.ts';
import { writeResults } from '../../engine/experiment/results-writer.ts';
import { runVariants } from '../../engine/experiment/runner.ts';
import { compareMarkdown, runsCsv, runsTable, summaryMarkdown } from '../../engine/experiment/tables.ts';
import { fakeEngine } from './fake-analyzer.ts';

async function sampleResults(withHistogram = true): Promise<ExperimentResults> {
  const plan = parseExperimentConfig(
    {
      name: 'seed-vs-lossless',
      description: 'Fake engine.',
      dataset: { generate: { rows: 4, seed: 42 } },
      variants: [{ name: 'seed', settings: { policy: 'seed' } }, { name: 'lossless', settings: { policy: 'lossless' } }],
      repeats: 2,
    },
    '/tmp',
  );
  const fake = fakeEngine({
    clusters: { full: ['A', 'A', 'B', 'NVT'], seed: ['A', 'B', 'B', 'NVT'], lossless: ['C', 'C', 'D', 'NVT'] },
    labels: ['T0', 'T0', 'T1', ''],
    costMs: { full: [100, 104], seed: [40, 44], lossless: [70, 72] },
  });
  const histogram = scoreHistogram([
    { signal: 'fuzzy', score: 0.95, match: true },
    { signal: 'fuzzy', score: 0.42, match: false },
    { signal: 'stemmed', score: 0.91, match: true },
  ]);
  const run = await runVariants(plan, fake.analyzer, { policyFile: '/tmp/gen.xlsx', clock: fake.clock, ...(withHistogram ? { scoreHistogram: () => histogram } : {}) });
  return assembleResults(plan, run, machineFacts());
}

describe('results', () => {
  it('assembles results that pass the results schema, and survive JSON', async () => {
    const results = await sampleResults();
    expect(resultsErrors(results)).toEqual([]);
    expect(resultsErrors(JSON.parse(JSON.stringify(results)))).toEqual([]);
    expect(results.experiment).toMatchObject({ name: 'seed-vs-lossless', policyFile: '/tmp/gen.xlsx', repeats: 2, warmup: true });
    expect(results.variants.map((v) => v.name)).toEqual(['seed', 'lossless']);
    expect(results.runs).toHaveLength(8);
  });

  it('names every problem by its path', async () => {
    const broken = JSON.parse(JSON.stringify(await sampleResults())) as Record<string, any>;
    broken.variants[1].speedup = 'fast';
    delete broken.machine.cores;
    broken.runs[0].role = 'other';
    broken.formatVersion = 2;
    expect(resultsErrors(broken)).toEqual([
      'results.formatVersion: expected one of 1',
      'results.machine.cores: missing',
      'results.variants[1].speedup: expected a number',
      'results.runs[0].role: expected one of baseline, variant',
    ]);
    expect(resultsErrors(null)).toEqual(['results: expected an object']);
  });

  it('writes the results folder: results.json, runs.csv, summary.md, charts as .vl.json and .svg', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-results-'));
    const results = await sampleResults();
    const started = new Date('2025-03-01T09:05:07.123Z');
    expect(resultsTimestamp(started)).toBe('2025-03-01T09-05-07Z');
    const dir = await createResultsFolder(root, results.experiment.name, started);
    expect(dir).toBe(path.join(root, 'seed-vs-lossless', '2025-03-01T09-05-07Z'));
    expect(await createResultsFolder(root, results.experiment.name, started)).toBe(`${dir}-2`);
    const files = await writeResults(dir, results);
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'agreement.svg',
      'agreement.vl.json',
      'precision-recall.svg',
      'precision-recall.vl.json',
      'results.json',
      'runs.csv',
      'score-distribution.svg',
      'score-distribution.vl.json',
      'speedup.svg',
      'speedup.vl.json',
      'summary.md',
    ]);
    expect(await readResults(dir)).toEqual(JSON.parse(JSON.stringify(results)));
    const svg = await fs.readFile(path.join(dir, 'speedup.svg'), 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('seed-vs-lossless: speedup against the baseline');
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await fs.rm(root, { recursive: true });
  });

  it('draws only the speedup and agreement charts without a score histogram', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-results-'));
    const files = await writeResults(root, await sampleResults(false));
    expect(files.filter((f) => f.endsWith('.svg')).map((f) => path.basename(f))).toEqual(['speedup.svg', 'agreement.svg']);
    await fs.rm(root, { recursive: true });
    expect(defaultResultsRoot('/repo/experiments/a.experiment.json')).toBe('/repo/experiments/results');
  });
});

describe('tables', () => {
  it('runs.csv is tidy: one row per measured run, stage and counter columns', async () => {
    const results = await sampleResults();
    const table = runsTable(results);
    expect(table.numRows()).toBe(8);
    expect(table.columnNames()).toEqual(expect.arrayContaining(['experiment', 'variant', 'role', 'repeat', 'wall_ms', 'cluster_ms', 'total_ms', 'signalEvaluations_fuzzy', 'exits_exit_low', 'pairsCompared_cluster_stage1', 'cacheHits_exact']));
    const csv = runsCsv(results).split('\n');
    expect(csv[0]!.startsWith('experiment,variant,role,repeat,wall_ms,ingest_ms')).toBe(true);
    expect(csv[1]).toMatch(/^seed-vs-lossless,seed,baseline,0,104,/); // 100 went to the warm-up
  });

  it('summary.md has one table row per variant with speedup and differences', async () => {
    const md = summaryMarkdown(await sampleResults());
    expect(md).toMatch(/^# seed-vs-lossless\n\nFake engine\.\n\nDataset: generated, 4 rows, seed 42, style seed; 2 repeats after a warm-up/);
    const speedSection = md.split('## Speed and differences against the baseline')[1]!.split('\n## ')[0]!;
    const rows = speedSection.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(4); // header, rule, two variants
    const labelSection = md.split('## Pairwise agreement with the labels')[1]!;
    expect(labelSection.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(4);
    expect(labelSection).toContain('|variant|baseline_precision|baseline_recall|baseline_f1|');
    expect(rows[0]).toContain('|variant|mode|policy|');
    // seed: per-repeat ratios 100/40 and 104/44, median 2.43; {1,2}{3} → {1}{2,3}: the tie makes {2,3} partner {1,2},
    // so rows 2 and 3 differ; pairs 12 and 23 are each in one partition only; ARI −0.2. The range of the per-repeat
    // ratios follows it: 2 repeats are too few for a 95% interval, so no target column.
    expect(rows[2]).toMatch(/^\|seed\|balanced\|seed\|index\|90\|4\|2\|2\|102\|42\|2\.43\|2\.36–2\.50\|2\|\|2\|0\|2\|-0\.2\|/);
    expect(rows[3]).toMatch(/^\|lossless\|.*\|0\|0\|0\|1(\.0)?\|1\|1\|1\|1\|1\|true\|$/);
  });

  it('compares two runs side by side', async () => {
    const a = await sampleResults();
    const md = compareMarkdown(a, a);
    expect(md).toContain('speedup_a');
    expect(md).toContain('speedup_b');
    expect(md.split('\n').filter((l) => l.startsWith('|seed|'))).toHaveLength(1);
  });
});

describe('machine facts', () => {
  it('records CPU, cores, Node, engine version and the git commit when available', () => {
    const m = machineFacts();
    expect(m.cores).toBeGreaterThan(0);
    expect(m.nodeVersion).toBe(process.version);
    expect(m.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.gitCommit === null || /^[0-9a-f]{40}$/.test(m.gitCommit)).toBe(true);
    expect(m.cpuModel.length).toBeGreaterThan(0);
  });
});

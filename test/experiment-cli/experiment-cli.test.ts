/** `clause-cascade experiment run|compare` through the real CLI (node bin/clause-cascade.js). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readResults, resultsErrors, type ExperimentResults } from '../../engine/experiment/results.ts';
import { cli, errorLines, tempDir } from '../cli/helpers.ts';

const TINY = {
  name: 'tiny',
  // noisy rows, so some matching pairs reach stage 1 rather than the exact or normalised text caches
  dataset: { generate: { rows: 200, seed: 42, style: 'noisy' } },
  settings: { mode: 'balanced', 'embeddings.model.balanced': '../fixtures/tiny-model' },
  variants: [
    { name: 'seed', settings: { policy: 'seed' } },
    { name: 'lossless', settings: { policy: 'lossless' } },
  ],
  repeats: 1,
};

let dir: string;
let configFile: string;
let runs: string[] = [];
let results: ExperimentResults[] = [];

/** Everything in results.json that must not change between runs: all but timings, dates and machine facts. */
function differenceFigures(r: ExperimentResults) {
  return r.variants.map((v) => ({
    name: v.name,
    clusters: v.clusters,
    differences: v.differences,
    labels: v.labels,
    counters: v.counters,
    deterministic: v.deterministic,
    scoreHistogram: v.scoreHistogram,
    settings: v.settings,
  }));
}

beforeAll(async () => {
  dir = await tempDir('experiment-cli-');
  // the config lives in a folder beside a link to the fixtures, so its relative model path resolves like a committed one
  const configs = path.join(dir, 'experiments');
  await fs.mkdir(configs);
  await fs.symlink(path.resolve('fixtures'), path.join(dir, 'fixtures'));
  configFile = path.join(configs, 'tiny.experiment.json');
  await fs.writeFile(configFile, JSON.stringify(TINY));
  for (let i = 0; i < 2; i++) {
    const run = await cli(['experiment', 'run', configs, '--results', path.join(dir, 'results')]);
    expect(run.stderr).toMatch(/\[2\/2\] lossless: /);
    expect(run.code).toBe(0);
    runs.push(run.stdout.trim());
    results.push(await readResults(run.stdout.trim()));
  }
}, 300_000);

describe('experiment run', () => {
  it('writes results.json, runs.csv, summary.md and the charts, and the results validate', async () => {
    const files = await fs.readdir(runs[0]!);
    for (const f of ['results.json', 'runs.csv', 'summary.md', 'speedup.svg', 'speedup.vl.json', 'score-distribution.svg', 'precision-recall.svg']) expect(files).toContain(f);
    const raw = JSON.parse(await fs.readFile(path.join(runs[0]!, 'results.json'), 'utf8'));
    expect(resultsErrors(raw)).toEqual([]);
    const svg = await fs.readFile(path.join(runs[0]!, 'score-distribution.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('t = 0.90');
    const csv = (await fs.readFile(path.join(runs[0]!, 'runs.csv'), 'utf8')).trim().split('\n');
    expect(csv).toHaveLength(1 + 2 * 2); // header + (baseline, variant) per variant
    expect(await fs.readFile(path.join(runs[0]!, 'summary.md'), 'utf8')).toMatch(/## Embedding models\n\n- .*tiny-model: fp32-/);
    // the generated dataset is written once, to a deterministic path, and reused
    expect(results[0]!.experiment.policyFile).toBe(path.join(dir, 'results', '.datasets', 'noisy-seed42-200.csv'));
  });

  it('gives identical difference figures on a second run; only timings vary', () => {
    expect(runs[0]).not.toBe(runs[1]);
    expect(differenceFigures(results[1]!)).toEqual(differenceFigures(results[0]!));
  });

  it('reports lossless with 0 differing rows and ARI 1, and the seed policy as it is', () => {
    const lossless = results[0]!.variants.find((v) => v.name === 'lossless')!;
    expect(lossless.differences.rowsClusterDiffers).toBe(0);
    expect(lossless.differences.rowsAdviceDiffers).toBe(0);
    expect(lossless.differences.adjustedRandIndex).toBe(1);
    expect(lossless.labels!.variant).toEqual(lossless.labels!.baseline);
    const seed = results[0]!.variants.find((v) => v.name === 'seed')!;
    expect(seed.counters.variant.exits['exit.low']).toBeGreaterThan(0);
    expect(seed.deterministic && lossless.deterministic).toBe(true);
  });

  it('starts every run cold: the model loads once, inference counts are the same in every run of a role', () => {
    const r = results[0]!;
    expect(r.models).toHaveLength(1);
    expect(r.models![0]!.unavailable).toBeNull();
    const baseline = r.runs.filter((x) => x.role === 'baseline').map((x) => x.counters.embeddingInferences);
    expect(new Set(baseline).size).toBe(1);
    expect(baseline[0]).toBeGreaterThan(0);
    expect(r.runs.every((x) => x.counters.embeddingCacheHits === 0)).toBe(true);
  });

  it('records the baseline stage-1 score histogram with the combined score and every signal', () => {
    const bins = results[0]!.variants[0]!.scoreHistogram!;
    const signals = new Set(bins.map((b) => b.signal));
    expect([...signals].sort()).toEqual(['combined', 'embeddings', 'fuzzy', 'stemmed', 'synonyms', 'tfidf']);
    expect(bins.some((b) => b.match) && bins.some((b) => !b.match)).toBe(true);
  });
});

describe('experiment compare', () => {
  it('shows both runs side by side', async () => {
    const run = await cli(['experiment', 'compare', runs[0]!, path.join(runs[1]!, 'results.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# tiny (a) vs tiny (b)');
    expect(run.stdout).toContain('speedup_a');
    expect(run.stdout).toContain('speedup_b');
    expect(run.stdout).toMatch(/\|lossless\|/);
    // an experiment folder stands for its newest run
    const latest = await cli(['experiment', 'compare', runs[0]!, path.dirname(runs[1]!)]);
    expect(latest.stdout).toBe(run.stdout);
  });

  it('exits 1 for a folder without results', async () => {
    const run = await cli(['experiment', 'compare', dir, dir]);
    expect(run.code).toBe(1);
  });
});

describe('experiment config errors', () => {
  it('exit 2 naming the field', async () => {
    const bad = path.join(dir, 'bad.experiment.json');
    await fs.writeFile(bad, JSON.stringify({ ...TINY, variants: [{ name: 'x', settings: { clusterAccuracy: 120 } }] }));
    const run = await cli(['experiment', 'run', bad, '--results', path.join(dir, 'results')]);
    expect(run.code).toBe(2);
    expect(errorLines(run.stderr).join('\n')).toMatch(/variants\[0\]\.settings\.clusterAccuracy/);
    await fs.writeFile(bad, JSON.stringify({ ...TINY, dataset: { generate: { rows: 0 } } }));
    const rows = await cli(['experiment', 'run', bad]);
    expect(rows.code).toBe(2);
    expect(rows.stderr).toMatch(/dataset\.generate\.rows/);
    await fs.writeFile(bad, JSON.stringify({ ...TINY, repeat: 2 }));
    const unknown = await cli(['experiment', 'run', bad]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/repeat: unknown field/);
  });

  it('exit 2 for a bad --set or --repeats, 1 for a missing file', async () => {
    expect((await cli(['experiment', 'run', configFile, '--set', 'seed.exitLow=7'])).code).toBe(2);
    expect((await cli(['experiment', 'run', configFile, '--repeats', '0'])).code).toBe(2);
    const missing = await cli(['experiment', 'run', path.join(dir, 'nope.experiment.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.experiment\.json/);
  });
});

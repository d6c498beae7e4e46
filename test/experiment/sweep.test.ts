/**
 * Scaling sweeps: the config block, the exponent fit, and one real sweep of two small sizes through the CLI (whole
 * processes, figures from the processes themselves, F1 read back from the reports).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentConfigError, parseExperimentConfig } from '../../engine/experiment/config.ts';
import { runSweep } from '../../engine/experiment/sweep.ts';
import { logLogSlope, sweepFits, type SweepPoint } from '../../engine/experiment/sweep-results.ts';

const sweepConfig = {
  name: 'scaling-test',
  dataset: { generate: { seed: 20261202, style: 'heldout' } },
  sweep: { rows: [600, 300] },
  settings: { policy: 'lossless' },
  variants: [
    { name: 'fast', settings: { mode: 'fast' } },
    { name: 'balanced', maxRows: 300, settings: { mode: 'balanced', 'embeddings.model.balanced': 'none' } },
  ],
  repeats: 1,
};

describe('sweep configs', () => {
  it('sorts the sizes, takes the largest as the dataset size and keeps each variant\'s maxRows', () => {
    const plan = parseExperimentConfig(sweepConfig, '/data');
    expect(plan.sweep).toEqual({ rows: [300, 600] });
    expect(plan.dataset.generate).toEqual({ rows: 600, seed: 20261202, style: 'heldout' });
    expect(plan.variants.map((v) => v.maxRows)).toEqual([null, 300]);
  });

  it('refuses a sweep over a workbook, a single size and repeated sizes, naming the field', () => {
    const reject = (value: unknown) => {
      try {
        parseExperimentConfig(value, '/data');
      } catch (error) {
        expect(error).toBeInstanceOf(ExperimentConfigError);
        return (error as ExperimentConfigError).field;
      }
      throw new Error('expected the config to be rejected');
    };
    expect(reject({ ...sweepConfig, dataset: { workbook: 'a.xlsx' } })).toBe('dataset');
    expect(reject({ ...sweepConfig, sweep: { rows: [1000] } })).toBe('sweep.rows');
    expect(reject({ ...sweepConfig, sweep: { rows: [1000, 1000] } })).toBe('sweep.rows');
    expect(reject({ ...sweepConfig, variants: [{ name: 'fast', maxRows: 0 }] })).toBe('variants[0].maxRows');
  });
});

describe('exponent fit', () => {
  it('recovers k of y = c · x^k, over every size and over sizes from 100k on', () => {
    expect(logLogSlope([10, 100, 1000].map((x) => ({ x, y: 3 * x ** 1.5 })))).toBeCloseTo(1.5, 10);
    const point = (rows: number, wallMs: number): SweepPoint => ({ variant: 'fast', rows, wallMs, cpuMs: wallMs, peakRssMb: 100, rowsPerSecond: 0, precision: 1, recall: 1, f1: 1 });
    const fits = sweepFits([point(10_000, 1_000), point(100_000, 10_000), point(1_000_000, 200_000)]);
    const wall = fits.find((f) => f.measure === 'wall')!;
    expect(wall.largeExponent).toBeCloseTo(Math.log10(20), 10);
    expect(wall.exponent).toBeGreaterThan(1);
    expect(fits.find((f) => f.measure === 'peakRss')!.exponent).toBeCloseTo(0, 10);
  });
});

describe('runSweep', () => {
  it('runs each variant up to its maxRows as whole processes and writes results, summary and log-log charts', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sweep-'));
    try {
      const { resultsDir, results } = await runSweep(parseExperimentConfig(sweepConfig, root), { resultsRoot: root });
      expect(results.points.map((p) => `${p.variant}@${p.rows}`)).toEqual(['fast@300', 'balanced@300', 'fast@600']);
      for (const p of results.points) {
        expect(p.cpuMs).toBeGreaterThan(0);
        expect(p.peakRssMb).toBeGreaterThan(20);
        expect(p.f1).toBeGreaterThan(0.5);
        expect(p.f1).toBeLessThanOrEqual(1);
      }
      expect(results.fits.find((f) => f.variant === 'fast' && f.measure === 'wall')!.largeExponent).toBeNull();
      expect((await fs.readdir(resultsDir)).sort()).toEqual(['results.json', 'scaling-memory.svg', 'scaling-memory.vl.json', 'scaling-time.svg', 'scaling-time.vl.json', 'summary.md']);
      expect(await fs.readFile(path.join(resultsDir, 'scaling-time.svg'), 'utf8')).toContain('<svg');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  }, 300_000);
});

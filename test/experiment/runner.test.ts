import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../engine/experiment/config.ts';
import { speedupRange } from '../../engine/experiment/results.ts';
import { variantLine } from '../../engine/experiment/run.ts';
import { adviceCode, roleOrder, runVariants, type ExperimentProgress } from '../../engine/experiment/runner.ts';
import { fakeEngine } from './fake-analyzer.ts';

const plan = (extra: Record<string, unknown> = {}) =>
  parseExperimentConfig(
    {
      name: 'demo',
      dataset: { generate: { rows: 6 } },
      variants: [
        { name: 'seed', settings: { policy: 'seed' } },
        { name: 'lossless', settings: { policy: 'lossless' } },
      ],
      ...extra,
    },
    '/tmp',
  );

const engine = () =>
  fakeEngine({
    clusters: {
      full: ['A', 'A', 'A', 'B', 'B', 'NVT'],
      lossless: ['X', 'X', 'X', 'Y', 'Y', 'NVT'],
      seed: ['X', 'X', 'Y', 'Y', 'Y', 'NVT'],
    },
    advice: {
      full: ['S', 'S', 'S', 'U', 'U', 'H'],
      lossless: ['S', 'S', 'S', 'U', 'U', 'H'],
      seed: ['S', 'S', 'U', 'U', 'U', 'H'],
    },
    labels: ['T0', 'T0', 'T0', 'T1', 'T1', 'T2'],
    costMs: { full: [100, 120, 110], seed: [40, 50, 45], lossless: [60, 62, 70] },
  });

describe('runVariants', () => {
  it('alternates baseline and variant after a warm-up, with repeats', async () => {
    const fake = engine();
    const events: ExperimentProgress[] = [];
    await runVariants(plan(), fake.analyzer, { policyFile: '/tmp/gen.csv', clock: fake.clock, onProgress: (e) => events.push(e) });
    const seedRuns = events.filter((e) => e.type === 'run' && e.variant === 'seed').map((e) => (e.type === 'run' ? `${e.role}:${e.repeat}` : ''));
    expect(seedRuns).toEqual(['baseline:warmup', 'variant:warmup', 'baseline:0', 'variant:0', 'variant:1', 'baseline:1', 'baseline:2', 'variant:2']);
    expect(fake.calls).toHaveLength(16);
    expect(fake.calls[0]).toMatchObject({ policyFile: '/tmp/gen.csv' });
    expect(fake.calls[0]!.settings.policy).toBe('full');
    expect(events.filter((e) => e.type === 'variant').map((e) => (e.type === 'variant' ? `${e.index + 1}/${e.of}` : ''))).toEqual(['1/2', '2/2']);
    expect(roleOrder(4)).toEqual(['baseline', 'variant']);
  });

  it("repeats until the speedup's 95% interval is within the precision asked, or up to the cap (said in the result)", async () => {
    const three = engine();
    const fixed = await runVariants(plan({ warmup: false }), three.analyzer, { policyFile: '/tmp/gen.csv', clock: three.clock });
    expect(fixed.variants[0]!.speedupInterval).toBeNull(); // 3 repeats: too few for a 95% interval of the median
    const fake = engine();
    const run = await runVariants(plan({ warmup: false, precision: 0.05 }), fake.analyzer, { policyFile: '/tmp/gen.csv', clock: fake.clock });
    const seed = run.variants[0]!;
    // per-repeat ratios 100/40, 120/50, 110/45, … (2.40–2.50): within ±5% as soon as an interval exists (6 repeats)
    expect(seed.speedupInterval).toMatchObject({ repeats: 6, precise: true, low: 2.4, high: 2.5 });
    expect(seed.timing.variant.wall!.n).toBe(6);
    const slow = engine();
    const capped = await runVariants(plan({ warmup: false, precision: 0.001, maxRepeats: 8 }), slow.analyzer, { policyFile: '/tmp/gen.csv', clock: slow.clock });
    expect(capped.variants[0]!.speedupInterval).toMatchObject({ repeats: 8, precise: false });
  });

  it('takes the headline speedup from the per-repeat ratios its interval comes from, so it lies within the interval', async () => {
    // one slow spell hits only the variant of repeat 4: median/median would say 0.33×, every other repeat says 1.00×
    const spell = fakeEngine({
      clusters: { full: ['A', 'B'], seed: ['A', 'B'] },
      costMs: { full: [100, 100, 100, 100, 100, 300, 300, 300, 300], seed: [100, 100, 100, 100, 300, 300, 300, 300, 300] },
    });
    const onlySeed = { variants: [{ name: 'seed', settings: { policy: 'seed' } }], warmup: false };
    const run = await runVariants(plan({ ...onlySeed, repeats: 9 }), spell.analyzer, { policyFile: '/tmp/gen.csv', clock: spell.clock });
    const seed = run.variants[0]!;
    expect(seed.timing.baseline.wall!.median / seed.timing.variant.wall!.median).toBeCloseTo(1 / 3, 12);
    expect(seed.speedup).toBe(1);
    expect(seed.speedupInterval).toMatchObject({ low: 1, high: 1, repeats: 9, precise: null });
    let state = 7;
    const noise = () => ((state = (state * 48271) % 2147483647) / 2147483647) * 200 + 20;
    for (const repeats of [2, 3, 6, 7, 11, 20]) {
      const costs = { full: Array.from({ length: repeats }, noise), seed: Array.from({ length: repeats }, noise) };
      const random = fakeEngine({ clusters: { full: ['A', 'B'], seed: ['A', 'B'] }, costMs: costs });
      const v = (await runVariants(plan({ ...onlySeed, repeats }), random.analyzer, { policyFile: '/tmp/gen.csv', clock: random.clock })).variants[0]!;
      const range = speedupRange(v);
      expect('low' in range, `${repeats} repeats give a range`).toBe(true);
      if ('low' in range) expect(v.speedup >= range.low && v.speedup <= range.high, `${repeats} repeats: ${v.speedup} in ${range.low}–${range.high}`).toBe(true);
    }
  });

  it("says '(wider than asked)' only where a precision was asked and not reached", async () => {
    const line = async (extra: Record<string, unknown>) => {
      const fake = engine();
      const run = await runVariants(plan({ warmup: false, ...extra }), fake.analyzer, { policyFile: '/tmp/gen.csv', clock: fake.clock });
      return variantLine(run.variants[0]!, 0, 2);
    };
    const unasked = await line({ repeats: 8 });
    expect(unasked).toContain('95% interval');
    expect(unasked).not.toContain('wider than asked');
    expect(await line({ precision: 0.001, maxRepeats: 8 })).toContain('(wider than asked)');
    expect(await line({ precision: 0.05 })).not.toContain('wider than asked');
  });

  it('summarises timings by median and spread and computes speedup', async () => {
    const fake = engine();
    const run = await runVariants(plan({ warmup: false }), fake.analyzer, { policyFile: '/tmp/gen.csv', clock: fake.clock });
    const seed = run.variants[0]!;
    // baseline (full) costs per call: 100, 120, 110, then 100, 120, 110 for the lossless variant's baseline
    expect(seed.timing.baseline.wall).toEqual({ n: 3, median: 110, min: 100, max: 120, mad: 10 });
    expect(seed.timing.variant.wall).toMatchObject({ median: 45, min: 40, max: 50 });
    expect(seed.speedup).toBeCloseTo(110 / 45, 12);
    expect(seed.stageSpeedup.total).toBeCloseTo(110 / 45, 12);
    expect(seed.stageSpeedup.cluster).toBeCloseTo(110 / 45, 12);
    expect(seed.timing.variant.cluster!.median).toBeCloseTo(27, 12);
    expect(run.runs.filter((r) => r.variant === 'seed')).toHaveLength(6);
    expect(run.runs[0]).toMatchObject({ experiment: 'demo', variant: 'seed', role: 'baseline', repeat: 0, wallMs: 100, rows: 6, clusters: 2 });
  });

  it('reports differences against the baseline and agreement with labels', async () => {
    const fake = engine();
    const run = await runVariants(plan(), fake.analyzer, { policyFile: '/tmp/gen.csv', clock: fake.clock });
    const [seed, lossless] = run.variants;
    expect(lossless!.differences).toMatchObject({ rowsClusterDiffers: 0, rowsAdviceDiffers: 0, pairsTogetherInExactlyOne: 0, adjustedRandIndex: 1 });
    expect(lossless!.deterministic).toBe(true);
    // seed moves row 3 from A to the B group: baseline pairs 12 13 23 45; seed pairs 12 34 35 45
    expect(seed!.differences).toMatchObject({
      rowsClusterDiffers: 1,
      exampleRowsClusterDiffers: [3],
      rowsAdviceDiffers: 1,
      exampleRowsAdviceDiffers: [3],
      pairsTogetherInExactlyOne: 4,
    });
    expect(seed!.differences.pairwise).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(seed!.labels!.baseline).toMatchObject({ precision: 1, recall: 1, f1: 1, adjustedRandIndex: 1 });
    expect(seed!.labels!.variant.f1).toBe(0.5);
    expect(seed!.clusters).toEqual({ baseline: 2, variant: 2 });
    expect(seed!.settings.policy).toBe('seed');
    expect(seed!.baselineSettings.policy).toBe('full');
    expect(seed!.scoreHistogram).toBeNull();
  });

  it('flags non-deterministic repeats, asks for the score histogram, and cancels', async () => {
    const fake = engine();
    let calls = 0;
    const flaky = async (...args: Parameters<typeof fake.analyzer>) => {
      const outcome = await fake.analyzer(...args);
      calls++;
      if (calls === 5) outcome.rows = outcome.rows.map((r, i) => ({ ...r, clusterId: i === 0 ? 'Z' : r.clusterId }));
      return outcome;
    };
    const run = await runVariants(plan({ variants: [{ name: 'seed', settings: { policy: 'seed' } }] }), flaky, {
      policyFile: '/x.csv',
      clock: fake.clock,
      scoreHistogram: (_baseline, labels) => [{ signal: 'fuzzy', bin: 0.5, match: labels !== null, count: 3 }],
    });
    expect(run.variants[0]!.deterministic).toBe(false);
    expect(run.variants[0]!.scoreHistogram).toEqual([{ signal: 'fuzzy', bin: 0.5, match: true, count: 3 }]);

    const controller = new AbortController();
    controller.abort();
    await expect(runVariants(plan(), fake.analyzer, { policyFile: '/x.csv', signal: controller.signal })).rejects.toMatchObject({ exitCode: 130 });
  });

  it('needs the generated workbook for generated datasets and a present label column', async () => {
    const fake = engine();
    await expect(runVariants(plan(), fake.analyzer)).rejects.toThrow(/generated workbook/);
    const badLabels = plan({ dataset: { workbook: 'wb.csv', labelColumn: 'Cluster' } });
    await expect(runVariants(badLabels, fake.analyzer, { clock: fake.clock })).rejects.toThrow(/Label column "Cluster" not found/);
    expect(adviceCode('X')).toBe('X');
    expect(adviceCode({ label: 'VERWIJDEREN', confidence: 'Hoog' })).toBe('VERWIJDEREN');
  });
});

// The tuning view's recomputation against the engine itself: the cached pair values replayed through the model give
// the engine's full, lossless and seed outcomes for the same pairs, and slider changes move the metrics as expected.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cascade } from '../../engine/cascade/evaluate.ts';
import { newCounters } from '../../engine/cascade/counters.ts';
import { resolveSettings, type Settings } from '../../engine/config/settings.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { SignalSuite } from '../../engine/signals/suite.ts';
import { codePointLength } from '../../engine/util/text.ts';
import { computeMetrics, decideAll, histograms, losslessEvaluations, normaliseWeights, seedStage, skipShare, thresholdsOf, waterfall } from '../../extension/src/tuning/model.ts';
import type { TuningData } from '../../extension/src/tuning/protocol.ts';
import { computeTuningData } from '../../extension/src/worker/tuning-pairs.ts';

const SAMPLE = path.resolve('fixtures/sample/policies.xlsx');
let data: TuningData;
const base = { referenceDate: '2025-01-01', mode: 'balanced', 'embeddings.model.balanced': 'none' };

beforeAll(async () => {
  data = await computeTuningData({ policyFile: SAMPLE, settings: resolveSettings(base), maxRows: 2000 }, new AbortController().signal, () => undefined);
}, 120_000);

function engineCascade(policy: Settings['policy']) {
  const settings = resolveSettings({ ...base, policy });
  const texts = data.rows.map((r) => simplify(r.text)).filter((t) => codePointLength(t) >= settings.minTextLength);
  const suite = new SignalSuite({ settings, tfidfCorpus: new Set(texts) });
  return { suite, cascade: new Cascade(suite, settings, newCounters()) };
}

describe('tuning data', () => {
  it('holds the sample’s compared pairs with per-signal values and the label column', () => {
    expect(data.rows.length).toBe(2000);
    expect(data.hasLabels).toBe(true);
    expect(data.signals).toEqual(['fuzzy', 'stemmed', 'tfidf', 'synonyms']);
    expect(data.comparedPairs).toBeGreaterThan(data.pairs.length / 2);
    const weighted = data.pairs.reduce((a, p) => a + p.count, 0);
    expect(weighted).toBeCloseTo(data.comparedPairs, 6);
    for (const p of data.pairs.slice(0, 200)) for (let i = 0; i < p.v1.length; i++) expect(p.u1[i]!).toBeGreaterThanOrEqual(p.v1[i]!);
  });
});

describe('model against the engine (stage 1, 400 pairs near the thresholds)', () => {
  const near = () => data.pairs.filter((p) => p.count === 1).slice(0, 400);

  it('full and lossless: same bands, and the lossless evaluation count the engine makes', () => {
    const full = engineCascade('full');
    const lossless = engineCascade('lossless');
    const weights = normaliseWeights(data.baseline.weights);
    expect(weights.map((w) => w.toFixed(9))).toEqual(full.suite.weights.map((w) => w.toFixed(9)));
    const th = thresholdsOf(data.baseline, data.normalisedGate);
    const cuts = [th.gate, th.t];
    let mismatches = 0;
    for (const pair of near()) {
      const side = (i: number) => full.suite.side(simplify(data.rows[i]!.text), '');
      const sideL = (i: number) => lossless.suite.side(simplify(data.rows[i]!.text), '');
      const f = full.cascade.evaluateNow(side(pair.a), side(pair.b), cuts, 'cluster.stage1');
      const l = lossless.cascade.evaluateNow(sideL(pair.a), sideL(pair.b), cuts, 'cluster.stage1');
      const score = weights.reduce((s, w, i) => s + w * pair.v1[i]!, 0);
      expect(score).toBeCloseTo(f.lower, 5);
      if (l.signals.length !== losslessEvaluations(pair.v1, pair.u1, weights, cuts)) mismatches++;
      expect(l.band).toBe(f.band);
    }
    // Values are cached rounded to 1e-6; a pair sitting within that of a cut may differ by one evaluation.
    expect(mismatches).toBeLessThanOrEqual(2);
  });

  it('seed: the same exits as the engine', () => {
    const seed = engineCascade('seed');
    const weights = normaliseWeights(data.baseline.weights);
    const th = thresholdsOf(data.baseline, data.normalisedGate);
    const cuts = [th.gate, th.t];
    let mismatches = 0;
    for (const pair of near()) {
      const side = (i: number) => seed.suite.side(simplify(data.rows[i]!.text), '');
      const record = seed.cascade.evaluateNow(side(pair.a), side(pair.b), cuts, 'cluster.stage1');
      const simulated = seedStage(data, pair.v1, weights, data.baseline, cuts);
      const ran = data.signals.filter((_, i) => simulated.evaluated[i]);
      if (simulated.band !== record.band || ran.join() !== [...record.signals].sort((a, b) => data.signals.indexOf(a) - data.signals.indexOf(b)).join()) mismatches++;
    }
    expect(mismatches).toBeLessThanOrEqual(2);
  });
});

describe('metrics', () => {
  it('baseline has no changes; lower accuracy accepts more pairs; lossless keeps decisions and skips work', () => {
    const baseline = decideAll(data, data.baseline);
    const same = computeMetrics(data, data.baseline, baseline);
    expect(same.changedPairs).toBe(0);
    const lower = computeMetrics(data, { ...data.baseline, clusterAccuracy: 84 }, baseline);
    expect(lower.accepted).toBeGreaterThan(same.accepted);
    expect(lower.changedPairs).toBe(lower.accepted - same.accepted);
    expect(lower.labels!.f1).toBeGreaterThan(0);
    const share = skipShare(lower.cost.lossless, lower.cost.full);
    expect(share.all).toBeGreaterThan(0);
    expect(share.all).toBeLessThan(1);
  });

  it('raising exitHigh to 1 makes seed skip less', () => {
    const baseline = decideAll(data, data.baseline);
    const a = computeMetrics(data, data.baseline, baseline);
    const b = computeMetrics(data, { ...data.baseline, exitHigh: 1, exitLow: 0 }, baseline);
    expect(skipShare(b.cost.seed, b.cost.full).all).toBeLessThan(skipShare(a.cost.seed, a.cost.full).all);
  });

  it('waterfall steps add up to the stage-1 score; histograms conserve the pair count', () => {
    const baseline = decideAll(data, data.baseline);
    const m = computeMetrics(data, data.baseline, baseline);
    const steps = waterfall(data, data.pairs[0]!, data.baseline);
    expect(steps.at(-1)!.end).toBeCloseTo(m.outcomes[0]!.score1, 9);
    const bins = histograms(data, m);
    const combined = bins.filter((b) => b.chart === 'combined').reduce((a, b) => a + b.count, 0);
    expect(combined).toBeCloseTo(m.pairs, 6);
  });

  // A figure, not a timed test (a shared 2-core machine varies several-fold): the recomputation time is printed;
  // the bound only catches an order-of-magnitude regression. The 100 ms budget is measured in the webview e2e test.
  it('reports the recomputation time for the 2,000-row sample (pure JS, Node)', () => {
    const baseline = decideAll(data, data.baseline);
    const t0 = performance.now();
    const m = computeMetrics(data, { ...data.baseline, clusterAccuracy: 86 }, baseline);
    histograms(data, m);
    const ms = performance.now() - t0;
    console.log(`tuning recomputation: ${ms.toFixed(1)} ms`);
    expect(m.pairs).toBeGreaterThan(0);
    expect(ms).toBeLessThan(2000);
  });
});

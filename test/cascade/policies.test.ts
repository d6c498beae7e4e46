import { describe, expect, it } from 'vitest';
import { bandOf, EPSILON } from '../../engine/cascade/decide.ts';
import { Cascade, type EvaluateOptions } from '../../engine/cascade/evaluate.ts';
import { newCounters } from '../../engine/cascade/counters.ts';
import { resolveSettings, SIGNAL_IDS, type SignalId } from '../../engine/config/settings.ts';
import { EXIT_REASONS, PAIR_CONTEXTS } from '../../engine/cascade/types.ts';
import type { SignalSuite } from '../../engine/signals/suite.ts';
import { fakeSuite, type FakePair } from './helpers.ts';

const BALANCED: SignalId[] = ['fuzzy', 'stemmed', 'tfidf', 'synonyms', 'embeddings'];
const BALANCED_W = [0.3, 0.25, 0.15, 0.15, 0.15];

function harness(suite: SignalSuite, overrides: Record<string, unknown>) {
  const settings = resolveSettings({ referenceDate: '2026-01-01', ...overrides });
  const counters = newCounters();
  const log: string[] = [];
  const cascade = new Cascade(suite, settings, counters, (m) => log.push(m));
  const evaluate = (pair: string, cuts: number[], options: EvaluateOptions = {}) =>
    cascade.evaluateNow(suite.side(pair, pair), suite.side(`${pair}'`, `${pair}'`), cuts, 'cluster.stage1', options);
  return { settings, counters, log, cascade, evaluate };
}

/** Pairs are keyed `name|name'`. */
function pairs(table: Record<string, FakePair>): Record<string, FakePair> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${k}|${k}'`, v]));
}

describe('newCounters', () => {
  it('starts every counter at zero, with every context, signal and exit reason present', () => {
    const c = newCounters();
    expect(Object.keys(c.pairsCompared).sort()).toEqual([...PAIR_CONTEXTS].sort());
    expect(Object.keys(c.signalEvaluations).sort()).toEqual([...SIGNAL_IDS].sort());
    expect(Object.keys(c.exits).sort()).toEqual([...EXIT_REASONS].sort());
    for (const v of [...Object.values(c.pairsCompared), ...Object.values(c.signalEvaluations), ...Object.values(c.exits)]) expect(v).toBe(0);
    expect(c.pairsSkippedByLength + c.leadersPruned + c.cacheHits.exact + c.cacheHits.normalised + c.embeddingInferences).toBe(0);
    expect(newCounters()).not.toBe(c);
  });
});

describe('bandOf', () => {
  it('counts the cuts at or below the score', () => {
    expect(bandOf(0.5, [0.5, 0.9])).toBe(1);
    expect(bandOf(0.4999, [0.5, 0.9])).toBe(0);
    expect(bandOf(0.9, [0.5, 0.9])).toBe(2);
    expect(bandOf(0.3, [])).toBe(0);
  });
});

describe('seed policy (SPEC §7.3)', () => {
  const table = pairs({
    low: { values: { fuzzy: 0.35 } },
    high: { values: { fuzzy: 0.95 } },
    partial: { values: { fuzzy: 0.9, stemmed: 0.93 } },
    bound: { values: { fuzzy: 0.55, stemmed: 0.1 } },
    skip: { values: { fuzzy: 0.85, stemmed: 0.5, tfidf: 0.4, synonyms: 0.6 } }, // no embeddings value: must not run
    all: { values: { fuzzy: 0.7, stemmed: 0.6, tfidf: 0.4, synonyms: 0.6, embeddings: 0.8 } },
  });
  const make = () => harness(fakeSuite(BALANCED, BALANCED_W, table), { mode: 'balanced', policy: 'seed' });

  it('exit.low: fuzzy below seed.exitLow, score = fuzzy', () => {
    const h = make();
    const r = h.evaluate('low', [0.5, 0.9]);
    expect(r).toMatchObject({ exit: 'exit.low', lower: 0.35, upper: 0.35, band: 0, signals: ['fuzzy'], values: [0.35], dropped: [] });
    expect(h.log).toEqual(['Early exit: fuzzy too low (0.35)']);
    expect(h.counters.exits['exit.low']).toBe(1);
    expect(h.counters.signalEvaluations).toMatchObject({ fuzzy: 1, stemmed: 0, tfidf: 0, synonyms: 0, embeddings: 0 });
    expect(h.counters.pairsCompared['cluster.stage1']).toBe(1);
  });

  it('exit.high: fuzzy at or above seed.exitHigh, score = fuzzy', () => {
    const h = make();
    const r = h.evaluate('high', [0.5, 0.9]);
    expect(r).toMatchObject({ exit: 'exit.high', lower: 0.95, band: 2, signals: ['fuzzy'] });
    expect(h.log).toEqual(['Early exit: fuzzy high enough (0.95)']);
  });

  it('cascade.high: partial mean of fuzzy and stemmed reaches seed.partialAccept', () => {
    const h = make();
    const r = h.evaluate('partial', [0.5, 0.9]);
    const partial = (0.3 * 0.9 + 0.25 * 0.93) / 0.55; // 0.9136…
    expect(r.exit).toBe('cascade.high');
    expect(r.lower).toBeCloseTo(partial, 12);
    expect(r.band).toBe(2);
    expect(r.signals).toEqual(['fuzzy', 'stemmed']);
    expect(h.log).toEqual(['Early exit: partial score high enough (0.91)']);
    expect(h.counters.exits['cascade.high']).toBe(1);
  });

  it('cascade.bound: best possible score below seed.partialReject, score = partial', () => {
    const h = make();
    const r = h.evaluate('bound', [0.5, 0.9]);
    // known = 0.3·0.55 + 0.25·0.1 = 0.19; best = 0.19 + 0.45 = 0.64; partial = 0.19 / 0.55
    expect(r.exit).toBe('cascade.bound');
    expect(r.lower).toBeCloseTo(0.19 / 0.55, 12);
    expect(r.band).toBe(0);
    expect(h.log).toEqual(['Early exit: best possible score too low (0.64)']);
  });

  it('full with embeddings skipped at high fuzzy: weight dropped and the rest renormalised, no log line', () => {
    const h = make();
    const r = h.evaluate('skip', [0.5, 0.9]);
    const expected = (0.3 * 0.85 + 0.25 * 0.5 + 0.15 * 0.4 + 0.15 * 0.6) / 0.85;
    expect(r.exit).toBe('full');
    expect(r.signals).toEqual(['fuzzy', 'stemmed', 'tfidf', 'synonyms']);
    expect(r.dropped).toEqual(['embeddings']);
    expect(r.exact).toBe(false);
    expect(r.lower).toBeCloseTo(expected, 12);
    expect(r.band).toBe(bandOf(r.lower, [0.5, 0.9]));
    expect(h.counters.signalEvaluations.embeddings).toBe(0);
    expect(h.counters.exits.full).toBe(1);
    expect(h.log).toEqual([]);
  });

  it('full below skipEmbeddingsAt runs every signal and is exact', () => {
    const h = make();
    const r = h.evaluate('all', [0.5, 0.9]);
    expect(r.signals).toEqual(BALANCED);
    expect(r.dropped).toEqual([]);
    expect(r.exact).toBe(true);
    expect(r.lower).toBeCloseTo(0.3 * 0.7 + 0.25 * 0.6 + 0.15 * 0.4 + 0.15 * 0.6 + 0.15 * 0.8, 12);
  });

  it('evaluates fuzzy then stemmed first whatever the signalOrder', () => {
    const order: SignalId[] = ['synonyms', 'stemmed', 'embeddings', 'fuzzy', 'tfidf'];
    const weights = order.map((id) => BALANCED_W[BALANCED.indexOf(id)]!);
    const h = harness(fakeSuite(order, weights, table), { mode: 'balanced', policy: 'seed' });
    expect(h.evaluate('partial', [0.9]).signals).toEqual(['fuzzy', 'stemmed']);
    expect(h.evaluate('all', [0.9]).signals).toEqual(['fuzzy', 'stemmed', 'synonyms', 'embeddings', 'tfidf']);
  });

  it('fast mode: no signals remain after stemmed, so no cascade exits; weighted mean', () => {
    const h = harness(fakeSuite(['fuzzy', 'stemmed'], [0.6, 0.4], table), { mode: 'fast', policy: 'seed' });
    const r = h.evaluate('bound', [0.5]);
    expect(r.exit).toBe('full');
    expect(r.lower).toBeCloseTo(0.6 * 0.55 + 0.4 * 0.1, 12);
    expect(r.exact).toBe(true);
  });
});

describe('lossless policy (SPEC §7.4)', () => {
  const ids: SignalId[] = ['fuzzy', 'stemmed', 'tfidf'];
  const table = pairs({
    accept: { values: { fuzzy: 1, stemmed: 1, tfidf: 0.2 } },
    reject: { values: { fuzzy: 0.22, stemmed: 0.9, tfidf: 0.9 } },
    tiny: { values: { fuzzy: 0.1, stemmed: 0.1, tfidf: 0.1 }, bounds: { fuzzy: 0.1, stemmed: 0.1, tfidf: 0.1 } },
    middle: { values: { fuzzy: 1, stemmed: 0, tfidf: 0.5 } },
    edge: { values: { fuzzy: 0.5, stemmed: 0.5, tfidf: 0.5 } },
  });
  const make = () => harness(fakeSuite(ids, [0.55, 0.36, 0.09], table), { mode: 'balanced', policy: 'lossless' });

  it('lossless.accept once the lower bound clears the cut', () => {
    const h = make();
    const r = h.evaluate('accept', [0.9]);
    expect(r.exit).toBe('lossless.accept');
    expect(r.signals).toEqual(['fuzzy', 'stemmed']);
    expect(r.exact).toBe(false);
    expect(r.lower).toBeCloseTo(0.91, 12);
    expect(r.upper).toBeCloseTo(1, 12);
    expect(r.band).toBe(1);
    expect(h.log).toEqual(['Early exit: lower bound 0.91 ≥ 0.90 after fuzzy, stemmed']);
    expect(h.counters.signalEvaluations).toMatchObject({ fuzzy: 1, stemmed: 1, tfidf: 0 });
    expect(h.counters.exits['lossless.accept']).toBe(1);
  });

  it('lossless.reject once the upper bound falls below the lowest cut', () => {
    const h = make();
    const r = h.evaluate('reject', [0.9]);
    expect(r).toMatchObject({ exit: 'lossless.reject', band: 0, signals: ['fuzzy'], exact: false });
    expect(r.upper).toBeCloseTo(0.55 * 0.22 + 0.45, 12);
    expect(h.log).toEqual(['Early exit: upper bound 0.57 < 0.90 after fuzzy']);
  });

  it('rejects on the bounds alone, before any signal runs', () => {
    const h = make();
    const r = h.evaluate('tiny', [0.5, 0.9]);
    expect(r).toMatchObject({ exit: 'lossless.reject', band: 0, signals: [], values: [] });
    expect(r.upper).toBeCloseTo(0.1, 12);
    expect(h.log).toHaveLength(1);
    expect(h.log[0]).toMatch(/^Early exit: upper bound 0\.10 < 0\.50 after /);
    expect(Object.values(h.counters.signalEvaluations).every((v) => v === 0)).toBe(true);
  });

  it('decides a middle band between two cuts', () => {
    const h = make();
    const r = h.evaluate('middle', [0.5, 0.9]);
    // after fuzzy: [0.55, 1]; after stemmed: [0.55, 0.64] → band 1 without tfidf
    expect(r).toMatchObject({ exit: 'lossless.accept', band: 1, signals: ['fuzzy', 'stemmed'] });
    expect(h.log).toEqual(['Early exit: lower bound 0.55 ≥ 0.50 after fuzzy, stemmed']);
  });

  it('a cut on the exact score runs every signal and reports `full`', () => {
    const h = make();
    const r = h.evaluate('edge', [0.5]);
    const s = 0.55 * 0.5 + 0.36 * 0.5 + 0.09 * 0.5;
    expect(r).toMatchObject({ exit: 'full', exact: true, signals: ids });
    expect(r.lower).toBe(r.upper);
    expect(r.lower).toBeCloseTo(s, 14);
    expect(r.band).toBe(bandOf(r.lower, [0.5]));
    expect(h.log).toEqual([]);
  });

  it('exactUnlessRejected never stops early to accept, but still rejects early', () => {
    const h = make();
    const accepted = h.evaluate('accept', [0.9], { exactUnlessRejected: true });
    expect(accepted).toMatchObject({ exit: 'full', exact: true, signals: ids, band: 1 });
    expect(accepted.lower).toBeCloseTo(0.55 + 0.36 + 0.09 * 0.2, 12);
    const rejected = h.evaluate('reject', [0.9], { exactUnlessRejected: true });
    expect(rejected.exit).toBe('lossless.reject');
  });

  it('reuses known values without counting them as evaluations', () => {
    const h = make();
    const r = h.evaluate('accept', [0.9], { known: { fuzzy: 1 } });
    expect(r.values).toEqual([1, 1]);
    expect(h.counters.signalEvaluations.fuzzy).toBe(0);
    expect(h.counters.signalEvaluations.stemmed).toBe(1);
  });

  it('ε: a lower bound within ε of a cut is not enough to stop', () => {
    const suite = fakeSuite(['fuzzy', 'stemmed'], [0.5, 0.5], pairs({ e: { values: { fuzzy: 1, stemmed: 0 } } }));
    const h = harness(suite, { mode: 'balanced', policy: 'lossless' });
    // After fuzzy the interval is [0.5, 1]; with the cut at 0.5 + ε/2, lower ≥ c + ε fails and upper ≥ c, so stemmed runs.
    const r = h.evaluate('e', [0.5 + EPSILON / 2]);
    expect(r.signals).toEqual(['fuzzy', 'stemmed']);
    expect(r.exit).toBe('full');
    expect(r.band).toBe(0);
  });
});

describe('full policy (SPEC §7.2)', () => {
  it('evaluates every signal for every pair and counts per context', () => {
    const table = pairs({ p: { values: { fuzzy: 0.1, stemmed: 0.2, tfidf: 0.3, synonyms: 0.4, embeddings: 0.5 } } });
    const suite = fakeSuite(BALANCED, BALANCED_W, table);
    const h = harness(suite, { mode: 'balanced', policy: 'full' });
    const r = h.evaluate('p', [0.5, 0.9]);
    expect(r).toMatchObject({ exit: 'full', exact: true, signals: BALANCED, values: [0.1, 0.2, 0.3, 0.4, 0.5], band: 0, dropped: [] });
    expect(r.lower).toBeCloseTo(0.03 + 0.05 + 0.045 + 0.06 + 0.075, 14);
    h.cascade.evaluateNow(suite.side('p', 'p'), suite.side("p'", "p'"), [0.1], 'library');
    h.cascade.evaluateNow(suite.side('p', 'p'), suite.side("p'", "p'"), [0.1], 'library');
    expect(h.counters.pairsCompared).toMatchObject({ 'cluster.stage1': 1, library: 2, conditions: 0 });
    expect(h.counters.signalEvaluations).toEqual({ fuzzy: 3, stemmed: 3, tfidf: 3, synonyms: 3, embeddings: 3 });
    expect(h.counters.exits.full).toBe(3);
    expect(h.log).toEqual([]);
  });
});

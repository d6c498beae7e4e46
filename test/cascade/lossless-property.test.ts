/**
 * The central identity of SPEC §7.4: on random text pairs, weights, cuts and signal orders, `lossless` puts every
 * pair in the same band as `full`; with exactUnlessRejected a non-rejected lossless score is the full score exactly.
 * Embeddings (a deterministic fake provider) take part, so the blocked/resume path is exercised too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cascade, type EvaluateOptions, type EvaluationRecord } from '../../engine/cascade/evaluate.ts';
import { newCounters } from '../../engine/cascade/counters.ts';
import { resolveSettings, SIGNAL_IDS, type SignalId } from '../../engine/config/settings.ts';
import { clusteringText } from '../../engine/normalise/clustering.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { embeddingInput } from '../../engine/signals/embeddings/index.ts';
import { SignalSuite } from '../../engine/signals/suite.ts';
import { FakeEmbeddingProvider, fakeSuite, textPairArb, VOCABULARY } from './helpers.ts';

const FIXED_CORPUS = [
  'de verzekering dekt schade door brand en storm',
  'het eigen risico bedraagt 2500 euro per jaar',
  'molest en terrorisme zijn uitgesloten van de dekking',
  VOCABULARY.slice(12, 30).join(' '),
];

const weightArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(0.05, 0.15, 0.25, 0.3, 0.4, 0.6, 1) },
  { weight: 3, arbitrary: fc.double({ min: 0.001, max: 1, noNaN: true }) },
);
const cutsArb = fc
  .array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.85, 0.9, 1)), { minLength: 1, maxLength: 3 })
  .map((cs) => [...cs].sort((a, b) => a - b));

const caseArb = fc.record({
  pair: textPairArb,
  mode: fc.constantFrom('fast', 'balanced'),
  weights: fc.tuple(weightArb, weightArb, weightArb, weightArb, weightArb),
  order: fc.shuffledSubarray([...SIGNAL_IDS], { minLength: 5, maxLength: 5 }),
  cuts: cutsArb,
  /** Replace one cut by the pair's exact full score (or a hair beside it): the hardest case for the interval test. */
  snap: fc.constantFrom('none', 'none', 'exact', 'below', 'above'),
  snapIndex: fc.nat(2),
  stage: fc.constantFrom('simplified', 'clustering'),
  embeddings: fc.boolean(),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

async function resolve(cascade: Cascade, suite: SignalSuite, provider: FakeEmbeddingProvider | null, a: string, b: string, ea: string, eb: string, cuts: number[], options: EvaluateOptions = {}) {
  const evaluation = cascade.start(suite.side(a, ea), suite.side(b, eb), cuts, 'cluster.stage1', options);
  let record: EvaluationRecord | null = evaluation.advance();
  let blocked = 0;
  while (!record) {
    const needs = evaluation.needs();
    expect(needs.length).toBeGreaterThan(0);
    expect(provider).not.toBeNull();
    await provider!.embed(needs);
    record = evaluation.advance();
    blocked++;
    expect(blocked).toBeLessThan(3);
  }
  return record;
}

function build(c: Case) {
  const modeKeys: SignalId[] = c.mode === 'fast' ? ['fuzzy', 'stemmed'] : [...SIGNAL_IDS];
  const overrides: Record<string, unknown> = { referenceDate: '2026-01-01', mode: c.mode, signalOrder: c.order };
  modeKeys.forEach((id, i) => (overrides[`weights.${c.mode}.${id}`] = c.weights[SIGNAL_IDS.indexOf(id)]! * (i >= 0 ? 1 : 1)));
  return overrides;
}

function hasSignal(c: Case, overrides: Record<string, unknown>): boolean {
  const s = resolveSettings(overrides);
  const w = s.weights[c.mode as 'fast' | 'balanced'];
  return w.fuzzy > 0 || w.stemmed > 0 || w.synonyms > 0 || (c.mode === 'balanced' && (w.tfidf > 0 || (c.embeddings && w.embeddings > 0)));
}

describe('lossless ≡ full (property, SPEC §7.4)', () => {
  it('same band on random pairs, weights, cuts and signal orders; exact score when not rejected', async () => {
    let compared = 0;
    let earlyExits = 0;
    let blockedOnEmbeddings = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const overrides = build(c);
        fc.pre(hasSignal(c, overrides));
        const [rawA, rawB] = c.pair;
        const norm = c.stage === 'simplified' ? simplify : clusteringText;
        const a = norm(rawA);
        const b = norm(rawB);
        const ea = embeddingInput(rawA);
        const eb = embeddingInput(rawB);
        const corpus = [...FIXED_CORPUS, simplify(rawA), simplify(rawB)];

        const suiteFor = (policy: string) => {
          const provider = c.embeddings ? new FakeEmbeddingProvider() : null;
          const settings = resolveSettings({ ...overrides, policy });
          const suite = new SignalSuite({
            settings,
            tfidfCorpus: corpus,
            embeddings: provider ? { available: true, provider } : { available: false, reason: 'test: no model' },
          });
          return { settings, suite, provider, counters: newCounters() };
        };

        const full = suiteFor('full');
        if (full.provider) await full.provider.embed([ea, eb]); // the baseline embeds up front
        const fullCascade = new Cascade(full.suite, full.settings, full.counters);
        const probe = fullCascade.evaluateNow(full.suite.side(a, ea), full.suite.side(b, eb), [0.5], 'cluster.stage1');
        const S = probe.lower;

        const cuts = [...c.cuts];
        if (c.snap !== 'none') {
          const k = Math.min(c.snapIndex, cuts.length - 1);
          cuts[k] = c.snap === 'exact' ? S : c.snap === 'below' ? S - 1e-12 : S + 1e-12;
          cuts.sort((x, y) => x - y);
        }

        const fullRecord = fullCascade.evaluateNow(full.suite.side(a, ea), full.suite.side(b, eb), cuts, 'cluster.stage1');
        expect(fullRecord.exit).toBe('full');
        expect(fullRecord.lower).toBe(S);

        const lossless = suiteFor('lossless');
        const losslessCascade = new Cascade(lossless.suite, lossless.settings, lossless.counters);
        const record = await resolve(losslessCascade, lossless.suite, lossless.provider, a, b, ea, eb, cuts);
        expect(record.band).toBe(fullRecord.band);
        expect(record.lower).toBeLessThanOrEqual(S + 1e-9);
        expect(record.upper).toBeGreaterThanOrEqual(S - 1e-9);
        if (record.exact) expect(record.lower).toBe(S);
        else expect(['lossless.accept', 'lossless.reject']).toContain(record.exit);
        // Signals ran in signalOrder, a prefix of the suite.
        expect(record.signals).toEqual(lossless.suite.ids.slice(0, record.signals.length));

        // Score cutoffs change no decision: the same band, exit, signals and counters as with every value in full.
        const uncut = suiteFor('lossless');
        const uncutRecord = await resolve(new Cascade(uncut.suite, uncut.settings, uncut.counters), uncut.suite, uncut.provider, a, b, ea, eb, cuts, { exactValues: true });
        expect([record.band, record.exit, record.signals]).toEqual([uncutRecord.band, uncutRecord.exit, uncutRecord.signals]);
        expect(lossless.counters).toEqual(uncut.counters);
        if (record.exact) expect(record.values).toEqual(uncutRecord.values);

        const strict = suiteFor('lossless');
        const strictCascade = new Cascade(strict.suite, strict.settings, strict.counters);
        const exactRecord = await resolve(strictCascade, strict.suite, strict.provider, a, b, ea, eb, cuts, { exactUnlessRejected: true });
        expect(exactRecord.band).toBe(fullRecord.band);
        if (exactRecord.band > 0) {
          expect(exactRecord.exact).toBe(true);
          expect(exactRecord.lower).toBe(S);
          expect(exactRecord.upper).toBe(S);
        } else if (!exactRecord.exact) expect(exactRecord.exit).toBe('lossless.reject');

        compared++;
        if (!record.exact) earlyExits++;
        if ((lossless.provider?.stats.batches ?? 0) > 0 && record.signals.includes('embeddings')) blockedOnEmbeddings++;
      }),
      { numRuns: 400, seed: 20260101 },
    );
    // The generator must actually reach both kinds of outcome, or the property proves little.
    expect(compared).toBeGreaterThan(300);
    expect(earlyExits).toBeGreaterThan(50);
    expect(compared - earlyExits).toBeGreaterThan(20);
    expect(blockedOnEmbeddings).toBeGreaterThan(5);
  });

  it('same band with random values fed straight to the cascade (fake signals, extreme weights, a second score view)', () => {
    // Independent of text generation: any values within their bounds, any positive weights, with or without a floor.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1e-6, max: 10, noNaN: true })), { minLength: 1, maxLength: 5 }),
        cutsArb,
        fc.boolean(),
        fc.option(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 5, maxLength: 5 })),
        (signals, cuts, snap, floor) => {
          // value ≤ bound
          const ids = SIGNAL_IDS.slice(0, signals.length) as SignalId[];
          const values = Object.fromEntries(ids.map((id, i) => [id, Math.min(signals[i]![0], signals[i]![1])]));
          const bounds = Object.fromEntries(ids.map((id, i) => [id, Math.max(signals[i]![0], signals[i]![1])]));
          const weights = signals.map((s) => s[2]);
          const run = (policy: string, cs: number[]) => {
            const suite = fakeSuite(ids, weights, { 'a|b': { values, bounds } }, undefined, floor?.slice(0, ids.length));
            const settings = resolveSettings({ referenceDate: '2026-01-01', policy });
            return new Cascade(suite, settings, newCounters()).evaluateNow(suite.side('a', 'a'), suite.side('b', 'b'), cs, 'library');
          };
          const S = run('full', [0.5]).lower;
          const cs = snap ? [...cuts.slice(1), S].sort((x, y) => x - y) : cuts;
          expect(run('lossless', cs).band).toBe(run('full', cs).band);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});


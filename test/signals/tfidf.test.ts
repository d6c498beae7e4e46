import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TfidfModel, tfidfSignal, tfidfTerms } from '../../engine/signals/tfidf.ts';

/**
 * A three-document corpus whose words are their own Snowball stems (auto, brand, huis, water, kat; `de` is a
 * stop-word). N = 3; df: auto 2, brand 1, huis 1, water 1.
 */
const CORPUS = ['de auto brand', 'auto huis', 'water'];
const N = 3;
const idf = (df: number) => Math.log((1 + N) / (1 + df)) + 1;

function cosine(a: Record<string, number>, b: Record<string, number>): number {
  const norm = (v: Record<string, number>) => Math.sqrt(Object.values(v).reduce((s, w) => s + w * w, 0));
  let dot = 0;
  for (const [t, w] of Object.entries(a)) dot += w * (b[t] ?? 0);
  return dot / (norm(a) * norm(b));
}

describe('TF-IDF signal (SPEC §6.4)', () => {
  const model = new TfidfModel(CORPUS);
  const signal = tfidfSignal(model);
  const score = (a: string, b: string) => signal.score(signal.prepare(a), signal.prepare(b));

  it('terms are stop-word-free stems of at least 2 characters; placeholders as-is', () => {
    expect(tfidfTerms('de verzekering x van het huis')).toEqual(['verzeker', 'huis']);
    expect(tfidfTerms('maximaal [BEDRAG] per jaar')).toContain('[BEDRAG]');
  });

  it('smoothed idf: ln((1+N)/(1+df)) + 1; a term absent from the corpus has df 0', () => {
    expect(model.documents).toBe(3);
    expect(model.idf('auto')).toBeCloseTo(idf(2), 15);
    expect(model.idf('brand')).toBeCloseTo(idf(1), 15);
    expect(model.idf('kat')).toBeCloseTo(idf(0), 15);
    expect(model.idf('kat')).toBeCloseTo(Math.log(4) + 1, 15);
  });

  it('sublinear tf and L2-normalised vectors, hand-computed cosine', () => {
    // `auto auto brand`: tf(auto) = 1 + ln 2, tf(brand) = 1. `auto huis kat`: each tf 1, kat absent (df 0).
    const a = { auto: (1 + Math.log(2)) * idf(2), brand: idf(1) };
    const b = { auto: idf(2), huis: idf(1), kat: idf(0) };
    const expected = cosine(a, b);
    expect(expected).toBeGreaterThan(0.2);
    expect(expected).toBeLessThan(0.6);
    expect(score('auto auto brand', 'auto huis kat')).toBeCloseTo(expected, 12);

    const v = model.vector('auto auto brand');
    expect(Math.hypot(...v.weights)).toBeCloseTo(1, 12);
    const weights = [...v.weights].sort((x, y) => x - y);
    const na = Math.hypot(a.auto, a.brand);
    expect(weights).toEqual([a.brand / na, a.auto / na].sort((x, y) => x - y).map((w) => expect.closeTo(w, 12)));
  });

  it('term weights for key-term names are tf × idf', () => {
    const w = model.termWeights('auto auto brand kat');
    expect(w.get('auto')).toBeCloseTo((1 + Math.log(2)) * idf(2), 12);
    expect(w.get('kat')).toBeCloseTo(idf(0), 12);
  });

  it('identical texts → 1, disjoint → 0, either empty → 0', () => {
    expect(score('auto brand huis', 'auto brand huis')).toBeCloseTo(1, 12);
    expect(score('auto brand huis', 'auto brand huis')).toBeLessThanOrEqual(1);
    expect(score('auto brand', 'water kat')).toBe(0);
    expect(score('de het', 'auto')).toBe(0);
    expect(score('', '')).toBe(0);
  });

  it('reports no terms for a corpus of stop-words and one-letter tokens', () => {
    expect(new TfidfModel(['de het een', 'x y z', '']).hasTerms).toBe(false);
    expect(new TfidfModel([]).hasTerms).toBe(false);
    expect(model.hasTerms).toBe(true);
  });

  it('score ∈ [0, 1] and symmetric; bound ≥ score up to rounding (property)', () => {
    const word = fc.constantFrom('de', 'auto', 'autos', 'brand', 'huis', 'water', 'kat', 'hond', 'schade', '[BEDRAG]', 'x');
    const text = fc.array(word, { maxLength: 10 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const pa = signal.prepare(a);
        const pb = signal.prepare(b);
        const s = signal.score(pa, pb);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        // The bound may sit an ulp below the score (rounding); the cascade's ε = 1e-9 absorbs that.
        const bd = signal.bound(pa, pb);
        expect(bd).toBeGreaterThanOrEqual(s - 1e-12);
        expect(bd).toBeLessThanOrEqual(1);
        expect(signal.score(pb, pa)).toBeCloseTo(s, 14);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The fuzzy signal's score cutoff (RapidFuzz's score_cutoff): with a cutoff the score is unchanged whenever it reaches
 * the cutoff, and otherwise a ceiling of the score below the cutoff; the bounded edit distance under it is exact up to
 * its ceiling and a lower bound of the distance beyond it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../engine/generate/index.ts';
import { fuzzyScore, fuzzySignal, prepareFuzzy } from '../../engine/signals/fuzzy.ts';
import { boundedDistance } from '../../engine/signals/levenshtein.ts';
import { stemmedSignal } from '../../engine/signals/stemmed.ts';

function levenshtein(a: readonly number[], b: readonly number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const ALPHABET = ['a', 'b', 'c', 'e', ' ', 'é', '😀', '😁', '\u{20000}'];
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((cs) => cs.join(''));
/** Pairs that are often close: a text and an edited copy of it, or two unrelated texts. */
const pairArb = fc.oneof(
  fc.tuple(textArb, textArb),
  fc.tuple(textArb, fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...ALPHABET, '')), { maxLength: 6 })).map(([a, edits]) => {
    const chars = Array.from(a);
    for (const [at, ch] of edits) chars.splice(at % (chars.length + 1), ch === '' ? 1 : 0, ...(ch === '' ? [] : [ch]));
    return [a, chars.join('')] as [string, string];
  }),
);
const cutoffArb = fc.oneof(fc.double({ min: 0, max: 1.2, noNaN: true }), fc.constantFrom(0, 0.5, 0.8, 0.9, 1));

describe('fuzzy score with a cutoff', () => {
  it('equals the score without a cutoff when that reaches the cutoff, and is a ceiling below the cutoff otherwise', () => {
    let below = 0;
    let reached = 0;
    fc.assert(
      fc.property(pairArb, cutoffArb, ([a, b], cutoff) => {
        const pa = prepareFuzzy(a);
        const pb = prepareFuzzy(b);
        const full = fuzzyScore(pa, pb);
        const cut = fuzzySignal.score(pa, pb, cutoff);
        if (full >= cutoff) {
          expect(cut).toBe(full);
          reached++;
        } else {
          expect(cut).toBeLessThan(cutoff);
          expect(cut).toBeGreaterThanOrEqual(full);
          below++;
        }
      }),
      { numRuns: 3000, seed: 12 },
    );
    expect(below).toBeGreaterThan(300);
    expect(reached).toBeGreaterThan(300);
  });

  it('holds on generated clauses at the cutoffs the cascade uses, for fuzzy and stemmed', () => {
    const texts = generateRows({ rows: 120, seed: 5, style: 'realistic' }).map((row) => row.Tekst);
    for (const signal of [fuzzySignal, stemmedSignal]) {
      for (let i = 0; i < texts.length; i++) {
        const a = signal.prepare(texts[i]!);
        const b = signal.prepare(texts[(i * 7 + 1) % texts.length]!);
        const near = signal.prepare(texts[i]!.replace(/e/g, 'a'));
        for (const other of [b, near]) {
          const full = signal.score(a, other);
          for (const cutoff of [0.3, 0.5, 0.62, 0.75, 0.8, 0.9, 0.95, full, full + 1e-12]) {
            const cut = signal.score(a, other, cutoff);
            if (full >= cutoff) expect(cut).toBe(full);
            else expect(cut).toBeLessThan(cutoff);
            if (full < cutoff) expect(cut).toBeGreaterThanOrEqual(full);
          }
        }
      }
    }
  });

  it('bounded distance is the edit distance up to its ceiling, and beyond it a lower bound above the ceiling', () => {
    fc.assert(
      fc.property(pairArb, fc.nat(45), ([a, b], max) => {
        const x = Int32Array.from(a, (ch) => ch.codePointAt(0)!);
        const y = Int32Array.from(b, (ch) => ch.codePointAt(0)!);
        const exact = levenshtein([...x], [...y]);
        const bounded = boundedDistance(x, x.length, y, y.length, max);
        if (exact <= max) expect(bounded).toBe(exact);
        else {
          expect(bounded).toBeGreaterThan(max);
          expect(bounded).toBeLessThanOrEqual(exact);
        }
      }),
      { numRuns: 3000, seed: 3 },
    );
  });
});

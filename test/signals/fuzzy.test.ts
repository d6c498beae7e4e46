import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzyBound, fuzzyRatio, fuzzyScore, fuzzySignal, prepareFuzzy } from '../../engine/signals/fuzzy.ts';

/** Textbook Levenshtein over code points (insert, delete, substitute, each cost 1). */
function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

function referenceFuzzy(a: string, b: string): number {
  const la = Array.from(a).length;
  const lb = Array.from(b).length;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  return 1 - levenshtein(a, b) / Math.max(la, lb);
}

// Letters, a space, BMP accents, and astral code points (emoji, a CJK extension B letter) that share surrogates.
const ALPHABET = ['a', 'b', 'c', 'e', ' ', 'é', '😀', '😁', '🚗', '\u{20000}', '\u{20001}'];
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 14 }).map((cs) => cs.join(''));

describe('fuzzy signal (SPEC §6.2)', () => {
  it('both empty → 1, exactly one empty → 0', () => {
    expect(fuzzyRatio('', '')).toBe(1);
    expect(fuzzyRatio('', 'abc')).toBe(0);
    expect(fuzzyRatio('abc', '')).toBe(0);
    expect(fuzzyBound(prepareFuzzy(''), prepareFuzzy(''))).toBe(1);
    expect(fuzzyBound(prepareFuzzy(''), prepareFuzzy('abc'))).toBe(0);
  });

  it('matches hand-computed Levenshtein distances', () => {
    expect(fuzzyRatio('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 15); // k→s, e→i, +g
    expect(fuzzyRatio('flaw', 'lawn')).toBeCloseTo(1 - 2 / 4, 15); // −f, +n
    expect(fuzzyRatio('brand', 'brand')).toBe(1);
    expect(fuzzyRatio('abc', 'xyz')).toBe(0);
    expect(fuzzyRatio('auto', 'autos')).toBeCloseTo(1 - 1 / 5, 15);
    expect(fuzzyRatio('eigen risico', 'eigenrisico')).toBeCloseTo(1 - 1 / 12, 15);
  });

  it('counts code points above U+FFFF as one unit', () => {
    // In UTF-16 two emoji share their high surrogate (distance 1 of 2 units → 0.5); per code point they differ wholly.
    expect(fuzzyRatio('😀', '😁')).toBe(0);
    expect(fuzzyRatio('😀', 'a')).toBe(0);
    // Emoji vs letter is one substitution: 1 − 1/3, not 1 − 2/4 as UTF-16 would give.
    expect(fuzzyRatio('ab😀', 'abc')).toBeCloseTo(1 - 1 / 3, 15);
    expect(fuzzyRatio('😀a', 'a')).toBeCloseTo(0.5, 15);
    expect(fuzzyRatio('🚗🚗🚗', '🚗🚗🚗')).toBe(1);
    expect(fuzzyBound(prepareFuzzy('😀a'), prepareFuzzy('a'))).toBeCloseTo(0.5, 15);
    expect(prepareFuzzy('x😀y').length).toBe(3);
  });

  it('keeps the mapping of astral code points consistent across texts', () => {
    const a = prepareFuzzy('🚗 auto');
    const b = prepareFuzzy('auto 🚗');
    expect(fuzzyScore(a, b)).toBeCloseTo(referenceFuzzy('🚗 auto', 'auto 🚗'), 15);
  });

  it('does not confuse a private-use character in the input with an astral code point', () => {
    // A remapping of astral code points onto BMP private-use units would make these equal.
    for (const unit of ['\uE000', '\uE001', '\uF8FF']) expect(fuzzyRatio(unit, '😀')).toBe(0);
    expect(fuzzyRatio('a\uE000', 'a😀')).toBe(0.5);
  });

  it('equals a textbook Levenshtein ratio over code points (property)', () => {
    fc.assert(
      fc.property(textArb, textArb, (a, b) => {
        expect(fuzzyRatio(a, b)).toBeCloseTo(referenceFuzzy(a, b), 12);
      }),
      { numRuns: 400 },
    );
  });

  it('bound ≥ score, score ∈ [0, 1], symmetric (property)', () => {
    fc.assert(
      fc.property(fc.oneof(textArb, fc.string({ maxLength: 30 })), fc.oneof(textArb, fc.string({ maxLength: 30 })), (a, b) => {
        const pa = fuzzySignal.prepare(a);
        const pb = fuzzySignal.prepare(b);
        const s = fuzzySignal.score(pa, pb);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(fuzzySignal.bound(pa, pb)).toBeGreaterThanOrEqual(s - 1e-12);
        expect(fuzzySignal.score(pb, pa)).toBe(s);
      }),
      { numRuns: 400 },
    );
  });
});

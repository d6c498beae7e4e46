import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stemmedSignal } from '../../engine/signals/stemmed.ts';

const score = (a: string, b: string) => stemmedSignal.score(stemmedSignal.prepare(a), stemmedSignal.prepare(b));
const bound = (a: string, b: string) => stemmedSignal.bound(stemmedSignal.prepare(a), stemmedSignal.prepare(b));

describe('stemmed signal (SPEC §6.3)', () => {
  it('ignores stop-words', () => {
    expect(score('de auto', 'auto')).toBe(1);
    expect(score('de auto van het huis', 'auto huis')).toBe(1);
    expect(score('het is de', 'en van')).toBe(1); // both stem strings empty
    expect(score('het is de', 'auto')).toBe(0); // exactly one empty
  });

  it('compares Snowball stems', () => {
    // verzekering → verzeker, schade → schad, betaling → betal
    expect(score('verzekering', 'verzeker')).toBe(1);
    expect(score('schade', 'schad')).toBe(1);
    // stem strings `auto brand` vs `auto schad` (10 each): b→s, r→c, a→h, n→a (d = d) → distance 4
    expect(score('auto brand', 'auto schade')).toBeCloseTo(1 - 4 / 10, 15);
  });

  it('bound is the length ratio of the stem strings', () => {
    // `auto` (4) vs `auto huis` (9)
    expect(bound('de auto', 'de auto en het huis')).toBeCloseTo(4 / 9, 15);
  });

  it('bound ≥ score (property)', () => {
    const word = fc.constantFrom('de', 'het', 'auto', 'autos', 'huis', 'huizen', 'brand', 'schade', 'verzekering', 'van', 'premie', 'dekking');
    const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = score(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(bound(a, b)).toBeGreaterThanOrEqual(s - 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

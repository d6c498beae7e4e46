import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { synonymsSignal } from '../../engine/signals/synonyms.ts';

const signal = synonymsSignal();
const prep = (t: string) => signal.prepare(t);
const score = (a: string, b: string) => signal.score(prep(a), prep(b));
const bound = (a: string, b: string) => signal.bound(prep(a), prep(b));

describe('synonyms signal (SPEC §6.5)', () => {
  it('maps synonyms to their canonical term', () => {
    expect(score('huis', 'woning')).toBe(1);
    expect(score('het huis', 'de woning')).toBe(1);
    expect(score('auto', 'personenwagen')).toBe(1);
    expect(score('eigen risico', 'franchise')).toBe(1);
    expect(score('niet gedekt', 'uitsluiting')).toBe(1);
  });

  it('is the Jaccard index of the content-term sets (hand-computed)', () => {
    // {voertuig, verzekerd, brand} vs {voertuig, brand, water}: 2 shared of 4 → 0.5
    expect(score('de auto is verzekerd tegen brand', 'wagen brand lekkage')).toBe(0.5);
    // {woning, schade} vs {woning, schade, storm, premie}: 2 / 4
    expect(score('schade aan het huis', 'woning schade hagel kosten')).toBe(0.5);
    // {voertuig} vs {woning}: 0
    expect(score('auto', 'huis')).toBe(0);
    // Sets are sets: repeated terms count once; {kat, hond} vs {kat}: 1/2
    expect(score('kat hond kat', 'kat kat')).toBe(0.5);
  });

  it('either set empty → 0; the bound never exceeds min/max of the set sizes', () => {
    expect(score('de het', 'auto')).toBe(0);
    expect(score('', '')).toBe(0);
    expect(bound('de het', 'auto')).toBe(0);
    // {voertuig} vs {voertuig, brand, storm}: Jaccard 1/3, and 1/3 is also the size ratio, so the bound is exactly 1/3.
    expect(score('auto', 'wagen brand storm')).toBeCloseTo(1 / 3, 15);
    expect(bound('auto', 'wagen brand storm')).toBeCloseTo(1 / 3, 15);
  });

  it('bound ≥ score, score ∈ [0, 1] (property)', () => {
    const word = fc.constantFrom('de', 'auto', 'wagen', 'huis', 'woning', 'eigen', 'risico', 'franchise', 'brand', 'vuur', 'kat', 'niet', 'gedekt', 'schade');
    const text = fc.array(word, { maxLength: 9 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = score(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        const bd = bound(a, b);
        expect(bd).toBeGreaterThanOrEqual(s);
        const na = signal.prepare(a).ids.length;
        const nb = signal.prepare(b).ids.length;
        expect(bd).toBeLessThanOrEqual(na && nb ? Math.min(na, nb) / Math.max(na, nb) : 0);
        expect(score(b, a)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

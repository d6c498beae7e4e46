/** Seeded pseudo-random numbers for the synthetic generators (SPEC §13.1): mulberry32, 32-bit state. */

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** `values[floor(next() × n)]`; throws on an empty list. */
  choice<T>(values: readonly T[]): T;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function mulberry32(seed: number): Prng {
  let a = seed | 0;
  const next = (): number => {
    // Formula of SPEC §13.1, verbatim.
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const choice = <T>(values: readonly T[]): T => {
    if (values.length === 0) throw new Error('choice() needs at least one value');
    return values[int(values.length)] as T;
  };
  return { next, choice, int };
}

/** Sorted sparse vectors and term sets over interned term ids, shared by the TF-IDF and synonym signals. */

/** Dense ids for strings (terms, the leader index's q-grams), in order of first sight; one instance a run, freed with it. */
export class TermIds {
  private readonly ids = new Map<string, number>();
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
    }
    return id;
  }
}

/** Ids ascending, duplicates removed. */
export function sortedIdSet(ids: Iterable<number>): Int32Array {
  return Int32Array.from(new Set(ids)).sort();
}

export function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

export interface SparseVector {
  ids: Int32Array; // ascending
  weights: Float64Array;
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      sum += a.weights[i]! * b.weights[j]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return sum;
}

/**
 * A 128-bit signature of a term set, for O(1) sound upper bounds on the size of an intersection: every shared term
 * sets the same bit on both sides, so |A ∩ B| ≤ popcount(sig(A) & sig(B)) + min(overflow(A), overflow(B)), where
 * overflow counts the terms that landed on an already-set bit of their own set.
 */
export interface TermSketch {
  bits: Uint32Array; // 4 words
  overflow: number;
  size: number;
}

export function termSketch(ids: Int32Array): TermSketch {
  const bits = new Uint32Array(4);
  let overflow = 0;
  for (const id of ids) {
    // Multiplicative hashing spreads consecutive ids over the 128 bits.
    const bit = Math.imul(id, 0x9e3779b1) >>> 25;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if (bits[word]! & mask) overflow++;
    else bits[word]! |= mask;
  }
  return { bits, overflow, size: ids.length };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

export function sharedTermsBound(a: TermSketch, b: TermSketch): number {
  let common = 0;
  for (let w = 0; w < 4; w++) common += popcount(a.bits[w]! & b.bits[w]!);
  return Math.min(common + Math.min(a.overflow, b.overflow), a.size, b.size);
}

/**
 * Character q-gram multisets (q = 3) and an inverted index over leaders' texts (SPEC §8.3). Shared counts are
 * multiset intersections, as the q-gram lemma requires.
 */
import type { TermIds } from '../signals/sparse.ts';

export const Q = 3;

export interface GramProfile {
  /** |Q(x)| = |x| − q + 1, in code points (≤ 0 for texts shorter than q). */
  size: number;
  grams: Map<number, number>;
}

/** The q-gram multiset of a text; `gramIds` numbers the q-grams of one clustering run, so they are freed with it. */
export function gramProfile(text: string, gramIds: TermIds): GramProfile {
  const cps = Array.from(text);
  const grams = new Map<number, number>();
  for (let i = 0; i + Q <= cps.length; i++) {
    const key = cps[i]! + cps[i + 1]! + cps[i + 2]!;
    const id = gramIds.id(key);
    grams.set(id, (grams.get(id) ?? 0) + 1);
  }
  return { size: cps.length - Q + 1, grams };
}

export function dice(shared: number, a: GramProfile, b: GramProfile): number {
  const denominator = Math.max(0, a.size) + Math.max(0, b.size);
  return denominator > 0 ? (2 * shared) / denominator : 0;
}

/**
 * Least number of shared q-grams two strings of maximal length L must have when their fuzzy ratio can reach
 * fMin: lev ≤ D = ⌊(1 − fMin)·L⌋ and, by the q-gram lemma, shared ≥ L − q + 1 − q·D. Zero or less proves nothing.
 */
export function requiredSharedGrams(fMin: number, maxLength: number): number {
  if (fMin <= 0) return 0;
  const maxDistance = Math.floor((1 - fMin) * maxLength + 1e-9);
  return maxLength - Q + 1 - Q * maxDistance;
}

/**
 * Upper bound of the fuzzy ratio from a shared q-gram count, by the q-gram lemma read the other way:
 * lev ≥ ⌈(L − q + 1 − shared) / q⌉, so fuzzy ≤ 1 − that / L.
 */
export function fuzzyBoundFromGrams(shared: number, maxLength: number): number {
  if (maxLength === 0) return 1;
  const minDistance = Math.max(0, Math.ceil((maxLength - Q + 1 - shared) / Q));
  return 1 - minDistance / maxLength;
}

/** One gram's leaders and their counts of it, in typed arrays that grow by doubling. */
class Posting {
  leaders: Int32Array<ArrayBuffer> = new Int32Array(4);
  counts: Int32Array<ArrayBuffer> = new Int32Array(4);
  length = 0;

  push(leader: number, count: number): void {
    if (this.length === this.leaders.length) {
      this.leaders = grown(this.leaders);
      this.counts = grown(this.counts);
    }
    this.leaders[this.length] = leader;
    this.counts[this.length] = count;
    this.length++;
  }
}

/** A copy of `array` with twice the room. */
export function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

export class GramIndex {
  private readonly postings = new Map<number, Posting>();

  add(leader: number, profile: GramProfile): void {
    for (const [gram, count] of profile.grams) {
      let posting = this.postings.get(gram);
      if (!posting) {
        posting = new Posting();
        this.postings.set(gram, posting);
      }
      posting.push(leader, count);
    }
  }

  /** Adds min(count in query, count in leader) per shared gram into shared[leader]; returns the touched leaders. */
  accumulate(profile: GramProfile, shared: Int32Array, touched: number[]): void {
    for (const [gram, count] of profile.grams) {
      const posting = this.postings.get(gram);
      if (!posting) continue;
      const { leaders, counts, length } = posting;
      for (let k = 0; k < length; k++) {
        const leader = leaders[k]!;
        if (shared[leader] === 0) touched.push(leader);
        const c = counts[k]!;
        shared[leader]! += c < count ? c : count;
      }
    }
  }
}

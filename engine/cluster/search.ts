/**
 * Candidate leaders for a row (SPEC §8.3). `window` is the legacy behaviour; `exhaustive` ranks every leader by
 * the q-gram Dice coefficient and is the reference oracle; `index` ranks the same way but drops, unseen, the leaders
 * that sound bounds prove no stage can accept, so it yields exactly the clusters of `exhaustive`.
 */
import type { Settings } from '../config/settings.ts';
import type { Counters } from '../cascade/types.ts';
import { dice, fuzzyBoundFromGrams, GramIndex, grown, requiredSharedGrams, type GramProfile } from './qgrams.ts';

export interface SearchText {
  simplifiedLength: number; // code points
  clusteringLength: number;
  simplified: GramProfile;
  clustering: GramProfile;
}

/**
 * A pair-specific acceptance test from sound bounds: false only when no stage can accept the leader, given the
 * fuzzy caps that the shared q-gram counts imply for stage 1 (simplified) and stage 2 (clustering texts).
 */
export type AcceptanceBound<T extends SearchText = SearchText> = (row: T, leader: T, fuzzyCap1: number, fuzzyCap2: number) => boolean;

/** `T` is the caller's row type: the search keeps the leaders it is given and hands them back to the acceptance bound. */
export interface LeaderSearch<T extends SearchText = SearchText> {
  /** Leaders arrive in creation order. */
  add(leader: T): void;
  /** Leader numbers (creation order, 0-based) in the order they are to be compared. */
  candidates(row: T): number[];
}

/** SPEC §8.2 step 1, the one definition used by the comparison and by the index's length filter. */
export function outsideLengthTolerance(leaderLength: number, rowLength: number, tolerance: number): boolean {
  return Math.abs(leaderLength - rowLength) / Math.max(leaderLength, 1) > tolerance;
}

export class WindowSearch implements LeaderSearch {
  private count = 0;
  constructor(private readonly size: number) {}
  add(): void {
    this.count++;
  }
  candidates(): number[] {
    const from = Math.max(0, this.count - this.size);
    return Array.from({ length: this.count - from }, (_, k) => from + k);
  }
}

/** The least fuzzy values with which each stage can still accept (the cascade's `leastFuzzyFor`, SPEC §8.3). */
export interface FuzzyFloors {
  stage1: number;
  stage2: number;
}

export class RankedSearch<T extends SearchText> implements LeaderSearch<T> {
  private readonly leaders: T[] = [];
  /** Leader numbers by simplified length: leaders arrive in any length order. */
  private readonly byLength = new Map<number, number[]>();
  private readonly simplifiedIndex = new GramIndex();
  private readonly clusteringIndex = new GramIndex();
  private shared1 = new Int32Array(64);
  private shared2 = new Int32Array(64);
  private readonly fMin1: number;
  private readonly fMin2: number;
  private readonly pruning: boolean;

  /**
   * `pruning` `by-qgrams` drops leaders the q-gram lemma (and, with an acceptance bound, the signal bounds) proves
   * unacceptable, as the `index` search does; `none` ranks every leader, as `exhaustive` does.
   */
  constructor(
    pruning: 'by-qgrams' | 'none',
    private readonly settings: Settings,
    floors: FuzzyFloors,
    private readonly counters: Counters,
    private readonly acceptanceBound: AcceptanceBound<T> | null = null,
  ) {
    this.pruning = pruning === 'by-qgrams';
    this.fMin1 = floors.stage1;
    this.fMin2 = floors.stage2;
  }

  add(leader: T): void {
    const n = this.leaders.length;
    this.leaders.push(leader);
    this.simplifiedIndex.add(n, leader.simplified);
    this.clusteringIndex.add(n, leader.clustering);
    const bucket = this.byLength.get(leader.simplifiedLength);
    if (bucket) bucket.push(n);
    else this.byLength.set(leader.simplifiedLength, [n]);
    if (n + 1 > this.shared1.length) {
      this.shared1 = grown(this.shared1);
      this.shared2 = grown(this.shared2);
    }
  }

  candidates(row: T): number[] {
    const touched1: number[] = [];
    const touched2: number[] = [];
    this.simplifiedIndex.accumulate(row.simplified, this.shared1, touched1);
    if (this.pruning) this.clusteringIndex.accumulate(row.clustering, this.shared2, touched2);

    const ranked: { leader: number; score: number }[] = [];
    const consider = (leader: number) => {
      const info = this.leaders[leader]!;
      if (this.pruning && !this.canAccept(row, info, this.shared1[leader]!, this.shared2[leader]!)) {
        this.counters.leadersPruned++;
        return;
      }
      ranked.push({ leader, score: dice(this.shared1[leader]!, row.simplified, info.simplified) });
    };
    if (this.pruning) {
      const inside = this.withinLengthTolerance(row.simplifiedLength);
      this.counters.leadersPruned += this.leaders.length - inside.length;
      for (const leader of inside) consider(leader);
    } else {
      for (let leader = 0; leader < this.leaders.length; leader++) consider(leader);
    }
    for (const leader of touched1) this.shared1[leader] = 0;
    for (const leader of touched2) this.shared2[leader] = 0;
    ranked.sort((a, b) => b.score - a.score || a.leader - b.leader);
    return ranked.map((r) => r.leader);
  }

  /**
   * Leaders whose length is within the tolerance of the row's: (L − r)/L ≤ tol for longer leaders and (r − L)/L ≤ tol
   * for shorter ones bound L to [r/(1+tol), r/(1−tol)]; each length bucket in that range is checked exactly.
   */
  private withinLengthTolerance(rowLength: number): number[] {
    const tolerance = this.settings.lengthTolerance;
    const lo = Math.max(0, Math.floor(rowLength / (1 + tolerance)) - 1);
    const hi = tolerance >= 1 ? Infinity : Math.ceil(rowLength / (1 - tolerance)) + 1;
    const inside: number[] = [];
    for (const [length, bucket] of this.byLength) {
      if (length < lo || length > hi || outsideLengthTolerance(length, rowLength, tolerance)) continue;
      inside.push(...bucket);
    }
    return inside;
  }

  /** The SPEC's rule (other signals at 1) first, since it is cheapest; then the pair's own bounds. */
  private canAccept(row: T, leader: T, shared1: number, shared2: number): boolean {
    const length1 = Math.max(row.simplifiedLength, leader.simplifiedLength);
    const length2 = Math.max(row.clusteringLength, leader.clusteringLength);
    const need1 = requiredSharedGrams(this.fMin1, length1);
    const need2 = requiredSharedGrams(this.fMin2, length2);
    if (need1 > 0 && shared1 < need1 && need2 > 0 && shared2 < need2) return false;
    if (!this.acceptanceBound) return true;
    return this.acceptanceBound(row, leader, fuzzyBoundFromGrams(shared1, length1), fuzzyBoundFromGrams(shared2, length2));
  }
}

export function createLeaderSearch<T extends SearchText>(settings: Settings, floors: FuzzyFloors, counters: Counters, acceptanceBound: AcceptanceBound<T> | null): LeaderSearch<T> {
  switch (settings.leaderSearch) {
    case 'window':
      return new WindowSearch(settings.windowSize);
    case 'exhaustive':
      return new RankedSearch('none', settings, floors, counters);
    case 'index':
      return new RankedSearch('by-qgrams', settings, floors, counters, acceptanceBound);
  }
}

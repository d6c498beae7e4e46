/**
 * What the cascade reports about its work: why an evaluation stopped, in which context a pair was compared, and the
 * run counters of SPEC §11 that the cascade, the leader search and the advice steps add to.
 */
import type { SignalId } from '../config/settings.ts';

/** The seed policy's early exits (SPEC §7.3). */
export const SEED_EXITS = ['exit.low', 'exit.high', 'cascade.high', 'cascade.bound'] as const;
export type SeedExit = (typeof SEED_EXITS)[number];

export const EXIT_REASONS = [...SEED_EXITS, 'lossless.accept', 'lossless.reject', 'full'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const PAIR_CONTEXTS = ['cluster.stage1', 'cluster.stage2', 'library', 'conditions', 'instructions'] as const;
export type PairContext = (typeof PAIR_CONTEXTS)[number];

export interface Counters {
  pairsCompared: Record<PairContext, number>;
  pairsSkippedByLength: number;
  /** Pairs never compared because one clause negates what the other states (grouping.polarityGuard). */
  pairsSkippedByPolarity: number;
  leadersPruned: number;
  cacheHits: { exact: number; normalised: number };
  signalEvaluations: Record<SignalId, number>;
  embeddingInferences: number;
  embeddingBatches: number;
  embeddingCacheHits: number;
  exits: Record<ExitReason, number>;
}

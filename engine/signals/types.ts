/**
 * A signal is a small pure scorer over two prepared texts (SPEC §6.1), in the manner of RapidFuzz's scorers:
 * preparation runs once per distinct text; bound() is a sound upper bound of score() that needs no pair work;
 * score() ∈ [0, 1]. Signals know nothing of clustering; the cascade combines them.
 */
import type { SignalId } from '../config/settings.ts';

/**
 * What the cascade and the leader search may rely on about a signal, so that they decide by property, never by name.
 * `qgramBounded`: the score is 1 − edit distance / longer length of the stage texts, so the q-gram lemma bounds it
 * (the leader index uses that). `input`: the stage text, or the pair's embedding input (NFKC raw text, both stages).
 * `seedRole` (SPEC §7.3): the `screen` decides alone on a low or high value, the `partial` joins it for the partial
 * score, a `skippable` signal is skipped once the screen value is high. `ceilingUnderCutoff`: score() honours its
 * cutoff, and what it returns under the cutoff is a ceiling of the score, not the score.
 */
export interface SignalTraits {
  readonly qgramBounded: boolean;
  readonly input: 'stage' | 'embedding';
  readonly seedRole: 'screen' | 'partial' | 'skippable' | null;
  readonly ceilingUnderCutoff: boolean;
}

export interface Signal<P = unknown> {
  readonly id: SignalId;
  readonly traits: SignalTraits;
  prepare(text: string): P;
  bound(a: P, b: P): number;
  /**
   * With a `cutoff`, the least score the caller still needs (RapidFuzz's `score_cutoff`): the score itself when it
   * reaches the cutoff, otherwise a value below the cutoff, which lets a signal stop early (see `ceilingUnderCutoff`).
   */
  score(a: P, b: P, cutoff?: number): number;
  /**
   * Asynchronous signals (embeddings) need a batch step before score(); texts not yet ready are named here so the
   * caller can prepare them together and resume the evaluation.
   */
  pending?(a: P, b: P): string[];
}

/** A text prepared for every signal of a suite; slots are filled on first use and kept for the run. */
export interface PreparedText {
  readonly text: string;
  readonly slots: unknown[];
}

/** Which signals a run enabled, which are available (and why not), and their renormalised weights (SPEC §6.7). */
export interface SignalStatus {
  enabled: SignalId[];
  available: SignalId[];
  unavailable: { signal: SignalId; reason: string }[];
  /** Weights renormalised over the available signals, in signalOrder. */
  effectiveWeights: Partial<Record<SignalId, number>>;
  embeddingModel: { id: string; variant: string } | null;
}

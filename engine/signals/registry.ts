/**
 * How each signal of SPEC §6 is built for a run. The suite asks the registry for the enabled signals in signalOrder
 * and never names one; a signal that cannot run says why (shown as unavailable in the run facts).
 */
import type { SignalId } from '../config/settings.ts';
import { embeddingSignal } from './embedding-signal.ts';
import type { EmbeddingProvider } from './embeddings/index.ts';
import { fuzzySignal } from './fuzzy.ts';
import { stemmedSignal } from './stemmed.ts';
import { synonymsSignal } from './synonyms.ts';
import { TfidfModel, tfidfSignal } from './tfidf.ts';
import type { Signal } from './types.ts';

export type EmbeddingAvailability = { available: true; provider: EmbeddingProvider } | { available: false; reason: string };

export interface SignalInputs {
  /** Texts the TF-IDF model is fitted on (SPEC §6.4). */
  tfidfCorpus: Iterable<string>;
  /** Only consulted when the mode enables embeddings. */
  embeddings?: EmbeddingAvailability;
}

/** A built signal with the model or provider it holds (later stages reuse them), or why it cannot run. */
export type BuiltSignal =
  | { signal: Signal; tfidf?: TfidfModel; provider?: EmbeddingProvider }
  | { unavailable: string };

export const SIGNAL_REGISTRY: Record<SignalId, (inputs: SignalInputs) => BuiltSignal> = {
  fuzzy: () => ({ signal: fuzzySignal as Signal }),
  stemmed: () => ({ signal: stemmedSignal as Signal }),
  tfidf: (inputs) => {
    const tfidf = new TfidfModel(inputs.tfidfCorpus);
    return tfidf.hasTerms ? { signal: tfidfSignal(tfidf) as Signal, tfidf } : { unavailable: 'the TF-IDF corpus has no terms' };
  },
  synonyms: () => ({ signal: synonymsSignal() as Signal }),
  embeddings: (inputs) => {
    const load = inputs.embeddings ?? { available: false, reason: 'no embedding model was loaded' };
    return load.available ? { signal: embeddingSignal(load.provider) as Signal, provider: load.provider } : { unavailable: load.reason };
  },
};

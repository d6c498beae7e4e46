/**
 * The signals of one run: the enabled signals of the mode that are available, in signalOrder, with weights
 * renormalised over them (SPEC §6.7), and the per-text preparation cache.
 */
import { enabledSignals, type Settings, type SignalId } from '../config/settings.ts';
import type { SignalStatus } from './types.ts';
import { embeddingSignal } from './embedding-signal.ts';
import type { EmbeddingProvider } from './embeddings/index.ts';
import { fuzzySignal } from './fuzzy.ts';
import { stemmedSignal } from './stemmed.ts';
import { synonymsSignal } from './synonyms.ts';
import { TfidfModel, tfidfSignal } from './tfidf.ts';
import type { PreparedText, Signal } from './types.ts';
import { normaliseWeights, scoreViews, type ScoreViews } from './weights.ts';

/** One side of a comparison: its text for the active stage, and its embedding input (raw text, both stages). */
export interface Side {
  readonly prepared: PreparedText;
  readonly embeddingText: string;
}

export type EmbeddingAvailability = { available: true; provider: EmbeddingProvider } | { available: false; reason: string };

export interface SuiteInputs {
  settings: Settings;
  /** Texts the TF-IDF model is fitted on (SPEC §6.4). */
  tfidfCorpus: Iterable<string>;
  /** Only consulted when the mode enables embeddings. */
  embeddings?: EmbeddingAvailability;
}

export class SignalSuite {
  readonly signals: Signal[];
  readonly ids: SignalId[];
  readonly weights: number[];
  /** The weight sets whose largest weighted sum is a clustering pair's score: the mode's, and with the fast floor fast mode's. */
  readonly views: ScoreViews;
  readonly status: SignalStatus;
  readonly tfidf: TfidfModel | null;
  readonly provider: EmbeddingProvider | null;
  private readonly embeddingIndex: number;
  private readonly cache = new Map<string, PreparedText>();

  constructor(inputs: SuiteInputs) {
    const { settings } = inputs;
    const enabled = enabledSignals(settings);
    const signals: Signal[] = [];
    const unavailable: SignalStatus['unavailable'] = [];
    let tfidf: TfidfModel | null = null;
    let provider: EmbeddingProvider | null = null;
    for (const id of enabled) {
      switch (id) {
        case 'fuzzy':
          signals.push(fuzzySignal as Signal);
          break;
        case 'stemmed':
          signals.push(stemmedSignal as Signal);
          break;
        case 'synonyms':
          signals.push(synonymsSignal as Signal);
          break;
        case 'tfidf':
          tfidf = new TfidfModel(inputs.tfidfCorpus);
          if (tfidf.hasTerms) signals.push(tfidfSignal(tfidf) as Signal);
          else unavailable.push({ signal: id, reason: 'the TF-IDF corpus has no terms' });
          break;
        case 'embeddings': {
          const load = inputs.embeddings ?? { available: false, reason: 'no embedding model was loaded' };
          if (load.available) {
            provider = load.provider;
            signals.push(embeddingSignal(load.provider) as Signal);
          } else unavailable.push({ signal: id, reason: load.reason });
          break;
        }
      }
    }
    if (signals.length === 0) throw new Error('No similarity signal is available in this mode.');
    this.signals = signals;
    this.ids = signals.map((s) => s.id);
    this.weights = normaliseWeights(this.ids.map((id) => settings.weights[settings.mode][id]));
    this.views = scoreViews(this.weights, normaliseWeights(this.ids.map((id) => settings.weights.fast[id])), settings.fastFloor);
    this.tfidf = tfidf;
    this.provider = provider;
    this.embeddingIndex = this.ids.indexOf('embeddings');
    this.status = {
      enabled,
      available: [...this.ids],
      unavailable,
      effectiveWeights: Object.fromEntries(this.ids.map((id, i) => [id, this.weights[i]!])),
      embeddingModel: provider ? { id: provider.modelId, variant: provider.variant } : null,
    };
  }

  /** The prepared form of a stage text, shared by every pair that uses the same text. */
  prepare(text: string): PreparedText {
    let prepared = this.cache.get(text);
    if (!prepared) {
      prepared = { text, slots: new Array(this.signals.length) };
      this.cache.set(text, prepared);
    }
    return prepared;
  }

  side(stageText: string, embeddingText: string): Side {
    return { prepared: this.prepare(stageText), embeddingText };
  }

  /** The signal's prepared value for one side, computed on first use. */
  value(index: number, side: Side): unknown {
    if (index === this.embeddingIndex) return side.embeddingText;
    const slots = side.prepared.slots;
    let value = slots[index];
    if (value === undefined) {
      value = this.signals[index]!.prepare(side.prepared.text);
      slots[index] = value;
    }
    return value;
  }

}

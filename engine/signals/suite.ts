/**
 * The signals of one run: the enabled signals of the mode that are available, in signalOrder, with weights
 * renormalised over them (SPEC §6.7), and the per-text preparation cache.
 */
import { enabledSignals, type Settings, type SignalId } from '../config/settings.ts';
import type { EmbeddingProvider } from './embeddings/index.ts';
import { SIGNAL_REGISTRY, type SignalInputs } from './registry.ts';
import type { TfidfModel } from './tfidf.ts';
import type { PreparedText, Signal, SignalStatus, SignalTraits } from './types.ts';
import { normaliseWeights, scoreViews, type ScoreViews } from './weights.ts';

export type { EmbeddingAvailability } from './registry.ts';

/** One side of a comparison: its text for the active stage, and its embedding input (raw text, both stages). */
export interface Side {
  readonly prepared: PreparedText;
  readonly embeddingText: string;
}

export interface SuiteInputs extends SignalInputs {
  settings: Settings;
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
  private readonly cache = new Map<string, PreparedText>();

  constructor(inputs: SuiteInputs) {
    const { settings } = inputs;
    const enabled = enabledSignals(settings);
    const signals: Signal[] = [];
    const unavailable: SignalStatus['unavailable'] = [];
    let tfidf: TfidfModel | null = null;
    let provider: EmbeddingProvider | null = null;
    for (const id of enabled) {
      const built = SIGNAL_REGISTRY[id](inputs);
      if ('unavailable' in built) {
        unavailable.push({ signal: id, reason: built.unavailable });
        continue;
      }
      signals.push(built.signal);
      tfidf ??= built.tfidf ?? null;
      provider ??= built.provider ?? null;
    }
    if (signals.length === 0) throw new Error('No similarity signal is available in this mode.');
    this.signals = signals;
    this.ids = signals.map((s) => s.id);
    this.weights = normaliseWeights(this.ids.map((id) => settings.weights[settings.mode][id]));
    this.views = scoreViews(this.weights, normaliseWeights(this.ids.map((id) => settings.weights.fast[id])), settings.fastFloor);
    this.tfidf = tfidf;
    this.provider = provider;
    this.status = {
      enabled,
      available: [...this.ids],
      unavailable,
      effectiveWeights: Object.fromEntries(this.ids.map((id, i) => [id, this.weights[i]!])),
      embeddingModel: provider ? { id: provider.modelId, variant: provider.variant } : null,
    };
  }

  /** Position of the first signal with a trait, or −1: how the cascade finds the seed screen or the q-gram-bounded signal. */
  indexWhere(test: (traits: SignalTraits) => boolean): number {
    return this.signals.findIndex((s) => test(s.traits));
  }

  /** Readies texts an asynchronous signal named as pending (PairEvaluation.needs()), in one batch. */
  async ready(texts: readonly string[]): Promise<void> {
    if (texts.length > 0) await this.provider?.embed([...texts]);
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
    if (this.signals[index]!.traits.input === 'embedding') return side.embeddingText;
    const slots = side.prepared.slots;
    let value = slots[index];
    if (value === undefined) {
      value = this.signals[index]!.prepare(side.prepared.text);
      slots[index] = value;
    }
    return value;
  }

}

/**
 * One embedding model for many runs. A provider keeps every vector it computed in an in-run memo, so passing one
 * provider to several runs would let later runs reuse earlier runs' vectors (zero inferences, and a `full` baseline
 * that embeds every text up front would pre-pay the policy's inferences). The benchmark wants each run to start with
 * fresh caches, so each run gets a fork of the provider (same loaded model, empty memo, no disk cache); the model is
 * loaded once and released once.
 */
import type { Settings } from '../../config/settings.ts';
import { loadEmbeddingProvider, type EmbeddingLog } from '../../signals/embeddings/index.ts';
import type { EmbeddingAvailability } from '../../signals/suite.ts';

export interface SharedModel {
  load: EmbeddingAvailability;
  loadMs: number;
  /** Availability for one run: a provider with an empty memo and zeroed stats over the loaded model. */
  forRun(): Promise<{ embeddings: EmbeddingAvailability; extraLoadMs: number }>;
  close(): Promise<void>;
}

export async function loadSharedModel(settings: Settings, log: EmbeddingLog): Promise<SharedModel> {
  const noCache: Settings = { ...settings, embeddings: { ...settings.embeddings, diskCache: false } };
  const t0 = performance.now();
  const load = await loadEmbeddingProvider(noCache, log);
  const loadMs = performance.now() - t0;
  if (!load.available) {
    return { load, loadMs, forRun: async () => ({ embeddings: load, extraLoadMs: 0 }), close: async () => {} };
  }
  const shared = load.provider;
  return {
    load,
    loadMs,
    // Each run gets a cold fork: a shared memo would let later runs (and the baseline's up-front encoding) pre-pay
    // the measured policy's inferences.
    forRun: async () => ({ embeddings: { available: true, provider: shared.fork() }, extraLoadMs: 0 }),
    close: () => shared.close(),
  };
}

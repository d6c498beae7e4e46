/**
 * One embedding model for many runs. A provider keeps every vector it computed in an in-run memo, so passing one
 * provider to several runs would let later runs reuse earlier runs' vectors (zero inferences, and a `full` baseline
 * that embeds every text up front would pre-pay the policy's inferences). The benchmark wants each run to start with
 * fresh caches, so each run gets its own provider over the same loaded model (no disk cache); the model is loaded
 * once and released once.
 */
import type { Settings } from '../../config/settings.ts';
import { loadEmbeddingProvider, providerFromExtractor, type EmbeddingLog, type EmbeddingProvider, type FeatureExtractor } from '../../signals/embeddings/index.ts';
import type { EmbeddingAvailability } from '../../signals/suite.ts';

export interface SharedModel {
  load: EmbeddingAvailability;
  loadMs: number;
  /** Availability for one run: a provider with an empty memo and zeroed stats over the loaded model. */
  forRun(): Promise<{ embeddings: EmbeddingAvailability; extraLoadMs: number }>;
  close(): Promise<void>;
}

/**
 * The loaded provider's feature extractor. The engine's provider does not expose it (see the report of this
 * helper: an engine-level `fork()` would be the clean way); null when its shape changed, and the caller then loads
 * the model once per run instead.
 */
function extractorOf(provider: EmbeddingProvider): FeatureExtractor | null {
  const extractor = (provider as unknown as { extractor?: unknown }).extractor;
  return typeof extractor === 'function' ? (extractor as FeatureExtractor) : null;
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
  const extractor = extractorOf(shared);
  const perRun: EmbeddingProvider[] = [];
  return {
    load,
    loadMs,
    async forRun() {
      if (extractor) {
        const provider = providerFromExtractor(shared.modelId, shared.variant, extractor, { batchSize: settings.embeddings.batchSize, cache: null, log });
        return { embeddings: { available: true, provider }, extraLoadMs: 0 };
      }
      const t = performance.now();
      const again = await loadEmbeddingProvider(noCache, log);
      if (again.available) perRun.push(again.provider);
      return { embeddings: again, extraLoadMs: performance.now() - t };
    },
    async close() {
      // Per-run providers over the shared extractor are not closed: closing one would dispose the shared model.
      for (const provider of perRun) await provider.close();
      await shared.close();
    },
  };
}

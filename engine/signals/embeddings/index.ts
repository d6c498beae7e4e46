/** The embedding machinery of SPEC §6.6: model loading, batched inference, in-run memo and on-disk vector cache. */
export { embeddingInput } from './input.ts';
export {
  loadEmbeddingProvider,
  providerFromExtractor,
  type EmbeddingLog,
  type EmbeddingProvider,
  type EmbeddingStats,
  type FeatureExtractor,
  type ProviderLoad,
  unitSimilarity,
} from './provider.ts';
export { resolveModelSource, modelDirOf, vectorCacheDirOf, userCacheRoot, type ModelSource } from './model-source.ts';
export { openVectorCache, textHash, DEFAULT_MAX_CACHE_BYTES, type VectorCache } from './disk-cache.ts';

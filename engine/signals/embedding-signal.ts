import type { EmbeddingProvider } from './embeddings/index.ts';
import type { Signal } from './types.ts';

/**
 * The embedding signal over embedding inputs (NFKC raw text). Vectors come from the provider, which embeds in
 * batches; pending() names the texts the provider does not have yet so the caller can batch them.
 */
export function embeddingSignal(provider: EmbeddingProvider): Signal<string> {
  return {
    id: 'embeddings',
    traits: { qgramBounded: false, input: 'embedding', seedRole: 'skippable', ceilingUnderCutoff: false },
    prepare: (text) => text,
    bound: () => 1,
    score: (a, b) => provider.similarity(a, b),
    pending: (a, b) => [a, b].filter((t, i, all) => !provider.has(t) && all.indexOf(t) === i),
  };
}

/**
 * Clustering one block, wherever it runs (a worker thread, a queue worker): its own signal suite and cascade over the
 * block's records, with the run's TF-IDF corpus so scores are those of the whole run, and the same leader clustering.
 */
import { Cascade } from '../cascade/evaluate.ts';
import { newCounters } from '../cascade/counters.ts';
import { clusterRecords } from '../cluster/leader.ts';
import { enabledSignals } from '../config/settings.ts';
import { loadEmbeddingProvider } from '../signals/embeddings/index.ts';
import { SignalSuite } from '../signals/suite.ts';
import type { BlockJob, BlockResult } from './types.ts';

export async function clusterBlock(job: BlockJob, signal?: AbortSignal): Promise<BlockResult> {
  const { settings, records } = job;
  const counters = newCounters();
  const embeddings = enabledSignals(settings).includes('embeddings') ? await loadEmbeddingProvider(settings) : undefined;
  const suite = new SignalSuite({ settings, tfidfCorpus: new Set(job.tfidfCorpus), embeddings });
  try {
    const cascade = new Cascade(suite, settings, counters, null);
    const clustering = await clusterRecords(records, { settings, suite, cascade, counters, signal });
    const stats = suite.provider?.stats;
    counters.embeddingInferences = stats?.inferences ?? 0;
    counters.embeddingBatches = stats?.batches ?? 0;
    counters.embeddingCacheHits = stats?.diskHits ?? 0;
    return { clusters: clustering.clusters, counters };
  } finally {
    await suite.provider?.close();
  }
}

/**
 * Load and throughput figures of the embedding provider on the tiny model:
 *   npx tsx test/embeddings/measure.ts [modelFolder]
 * Prints the load time, the time to embed 1,000 distinct short texts in batches of 32, and a warm disk-cache rerun.
 */
import { loadEmbeddingProvider, embeddingInput } from '../../engine/signals/embeddings/index.ts';
import { TINY_MODEL, tinySettings } from './helpers.ts';

const model = process.argv[2] ?? TINY_MODEL;
const settings = tinySettings({ 'embeddings.model.balanced': model, 'embeddings.batchSize': 32 });
const WORDS = ['brandschade', 'woning', 'diefstal', 'inbraak', 'eigen', 'risico', 'premie', 'dekking', 'storm', 'glas', 'polis', 'artikel'];
const texts = Array.from({ length: 1000 }, (_, i) =>
  embeddingInput(`${WORDS[i % 12]} ${WORDS[(i * 7) % 12]} is gedekt tot € ${100 + i} per gebeurtenis (clausule ${i}).`),
);

async function once(label: string): Promise<void> {
  let started = performance.now();
  const load = await loadEmbeddingProvider(settings);
  if (!load.available) throw new Error(load.reason);
  const loadMs = performance.now() - started;
  started = performance.now();
  await load.provider.embed(texts);
  const embedMs = performance.now() - started;
  started = performance.now();
  await load.provider.close();
  const closeMs = performance.now() - started;
  console.log(
    `${label}: load ${loadMs.toFixed(0)} ms, embed 1000 texts ${embedMs.toFixed(0)} ms ` +
      `(inferences ${load.provider.stats.inferences}, batches ${load.provider.stats.batches}, disk hits ${load.provider.stats.diskHits}), ` +
      `close/flush ${closeMs.toFixed(0)} ms`,
  );
}

const importStarted = performance.now();
await import('@huggingface/transformers');
console.log(`import @huggingface/transformers (once per process): ${(performance.now() - importStarted).toFixed(0)} ms`);
await once('cold (empty vector cache)');
await once('warm (vector cache on disk)');

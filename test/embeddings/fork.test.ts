import { afterAll, describe, expect, it } from 'vitest';
import { loadEmbeddingProvider } from '../../engine/signals/embeddings/index.ts';
import { removeTempDirs, tinySettings } from './helpers.ts';

afterAll(removeTempDirs);

describe('EmbeddingProvider.fork', () => {
  it('starts cold over the same model and leaves the shared model usable after the fork closes', async () => {
    const load = await loadEmbeddingProvider(tinySettings({ 'embeddings.diskCache': false }));
    if (!load.available) throw new Error(load.reason);
    const shared = load.provider;
    await shared.embed(['eigen risico per gebeurtenis']);
    expect(shared.stats.inferences).toBe(1);

    const fork = shared.fork();
    expect(fork.stats).toEqual({ inferences: 0, batches: 0, diskHits: 0 });
    expect(fork.has('eigen risico per gebeurtenis')).toBe(false);
    await fork.embed(['eigen risico per gebeurtenis', 'molest is meeverzekerd']);
    expect(fork.stats.inferences).toBe(2);
    expect(Array.from(fork.vector('eigen risico per gebeurtenis'))).toEqual(Array.from(shared.vector('eigen risico per gebeurtenis')));
    await fork.close();

    await shared.embed(['molest is meeverzekerd']);
    expect(shared.stats.inferences).toBe(2);
    await shared.close();
  });
});

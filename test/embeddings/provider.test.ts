import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  embeddingInput,
  loadEmbeddingProvider,
  providerFromExtractor,
  resolveModelSource,
  type FeatureExtractor,
} from '../../engine/signals/embeddings/index.ts';
import { DEFAULT_EMBEDDING_MODEL } from '../../engine/config/settings.ts';
import { collectingLog, tempDir, TINY_MODEL, tinySettings, removeTempDirs } from './helpers.ts';

afterAll(removeTempDirs);

describe('embeddingInput (SPEC §6.6)', () => {
  it('is a fixed point', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme-composite' }),
          fc.string({ unit: 'binary' }),
          // Format characters, spaces and composable pieces packed together.
          fc.string({ unit: fc.constantFrom('e', '\u0301', '\u200b', ' ', '\u00a0', '\u1100', '\u1161', '\u3000', 'ﬁ', '\u00ad') }),
        ),
        (raw) => embeddingInput(embeddingInput(raw)) === embeddingInput(raw),
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['  Eigen\u00a0risico\t€ 250 ', 'Eigen risico € 250'],
    ['ﬁets\u200bverzekering', 'fietsverzekering'],
    ['Ｐｏｌｉｓ  １２', 'Polis 12'],
    ['e\u200b\u0301', 'é'],
    ['\ufeffBrand\u00adschade\n\nwoning', 'Brandschade woning'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(embeddingInput(raw)).toBe(expected);
    expect(embeddingInput(embeddingInput(raw))).toBe(embeddingInput(raw));
  });
});

/** A fake extractor: vector = normalised [length, vowels, 1]; counts calls. */
function fakeExtractor(): FeatureExtractor & { calls: string[][] } {
  const calls: string[][] = [];
  const fn = (async (texts: string[]) => {
    calls.push(texts);
    const data = texts.flatMap((t) => {
      const v = [t.length, (t.match(/[aeiou]/g) ?? []).length, 1];
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
    return { dims: [texts.length, 3], data: Float32Array.from(data) };
  }) as unknown as FeatureExtractor & { calls: string[][] };
  fn.calls = calls;
  return fn;
}

describe('provider bookkeeping', () => {
  it('dedupes, memoises, batches and counts', async () => {
    const extractor = fakeExtractor();
    const provider = providerFromExtractor('fake', 'fp32-000000000000', extractor, { batchSize: 2 });
    expect(provider.has('a')).toBe(false);
    await provider.embed(['aaa', 'b', 'aaa', 'cc', 'b', 'dddd', 'eeeee']);
    expect(provider.stats).toEqual({ inferences: 5, batches: 3, diskHits: 0 });
    expect(extractor.calls.map((c) => c.length)).toEqual([2, 2, 1]);
    await provider.embed(['aaa', 'b', 'ffffff']);
    expect(provider.stats).toEqual({ inferences: 6, batches: 4, diskHits: 0 });
    await provider.embed(['aaa']);
    expect(extractor.calls).toHaveLength(4);
    expect(provider.has('aaa')).toBe(true);
    expect(provider.similarity('aaa', 'aaa')).toBeCloseTo(1, 6);
    expect(() => provider.vector('never')).toThrow(/embed\(\) it first/);
    await provider.close();
  });

  it('encodes a text pending in two concurrent embed() calls once', async () => {
    const extractor = fakeExtractor();
    const provider = providerFromExtractor('fake', 'v', extractor, { batchSize: 8 });
    await Promise.all([provider.embed(['x', 'y']), provider.embed(['y', 'z']), provider.embed(['x'])]);
    expect(provider.stats.inferences).toBe(3);
    await provider.close();
  });

  it('reports a failing batch as a SignalError naming the signal', async () => {
    const failing = (async () => {
      throw new Error('boom');
    }) as unknown as FeatureExtractor;
    const provider = providerFromExtractor('fake', 'v', failing, { batchSize: 8 });
    await expect(provider.embed(['x'])).rejects.toMatchObject({ name: 'SignalError', signal: 'embeddings', message: expect.stringMatching(/fake.*boom/) });
    await provider.embed([]); // the queue survives a failure
  });

  it('clamps similarity to [0, 1]', async () => {
    const opposite = (async (texts: string[]) => ({
      dims: [texts.length, 2],
      data: Float32Array.from(texts.flatMap((t) => (t === 'a' ? [1, 0] : [-1, 0]))),
    })) as FeatureExtractor;
    const provider = providerFromExtractor('fake', 'v', opposite, { batchSize: 8 });
    await provider.embed(['a', 'b']);
    expect(provider.similarity('a', 'b')).toBe(0);
  });
});

describe('model availability', () => {
  const realFetch = env.fetch;
  afterEach(() => {
    env.fetch = realFetch;
  });
  function forbidNetwork(): string[] {
    const requested: string[] = [];
    env.fetch = (async (input: string | URL) => {
      requested.push(String(input));
      throw new Error('network is not allowed in this test');
    }) as typeof env.fetch;
    return requested;
  }

  it('fast mode and none never load a model', async () => {
    const fast = await loadEmbeddingProvider(tinySettings({ mode: 'fast' }));
    expect(fast).toEqual({ available: false, reason: expect.stringMatching(/disabled in this mode.*embeddings\.model\.fast is none/) });
    const fastWithModel = await loadEmbeddingProvider(tinySettings({ mode: 'fast', 'embeddings.model.fast': TINY_MODEL }));
    expect(fastWithModel).toEqual({ available: false, reason: expect.stringMatching(/disabled in this mode/) });
    const none = await loadEmbeddingProvider(tinySettings({ 'embeddings.model.balanced': 'none' }));
    expect(none.available).toBe(false);
  });

  it('a hub id missing offline is unavailable, quickly, naming the model, the folders and the fix, without network', async () => {
    const requested = forbidNetwork();
    const settings = tinySettings({ 'embeddings.model.balanced': DEFAULT_EMBEDDING_MODEL });
    const started = performance.now();
    const result = await loadEmbeddingProvider(settings);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.available).toBe(false);
    if (result.available) return;
    expect(result.reason).toContain(DEFAULT_EMBEDDING_MODEL);
    expect(result.reason).toContain(path.join(settings.embeddings.modelDir, 'Xenova', 'paraphrase-multilingual-MiniLM-L12-v2'));
    expect(result.reason).toContain(path.resolve(DEFAULT_EMBEDDING_MODEL));
    expect(result.reason).toMatch(/allowRemote/);
    expect(result.reason).toMatch(/Download the model folder/);
    expect(requested).toEqual([]);
  });

  it('a hub id present in embeddings.modelDir loads offline', async () => {
    const requested = forbidNetwork();
    const modelDir = tempDir('hub');
    cpSync(TINY_MODEL, path.join(modelDir, 'clause-cascade', 'tiny'), { recursive: true });
    const result = await loadEmbeddingProvider(
      tinySettings({ 'embeddings.model.balanced': 'clause-cascade/tiny', 'embeddings.modelDir': modelDir, 'embeddings.diskCache': false }),
    );
    expect(result.available).toBe(true);
    if (!result.available) return;
    expect(result.provider.modelId).toBe('clause-cascade/tiny');
    await result.provider.embed([embeddingInput('Schade door storm is gedekt.')]);
    await result.provider.close();
    expect(requested).toEqual([]);
  });

  it('with allowRemote the hub is asked (and a network failure is a reason, not a crash)', async () => {
    const requested = forbidNetwork();
    const result = await loadEmbeddingProvider(tinySettings({ 'embeddings.model.balanced': 'clause-cascade/not-there', 'embeddings.allowRemote': true }));
    expect(result).toEqual({ available: false, reason: expect.stringMatching(/clause-cascade\/not-there could not be loaded/) });
    expect(requested.some((u) => u.includes('clause-cascade/not-there'))).toBe(true);
  });

  it('a missing or incomplete folder is unavailable with the folder and the missing files', async () => {
    const gone = await loadEmbeddingProvider(tinySettings({ 'embeddings.model.balanced': './no/such/model' }));
    expect(gone).toEqual({ available: false, reason: expect.stringContaining(path.resolve('no/such/model')) });

    const partial = tempDir('partial');
    cpSync(TINY_MODEL, partial, { recursive: true });
    rmSync(path.join(partial, 'onnx', 'model_quantized.onnx'));
    rmSync(path.join(partial, 'tokenizer_config.json'));
    const result = await loadEmbeddingProvider(tinySettings({ 'embeddings.model.balanced': partial, 'embeddings.quantized': true }));
    expect(result).toEqual({ available: false, reason: expect.stringMatching(/incomplete: missing tokenizer_config\.json, onnx\/model_quantized\.onnx/) });
  });

  it('a damaged model file is unavailable with the load error', async () => {
    const broken = tempDir('broken');
    cpSync(TINY_MODEL, broken, { recursive: true });
    writeFileSync(path.join(broken, 'onnx', 'model.onnx'), 'not an onnx graph');
    const result = await loadEmbeddingProvider(tinySettings({ 'embeddings.model.balanced': broken }));
    expect(result).toEqual({ available: false, reason: expect.stringMatching(/could not be loaded: .+/) });
  });

  it('resolves a relative folder against the working folder', () => {
    const relative = path.relative(process.cwd(), TINY_MODEL);
    const source = resolveModelSource(tinySettings({ 'embeddings.model.balanced': relative }));
    expect(source).toMatchObject({ kind: 'local', folder: TINY_MODEL, modelId: relative, dtype: 'fp32' });
  });

  it('logs the load', async () => {
    const { lines, log } = collectingLog();
    const result = await loadEmbeddingProvider(tinySettings({ 'embeddings.diskCache': false }), log);
    expect(result.available).toBe(true);
    if (result.available) await result.provider.close();
    expect(lines.some((l) => l.level === 'info' && /loaded in \d+ ms/.test(l.msg))).toBe(true);
  });
});

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModelFiles } from '../../fixtures/make-tiny-model.ts';
import { embeddingInput, loadEmbeddingProvider, type EmbeddingProvider } from '../../engine/signals/embeddings/index.ts';
import { handVector, maxAbsDiff, TINY_MODEL, tinySettings, removeTempDirs } from './helpers.ts';

afterAll(removeTempDirs);

const CLAUSES = [
  'Brandschade aan de woning is meeverzekerd tot het verzekerde bedrag.',
  'Diefstal is alleen gedekt bij zichtbare braaksporen aan de woning.',
  'Het eigen risico bedraagt € 250 per gebeurtenis.',
  'Schade door storm en hagel is gedekt.',
  'Molest en terrorisme zijn uitgesloten, zie het clausuleblad terrorismedekking.',
  'Taxatierapport is drie jaar geldig (artikel 7:960 BW).',
  'kort',
];

async function load(overrides: Record<string, unknown> = {}): Promise<EmbeddingProvider> {
  const result = await loadEmbeddingProvider(tinySettings({ 'embeddings.diskCache': false, ...overrides }));
  if (!result.available) throw new Error(result.reason);
  return result.provider;
}

async function tokenIds(text: string): Promise<number[]> {
  const tokenizer = await AutoTokenizer.from_pretrained(TINY_MODEL, { local_files_only: true });
  return Array.from(tokenizer(text).input_ids.data as BigInt64Array, Number);
}

describe('the generated tiny model', () => {
  it('is what fixtures/make-tiny-model.ts writes, byte for byte, and small', () => {
    let total = 0;
    for (const [name, content] of Object.entries(tinyModelFiles())) {
      const committed = readFileSync(path.join(TINY_MODEL, name));
      expect(Buffer.compare(committed, Buffer.from(content)), name).toBe(0);
      total += statSync(path.join(TINY_MODEL, name)).size;
    }
    expect(total).toBeLessThan(1024 * 1024);
  });

  it('tokenizes Dutch clause text with known words, accents stripped', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(TINY_MODEL, { local_files_only: true });
    const tokens = tokenizer.tokenize('Brandschade aan de wóning is gedekt; beëindigd.');
    expect(tokens).toEqual(['brandschade', 'aan', 'de', 'woning', 'is', 'gedekt', ';', 'beeindigd', '.']);
  });
});

describe('embedding provider on the tiny model (offline)', () => {
  let provider: EmbeddingProvider;
  beforeAll(async () => {
    provider = await load();
  });
  afterAll(() => provider.close());

  it('names the model and its variant', () => {
    expect(provider.modelId).toBe(TINY_MODEL);
    expect(provider.variant).toMatch(/^fp32-[0-9a-f]{12}$/);
  });

  it('gives cosine 1 for identical texts and unit vectors', async () => {
    const texts = CLAUSES.map(embeddingInput);
    await provider.embed(texts);
    for (const t of texts) {
      expect(provider.similarity(t, t)).toBeCloseTo(1, 6);
      expect(Math.hypot(...provider.vector(t))).toBeCloseTo(1, 6);
    }
    const [brand, diefstal, , storm] = texts as [string, string, string, string];
    expect(provider.similarity(brand, diefstal)).toBeGreaterThanOrEqual(0);
    expect(provider.similarity(brand, storm)).toBeLessThan(1);
  });

  it('mean-pools and L2-normalises exactly like the hand computation from the graph weights', async () => {
    for (const text of CLAUSES.map(embeddingInput)) {
      await provider.embed([text]);
      const expected = handVector(await tokenIds(text));
      expect(maxAbsDiff(provider.vector(text), expected)).toBeLessThan(1e-5);
    }
  });

  it('is padding-invariant: a short text batched with long ones keeps its vector', async () => {
    const alone = await load();
    await alone.embed(['kort']);
    const padded = await load();
    await padded.embed(['kort', CLAUSES[4]!, CLAUSES[0]!.repeat(3)]);
    expect(maxAbsDiff(alone.vector('kort'), padded.vector('kort'))).toBe(0);
    await Promise.all([alone.close(), padded.close()]);
  });

  it('gives the same vectors in batches as one by one', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `${CLAUSES[i % CLAUSES.length]} Polis ${i}, artikel ${i % 9}.`);
    const batched = await load({ 'embeddings.batchSize': 32 });
    const single = await load({ 'embeddings.batchSize': 1 });
    await batched.embed(texts);
    for (const t of texts) await single.embed([t]);
    expect(batched.stats).toMatchObject({ inferences: 70, batches: 3 });
    expect(single.stats).toMatchObject({ inferences: 70, batches: 70 });
    for (const t of texts) expect(maxAbsDiff(batched.vector(t), single.vector(t))).toBeLessThan(1e-6);
    await Promise.all([batched.close(), single.close()]);
  });

  it('truncates to embeddings.maxTokens tokens', async () => {
    const long = embeddingInput(Array.from({ length: 20 }, (_, i) => CLAUSES[i % 6]).join(' '));
    const longer = `${long} Fraude en oplichting zijn uitgesloten.`;
    const ids = await tokenIds(long);
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.length).toBeLessThan(512); // model_max_length of the tiny model

    const truncated = await load({ 'embeddings.maxTokens': 16 });
    await truncated.embed([long, longer]);
    expect(maxAbsDiff(truncated.vector(long), handVector(ids.slice(0, 16)))).toBeLessThan(1e-5);
    expect(truncated.similarity(long, longer)).toBeCloseTo(1, 6);

    const full = await load({ 'embeddings.maxTokens': 4096 });
    await full.embed([long, longer]);
    expect(maxAbsDiff(full.vector(long), handVector(ids))).toBeLessThan(1e-5);
    expect(maxAbsDiff(full.vector(long), full.vector(longer))).toBeGreaterThan(1e-4);
    await Promise.all([truncated.close(), full.close()]);
  });

  it('loads the q8 variant when embeddings.quantized is on', async () => {
    const q8 = await load({ 'embeddings.quantized': true });
    expect(q8.variant).toMatch(/^q8-[0-9a-f]{12}$/);
    const text = embeddingInput(CLAUSES[0]!);
    await q8.embed([text]);
    await provider.embed([text]);
    expect(maxAbsDiff(q8.vector(text), provider.vector(text))).toBeLessThan(0.05);
    expect(q8.similarity(text, text)).toBeCloseTo(1, 5);
    await q8.close();
  });
});

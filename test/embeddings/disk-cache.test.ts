import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, modelKeyFolder, openVectorCache, textHash } from '../../engine/signals/embeddings/disk-cache.ts';
import { embeddingInput, loadEmbeddingProvider, type EmbeddingProvider } from '../../engine/signals/embeddings/index.ts';
import type { Settings } from '../../engine/config/settings.ts';
import { CACHE_DIM, expectedVector, textsOf } from './cache-writer.ts';
import { collectingLog, maxAbsDiff, tempDir, tinySettings, removeTempDirs } from './helpers.ts';

afterAll(removeTempDirs);

const run = promisify(execFile);
const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cache-writer.ts');
const TEXTS = [
  'Brandschade aan de woning is meeverzekerd.',
  'Diefstal is alleen gedekt na braak.',
  'Het eigen risico bedraagt € 250 per gebeurtenis.',
  'Glasschade is gedekt tot € 1.000.',
].map(embeddingInput);

async function provider(settings: Settings, log?: (level: 'info' | 'warn' | 'debug', msg: string) => void): Promise<EmbeddingProvider> {
  const result = await loadEmbeddingProvider(settings, log);
  if (!result.available) throw new Error(result.reason);
  return result.provider;
}

function segmentFiles(settings: Settings, p: EmbeddingProvider): string[] {
  const folder = modelKeyFolder(settings.embeddings.cacheDir, `${p.modelId}@${p.variant}`);
  return readdirSync(folder).filter((n) => n.endsWith('.ccv')).map((n) => path.join(folder, n));
}

describe('segment format', () => {
  it('round-trips and rejects a foreign model key, garbage and truncation', () => {
    const records: Array<[string, Float32Array]> = [[textHash('a'), Float32Array.of(1, 2, 3)], [textHash('b'), Float32Array.of(4, 5, 6)]];
    const bytes = encodeSegment('model@fp32-abc', 3, records);
    const decoded = decodeSegment(bytes, 'model@fp32-abc');
    expect(decoded.ok && decoded.records.map(([h, v]) => [h, [...v]])).toEqual(records.map(([h, v]) => [h, [...v]]));
    expect(decodeSegment(bytes, 'other@fp32-abc')).toMatchObject({ ok: false, reason: expect.stringContaining('model@fp32-abc') });
    expect(decodeSegment(bytes.subarray(0, bytes.length - 5), 'model@fp32-abc')).toMatchObject({ ok: false });
    expect(decodeSegment(Buffer.from('garbage garbage garbage garbage garbage garbage'), 'model@fp32-abc')).toMatchObject({ ok: false });
    const flipped = Buffer.from(bytes);
    flipped[40]! ^= 1;
    expect(decodeSegment(flipped, 'model@fp32-abc')).toMatchObject({ ok: false, reason: expect.stringMatching(/checksum/) });
  });
});

describe('disk vector cache with the tiny model', () => {
  it('a second provider does zero inferences; a new text is a miss', async () => {
    const settings = tinySettings();
    const first = await provider(settings);
    await first.embed(TEXTS);
    expect(first.stats).toEqual({ inferences: 4, batches: 1, diskHits: 0 });
    const vectors = TEXTS.map((t) => first.vector(t));
    await first.close();

    const second = await provider(settings);
    expect(second.has(TEXTS[0]!)).toBe(true);
    await second.embed(TEXTS);
    expect(second.stats).toEqual({ inferences: 0, batches: 0, diskHits: 4 });
    TEXTS.forEach((t, i) => expect(maxAbsDiff(second.vector(t), vectors[i]!)).toBe(0));
    await second.embed([...TEXTS, 'Stormschade is gedekt.']);
    expect(second.stats).toEqual({ inferences: 1, batches: 1, diskHits: 4 });
    await second.close();

    const third = await provider(settings);
    await third.embed([...TEXTS, 'Stormschade is gedekt.']);
    expect(third.stats).toEqual({ inferences: 0, batches: 0, diskHits: 5 });
    await third.close();
  });

  it('keys by model variant: the q8 model does not reuse fp32 vectors', async () => {
    const settings = tinySettings();
    const fp32 = await provider(settings);
    await fp32.embed(TEXTS);
    await fp32.close();
    const q8 = await provider({ ...settings, embeddings: { ...settings.embeddings, quantized: true } });
    await q8.embed(TEXTS);
    expect(q8.stats.inferences).toBe(4);
    await q8.close();
  });

  it('diskCache off keeps vectors in memory only', async () => {
    const settings = tinySettings({ 'embeddings.diskCache': false });
    const first = await provider(settings);
    await first.embed(TEXTS);
    await first.close();
    expect(readdirSync(settings.embeddings.cacheDir)).toEqual([]);
    const second = await provider(settings);
    await second.embed(TEXTS);
    expect(second.stats.inferences).toBe(4);
    await second.close();
  });

  it.each([
    ['garbage', (file: string) => writeFileSync(file, 'this is not a vector cache')],
    ['truncated', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, statSync(file).size - 100))],
    ['bit flip', (file: string) => {
      const bytes = readFileSync(file);
      bytes[bytes.length - 60]! ^= 0x10;
      writeFileSync(file, bytes);
    }],
  ])('a %s cache file is discarded with a warning and the vectors recomputed', async (_, damage) => {
    const settings = tinySettings();
    const first = await provider(settings);
    await first.embed(TEXTS);
    const vectors = TEXTS.map((t) => first.vector(t));
    await first.close();
    const [file] = segmentFiles(settings, first);
    damage(file!);

    const { lines, log } = collectingLog();
    const second = await provider(settings, log);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([expect.stringMatching(/Vector cache file .*\.ccv is damaged .*discarded/)]);
    await second.embed(TEXTS);
    expect(second.stats).toEqual({ inferences: 4, batches: 1, diskHits: 0 });
    TEXTS.forEach((t, i) => expect(maxAbsDiff(second.vector(t), vectors[i]!)).toBe(0));
    await second.close();

    const third = await provider(settings);
    await third.embed(TEXTS);
    expect(third.stats.diskHits).toBe(4);
    await third.close();
  });

  it('an unwritable cache folder is a warning, not a failure', async () => {
    const blocker = path.join(tempDir('blocked'), 'file');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const { lines, log } = collectingLog();
    const p = await provider(tinySettings({ 'embeddings.cacheDir': blocker }), log);
    await p.embed(TEXTS);
    await p.close();
    expect(lines.some((l) => l.level === 'warn' && /could not be written to the disk cache/.test(l.msg))).toBe(true);
  });

  it('two providers writing the same cache concurrently both stay readable', async () => {
    const settings = tinySettings();
    const [a, b] = await Promise.all([provider(settings), provider(settings)]);
    const more = TEXTS.map((t) => `${t} Zie artikel 3.`);
    await Promise.all([a.embed([...TEXTS, more[0]!]), b.embed([...more, TEXTS[0]!])]);
    await Promise.all([a.close(), b.close()]);
    expect(segmentFiles(settings, a)).toHaveLength(2);
    const c = await provider(settings);
    await c.embed([...TEXTS, ...more]);
    expect(c.stats).toEqual({ inferences: 0, batches: 0, diskHits: 8 });
    await c.close();
  });
});

describe('disk vector cache across processes', () => {
  it('two processes writing and compacting the same cache at once lose nothing and corrupt nothing', async () => {
    const dir = tempDir('concurrent');
    const key = 'concurrency-test@fp32-000000000000';
    const rounds = 40;
    const outputs = await Promise.all(
      [['alpha', 'beta'], ['beta', 'alpha']].map(([writer, peer]) =>
        run(process.execPath, ['--import', 'tsx', WRITER, dir, key, writer!, String(rounds), peer!], { cwd: process.cwd() }),
      ),
    );
    const reports = outputs.map(({ stdout }) => JSON.parse(stdout) as { warnings: string[]; started: number; finished: number });
    for (const report of reports) expect(report.warnings).toEqual([]);
    // The two writers really ran at the same time.
    expect(reports[0]!.started).toBeLessThan(reports[1]!.finished);
    expect(reports[1]!.started).toBeLessThan(reports[0]!.finished);

    const { lines, log } = collectingLog();
    const cache = (await openVectorCache({ dir, modelKey: key, log }))!;
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
    let checked = 0;
    for (const writer of ['alpha', 'beta']) {
      for (let round = 0; round < rounds; round++) {
        for (const text of textsOf(writer, round)) {
          const v = cache.get(textHash(text));
          expect(v, `${writer} round ${round}`).toBeDefined();
          expect(maxAbsDiff(v!, expectedVector(text))).toBe(0);
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * rounds * 30);
    expect(cache.loaded).toBe(2 * rounds * 25 + rounds * 5);
    expect(readdirSync(cache.folder).filter((n) => n.endsWith('.ccv')).length).toBeLessThanOrEqual(8);
  }, 60_000);
});

describe('size bound', () => {
  it('compaction drops the oldest vectors to stay under maxBytes', async () => {
    const dir = tempDir('bounded');
    const key = 'bounded@fp32-000000000000';
    const recordBytes = 32 + CACHE_DIM * 4;
    const maxBytes = 100 * recordBytes;
    for (let round = 0; round < 6; round++) {
      const cache = (await openVectorCache({ dir, modelKey: key, maxBytes }))!;
      for (let k = 0; k < 30; k++) cache.put(textHash(`r${round} t${k}`), expectedVector(`r${round} t${k}`));
      await cache.flush();
      await new Promise((r) => setTimeout(r, 2)); // distinct segment timestamps
    }
    const cache = (await openVectorCache({ dir, modelKey: key, maxBytes }))!;
    expect(cache.loaded).toBeLessThanOrEqual(100);
    expect(cache.has(textHash('r5 t29'))).toBe(true);
    expect(cache.has(textHash('r0 t0'))).toBe(false);
    const bytes = readdirSync(cache.folder).reduce((s, n) => s + statSync(path.join(cache.folder, n)).size, 0);
    expect(bytes).toBeLessThanOrEqual(maxBytes);
  });
});

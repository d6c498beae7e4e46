import type { Settings } from '../../config/settings.ts';
import { SignalError } from '../../util/errors.ts';
import { openVectorCache, textHash, type VectorCache } from './disk-cache.ts';
import { modelFingerprint, resolveModelSource, vectorCacheDirOf, type ModelSource } from './model-source.ts';

/**
 * Sentence embeddings for the embedding signal (SPEC §6.6): a transformers.js feature-extraction pipeline with mean
 * pooling over the attention mask and L2 normalisation, an in-run memo (each distinct input is encoded at most once
 * per run) and the on-disk vector cache of disk-cache.ts.
 *
 * Inputs are embedding inputs (`embeddingInput(raw)`); the provider does not normalise them again.
 * When to embed is the caller's business: `embed()` takes whatever texts are pending (the cascade batches the texts
 * of a comparison round; the `full` policy passes every comparable text up front) and runs the model only for the
 * texts that are neither in memory nor on disk, in batches of `embeddings.batchSize`.
 */

export type EmbeddingLog = (level: 'info' | 'warn' | 'debug', msg: string) => void;

export interface EmbeddingProvider {
  /** As configured: a hub id or a model folder. */
  readonly modelId: string;
  /** `fp32` or `q8`, a dash and a 12-hex content hash of the model files, e.g. `fp32-3fa2c81b09de`. */
  readonly variant: string;
  /** Vector already known this run (memory, or the disk cache; a disk hit is counted when first seen). */
  has(text: string): boolean;
  /** Ensures vectors for all given embedding inputs: dedupes, looks up the disk cache, runs the model for the rest. */
  embed(texts: string[]): Promise<void>;
  /** The L2-normalised vector; throws when the text was not embedded. */
  vector(text: string): Float32Array;
  /** max(0, a·b) of the stored vectors (cosine, as they are unit length), clamped to [0, 1]. */
  similarity(a: string, b: string): number;
  readonly stats: EmbeddingStats;
  /**
   * A provider over the same loaded model with an empty memo, zeroed stats and no disk cache, so runs that share one
   * model (bench, experiments) each start cold. Closing a fork never releases the shared model.
   */
  fork(): EmbeddingProvider;
  /** Flushes new vectors to the disk cache and releases the inference session (not a fork's shared one). */
  close(): Promise<void>;
}

export interface EmbeddingStats {
  /** Texts actually run through the model in this run (disk hits excluded). */
  inferences: number;
  batches: number;
  /** Distinct texts whose vector came from the disk cache. */
  diskHits: number;
}

export type ProviderLoad = { available: true; provider: EmbeddingProvider } | { available: false; reason: string };

/** What the provider needs from a transformers.js feature-extraction pipeline (and what tests can fake). */
export interface FeatureExtractor {
  (texts: string[], options: { pooling: 'mean'; normalize: true }): Promise<{ dims: number[]; data: ArrayLike<number>; dispose?: () => void }>;
  dispose?: () => Promise<unknown>;
}

class TransformersEmbeddingProvider implements EmbeddingProvider {
  readonly stats: EmbeddingStats = { inferences: 0, batches: 0, diskHits: 0 };
  private readonly memo = new Map<string, Float32Array>();
  /** Texts known to be absent from the disk cache, so has() hashes each text at most once. */
  private readonly notOnDisk = new Set<string>();
  /** embed() calls run one after another, so a text pending in two calls is still encoded once. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly modelId: string,
    readonly variant: string,
    private readonly extractor: FeatureExtractor,
    private readonly batchSize: number,
    private readonly cache: VectorCache | null,
    private readonly log: EmbeddingLog,
    private readonly ownsModel = true,
  ) {}

  fork(): EmbeddingProvider {
    return new TransformersEmbeddingProvider(this.modelId, this.variant, this.extractor, this.batchSize, null, this.log, false);
  }

  has(text: string): boolean {
    return this.memo.has(text) || this.fromDisk(text) !== undefined;
  }

  /** Moves a disk-cache vector into the memo, counting the hit once. */
  private fromDisk(text: string): Float32Array | undefined {
    if (!this.cache || this.notOnDisk.has(text)) return undefined;
    const vector = this.cache.get(textHash(text));
    if (vector === undefined) {
      this.notOnDisk.add(text);
      return undefined;
    }
    this.memo.set(text, vector);
    this.stats.diskHits++;
    return vector;
  }

  embed(texts: string[]): Promise<void> {
    const run = this.queue.then(() => this.embedNow(texts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async embedNow(texts: string[]): Promise<void> {
    if (this.closed) throw new SignalError('embeddings', `Embedding model ${this.modelId} was already closed.`);
    const todo: string[] = [];
    const seen = new Set<string>();
    for (const text of texts) {
      if (seen.has(text)) continue;
      seen.add(text);
      if (!this.has(text)) todo.push(text);
    }
    if (todo.length === 0) return;
    // Similar lengths in one batch waste less work on padding; the order is deterministic (stable sort).
    todo.sort((a, b) => a.length - b.length);
    for (let start = 0; start < todo.length; start += this.batchSize) {
      await this.runBatch(todo.slice(start, start + this.batchSize));
    }
  }

  private async runBatch(batch: string[]): Promise<void> {
    let output: Awaited<ReturnType<FeatureExtractor>>;
    try {
      output = await this.extractor(batch, { pooling: 'mean', normalize: true });
    } catch (error) {
      throw new SignalError(
        'embeddings',
        `Embedding model ${this.modelId} failed on a batch of ${batch.length} texts: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const [rows, dim] = output.dims;
    if (rows !== batch.length || !dim) {
      throw new SignalError('embeddings', `Embedding model ${this.modelId} returned shape [${output.dims.join(', ')}] for ${batch.length} texts.`);
    }
    const data = output.data;
    batch.forEach((text, i) => {
      const vector = data instanceof Float32Array ? data.slice(i * dim, (i + 1) * dim) : Float32Array.from({ length: dim }, (_, j) => data[i * dim + j]!);
      this.memo.set(text, vector);
      this.notOnDisk.delete(text);
      this.cache?.put(textHash(text), vector);
    });
    output.dispose?.();
    this.stats.inferences += batch.length;
    this.stats.batches++;
  }

  vector(text: string): Float32Array {
    const vector = this.memo.get(text) ?? this.fromDisk(text);
    if (vector === undefined) {
      throw new SignalError('embeddings', `No embedding vector for ${JSON.stringify(text.slice(0, 60))}: embed() it first.`);
    }
    return vector;
  }

  similarity(a: string, b: string): number {
    return unitSimilarity(this.vector(a), this.vector(b));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    if (this.cache) {
      try {
        await this.cache.flush();
      } catch (error) {
        this.log('warn', `Embedding vectors could not be written to the disk cache ${this.cache.folder}: ${(error as Error).message}`);
      }
    }
    if (this.ownsModel) await this.extractor.dispose?.();
  }
}

/** Global transformers.js settings (env) are set per load; loads are serialised so two loads never mix them. */
let loadLock: Promise<unknown> = Promise.resolve();

/**
 * Loads the model of the active mode. Never throws for a missing or broken model: the result says why embeddings
 * are unavailable (the run then drops the signal and renormalises the weights, SPEC §6.7). `fast` mode and models
 * named `none` never load anything.
 */
export async function loadEmbeddingProvider(settings: Settings, log: EmbeddingLog = () => undefined): Promise<ProviderLoad> {
  const source = resolveModelSource(settings);
  if (source.kind === 'disabled' || source.kind === 'missing') return { available: false, reason: source.reason };
  const load = loadLock.then(() => loadSource(source, settings, log));
  loadLock = load.catch(() => undefined);
  return load;
}

async function loadSource(source: Exclude<ModelSource, { kind: 'disabled' | 'missing' }>, settings: Settings, log: EmbeddingLog): Promise<ProviderLoad> {
  const started = performance.now();
  let extractor: FeatureExtractor;
  try {
    const transformers = await import('@huggingface/transformers');
    const { env, pipeline, LogLevel } = transformers;
    env.logLevel = LogLevel.ERROR;
    env.allowLocalModels = true;
    env.allowRemoteModels = source.kind === 'remote';
    if (source.kind === 'remote') {
      // Downloads land where offline runs look: <modelDir>/<owner>/<name>/…
      env.localModelPath = source.modelDir;
      env.cacheDir = source.modelDir;
      log('info', `Embedding model ${source.hubId} not found in ${source.modelDir}; downloading it from the hub (embeddings.allowRemote).`);
    }
    const pipe = await pipeline('feature-extraction', source.kind === 'remote' ? source.hubId : source.folder, {
      dtype: source.dtype,
      device: 'cpu',
      local_files_only: source.kind !== 'remote',
      ...(source.kind === 'remote' ? { cache_dir: source.modelDir } : {}),
    });
    limitTokens(pipe.tokenizer, (pipe.model as { config?: { max_position_embeddings?: number } }).config?.max_position_embeddings, settings.embeddings.maxTokens);
    extractor = pipe as unknown as FeatureExtractor;
  } catch (error) {
    return { available: false, reason: `embedding model ${source.modelId} could not be loaded: ${(error as Error).message}` };
  }
  let variant: string;
  try {
    variant = `${source.dtype}-${await modelFingerprint(source.folder, source.modelFile)}`;
  } catch (error) {
    await extractor.dispose?.();
    return { available: false, reason: `embedding model ${source.modelId} could not be read: ${(error as Error).message}` };
  }
  let cache: VectorCache | null = null;
  if (settings.embeddings.diskCache) {
    try {
      cache = await openVectorCache({ dir: vectorCacheDirOf(settings), modelKey: `${source.modelId}@${variant}`, log });
    } catch (error) {
      log('warn', `Embedding vector cache unavailable (${(error as Error).message}); vectors are kept in memory only.`);
    }
  }
  log('info', `Embedding model ${source.modelId} (${variant}) loaded in ${Math.round(performance.now() - started)} ms.`);
  return {
    available: true,
    provider: new TransformersEmbeddingProvider(source.modelId, variant, extractor, settings.embeddings.batchSize, cache, log),
  };
}

/**
 * Truncation to `embeddings.maxTokens`: the v4 feature-extraction pipeline tokenizes with `truncation: true` and no
 * `max_length`, so the limit is the tokenizer's `model_max_length` (from tokenizer_config.json). It is shadowed on
 * this tokenizer instance by min(maxTokens, model_max_length, max_position_embeddings). Truncation keeps the first
 * tokens ([CLS] and the start of the text).
 */
function limitTokens(tokenizer: unknown, maxPositions: number | undefined, maxTokens: number): void {
  const t = tokenizer as { model_max_length?: number };
  const limit = Math.min(maxTokens, t.model_max_length ?? Infinity, maxPositions ?? Infinity);
  Object.defineProperty(tokenizer, 'model_max_length', { value: limit, configurable: true });
}

/** For tests and tools: a provider over any extractor (no model files, no disk cache unless given). */
export function providerFromExtractor(
  modelId: string,
  variant: string,
  extractor: FeatureExtractor,
  options: { batchSize: number; cache?: VectorCache | null; log?: EmbeddingLog },
): EmbeddingProvider {
  return new TransformersEmbeddingProvider(modelId, variant, extractor, options.batchSize, options.cache ?? null, options.log ?? (() => undefined));
}

/** The embedding value of SPEC §6.6, max(0, a · b) of two unit vectors, capped at 1 against rounding. */
export function unitSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return Math.min(1, Math.max(0, dot));
}

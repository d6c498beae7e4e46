/**
 * One analysis run: ingest → normalise → signals → cascade → cluster → advise (→ report, in analyzeWorkbook).
 * Emits the progress events of SPEC §11, checks cancellation between and inside stages, and times each stage.
 */
import { Cascade } from '../cascade/evaluate.ts';
import { newCounters } from '../cascade/counters.ts';
import type { Counters } from '../cascade/types.ts';
import { clusterRecords } from '../cluster/leader.ts';
import type { ClusterContext, ObservedPair } from '../cluster/types.ts';
import { enabledSignals, type Settings } from '../config/settings.ts';
import { adviseClusters } from '../advise/index.ts';
import { loadReferences, type References } from '../advise/reference-inputs.ts';
import { readPolicyClauses } from '../ingest/index.ts';
import { buildRecords, longEnoughToCluster, type ClauseRecord } from '../normalise/records.ts';
import { clusterPartitioned, threadPartitionRunner, type PartitionFacts, type PartitionRunner } from '../partition/index.ts';
import { embeddingInput, loadEmbeddingProvider } from '../signals/embeddings/index.ts';
import { SignalSuite, type EmbeddingAvailability } from '../signals/suite.ts';
import { throwIfCancelled } from '../util/errors.ts';
import { finishStepsCancellable, forEachSteps, type Steps } from '../util/steps.ts';
import type { Logger } from '../util/log.ts';
import { warning, type Warning } from '../util/warnings.ts';
import { engineVersion } from '../util/version.ts';
import { startThreads, type ThreadRunner } from './threads/pool.ts';
import type { AnalysisResult, ProgressEvent, StageName, Timings } from './types.ts';

export interface AnalyzeRequest {
  policyFile: string;
  conditions?: string[];
  libraries?: string[];
  instructions?: string;
  settings: Settings;
}


export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  logger?: Logger;
  /** A provider loaded once and shared by several runs (bench, experiments, the tuning view). */
  embeddings?: EmbeddingAvailability;
  /** Sees every finished row–leader evaluation of the cluster stage. */
  observePairs?: (pair: ObservedPair) => void;
  /** Where the blocks of a partitioned run (`partitions` > 1) are clustered and merged; default: the run's threads (`threads`). */
  partitionRunner?: PartitionRunner;
}

/** Times stages and logs their start and end (the only non-debug log lines besides warnings and errors). */
class StageClock {
  readonly timings: Timings = {};
  private readonly start = performance.now();
  constructor(private readonly logger: Logger) {}
  async run<T>(stage: StageName, work: () => Promise<T> | T): Promise<T> {
    this.logger('info', `Stage ${stage} started`);
    const t0 = performance.now();
    const result = await work();
    const ms = performance.now() - t0;
    this.timings[stage] = (this.timings[stage] ?? 0) + ms;
    this.logger('info', `Stage ${stage} finished in ${Math.round(ms)} ms`);
    return result;
  }
  finish(): Timings {
    this.timings.total = performance.now() - this.start;
    return this.timings;
  }
}

/** Distinct clause texts long enough to cluster, plus every reference text (SPEC §6.4). */
function* tfidfCorpus(records: ClauseRecord[], references: References, settings: Settings): Steps<Set<string>> {
  const corpus = new Set<string>();
  yield* forEachSteps(records, (r) => longEnoughToCluster(r.simplifiedText, settings.minTextLength) && corpus.add(r.simplifiedText));
  for (const text of references.corpusTexts()) corpus.add(text);
  return corpus;
}

async function loadEmbeddings(settings: Settings, options: RunOptions, logger: Logger): Promise<EmbeddingAvailability | undefined> {
  if (!enabledSignals(settings).includes('embeddings')) return undefined;
  if (options.embeddings) return options.embeddings;
  const load = await loadEmbeddingProvider(settings, (level, message) => logger(level, message));
  if (!load.available) logger('warn', `Embeddings unavailable: ${load.reason}`);
  return load;
}

function embeddingStats(suite: SignalSuite): { inferences: number; batches: number; diskHits: number } {
  const stats = suite.provider?.stats;
  return { inferences: stats?.inferences ?? 0, batches: stats?.batches ?? 0, diskHits: stats?.diskHits ?? 0 };
}

export async function runAnalysis(request: AnalyzeRequest, options: RunOptions = {}): Promise<AnalysisResult> {
  const logger: Logger = options.logger ?? (() => {});
  // Started first, so the worker threads load their modules while the input is read.
  const threads = startThreads(request.settings.threads, (reason) => logger('debug', `Threads: ${reason}`));
  try {
    return await analyzeOnThreads(request, options, logger, threads);
  } finally {
    await threads.close();
  }
}

async function analyzeOnThreads(request: AnalyzeRequest, options: RunOptions, logger: Logger, threads: ThreadRunner): Promise<AnalysisResult> {
  const { settings } = request;
  const progress = (stage: string, percent: number, message: string, rows?: ProgressEvent['rows']) =>
    options.onProgress?.(rows ? { stage, percent, message, rows } : { stage, percent, message });
  const startedAt = new Date().toISOString();
  const clock = new StageClock(logger);
  const warnings: Warning[] = [];
  const counters: Counters = newCounters();

  progress('init', 0, 'Initialiseren...');
  progress('ingest', 5, 'Bestand inlezen...');
  // The policy file and the reference inputs are one stage, timed and logged once.
  const { table, clauses, references } = await clock.run('ingest', async () => {
    const policy = await readPolicyClauses(request.policyFile, settings.input, {
      signal: options.signal,
      onRows: (done) => progress('ingest', 5, `Bestand inlezen... (${done} rijen)`, { done, total: null }),
    });
    throwIfCancelled(options.signal);
    const loaded = await loadReferences(request, {
      onConditions: () => progress('conditions', 10, 'Voorwaarden verwerken...'),
      onLibrary: () => progress('library', 20, 'Clausulebibliotheek laden...'),
    });
    return { ...policy, references: loaded };
  });
  warnings.push(...table.warnings, ...references.warnings);
  throwIfCancelled(options.signal);

  progress('prepare', 23, 'Data voorbereiden...');
  const records = await clock.run('normalise', () => buildRecords(clauses, settings.grouping, options.signal, threads));
  throwIfCancelled(options.signal);

  const embeddings = await loadEmbeddings(settings, options, logger);
  const corpus = await finishStepsCancellable(tfidfCorpus(records, references, settings), options.signal);
  const suite = await clock.run('prepareSignals', () => new SignalSuite({ settings, tfidfCorpus: corpus, embeddings }));
  for (const u of suite.status.unavailable) warnings.push(warning('signals.unavailable', { signal: u.signal, reason: u.reason }));
  const statsBefore = embeddingStats(suite);
  if (settings.policy === 'full' && suite.provider) {
    // The baseline encodes every text that can be compared up front (SPEC §6.6).
    const texts = records.filter((r) => longEnoughToCluster(r.simplifiedText, settings.minTextLength)).map((r) => embeddingInput(r.rawText));
    await clock.run('prepareSignals', () => suite.provider!.embed([...new Set(texts)]));
  }
  throwIfCancelled(options.signal);

  const devLog = settings.devMode ? (message: string) => logger('debug', message) : null;
  const cascade = new Cascade(suite, settings, counters, devLog);
  const clusterContext: ClusterContext = {
    settings,
    suite,
    cascade,
    counters,
    signal: options.signal,
    onProgress: (p) => progress('cluster', 25 + Math.trunc(0.25 * p), `Slim clusteren... (${p}%)`, { done: Math.round((p / 100) * records.length), total: records.length }),
    log: devLog ?? undefined,
    observe: options.observePairs,
  };
  let partitioning: PartitionFacts | null = null;
  const clustering = await clock.run('cluster', async () => {
    if (settings.partitions === 1) return clusterRecords(records, clusterContext);
    const partitioned = await clusterPartitioned(records, clusterContext, corpus, options.partitionRunner ?? threadPartitionRunner(threads));
    partitioning = partitioned.facts;
    return partitioned.clustering;
  });

  const advised = await clock.run('advise', () =>
    adviseClusters({
      records,
      clustering,
      references,
      settings,
      suite,
      cascade,
      signal: options.signal,
      onProgress: (p) => progress('advise', 50 + Math.trunc(0.4 * p), `Analyseren... (${p}%)`),
      log: devLog ?? undefined,
      runner: threads,
    }),
  );

  const statsAfter = embeddingStats(suite);
  counters.embeddingInferences = statsAfter.inferences - statsBefore.inferences;
  counters.embeddingBatches = statsAfter.batches - statsBefore.batches;
  counters.embeddingCacheHits = statsAfter.diskHits - statsBefore.diskHits;
  if (!options.embeddings) await suite.provider?.close();

  return {
    engineVersion: engineVersion(),
    startedAt,
    settings,
    table,
    records,
    rows: advised.rows,
    clusters: advised.clusters,
    signals: suite.status,
    references: references.summary(),
    counters,
    partitioning,
    timingsMs: clock.finish(),
    threads: threads.threads,
    warnings,
  };
}

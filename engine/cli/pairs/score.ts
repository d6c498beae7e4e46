/**
 * The core of `clause-cascade pairs`: each row's two texts scored with the cascade exactly as clustering's stage 1
 * compares a row with a leader (simplified texts, embedding inputs from the raw texts, the run's policy), against one
 * cut, the threshold. This answers "why were these two (not) grouped?" with the signals that ran and their values.
 */
import { Cascade, type EvaluationRecord, type PairEvaluation } from '../../cascade/evaluate.ts';
import { newCounters } from '../../cascade/counters.ts';
import { normalisedThreshold, type Settings, type SignalId } from '../../config/settings.ts';
import { clusteringText } from '../../normalise/clustering.ts';
import type { RawTable } from '../../ingest/index.ts';
import { longEnoughToCluster } from '../../normalise/records.ts';
import { simplify } from '../../normalise/simplify.ts';
import type { Counters } from '../../cascade/types.ts';
import { embeddingInput } from '../../signals/embeddings/index.ts';
import { SignalSuite, type EmbeddingAvailability } from '../../signals/suite.ts';
import { CancelledError } from '../../util/errors.ts';

export interface PairsRequest {
  table: RawTable;
  left: number; // column index
  right: number;
  settings: Settings;
  threshold: number;
  embeddings?: EmbeddingAvailability;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface Contribution {
  signal: SignalId;
  value: number;
  weight: number; // effective weight in the suite
}

export interface PairScore {
  rowNumber: number;
  sourceLine: number;
  /** Decided record; null when a text is too short to be clustered (cluster id NVT). */
  record: EvaluationRecord | null;
  /** Stage 1 reached the threshold. */
  match: boolean;
  contributions: Contribution[];
  /**
   * Clustering compares the clustering texts (placeholders for amounts, dates, …) when stage 1 lands between the
   * gate and the threshold (SPEC §8.2); that second comparison, when it happens, and whether it accepts.
   */
  stage2: { record: EvaluationRecord; threshold: number; match: boolean; contributions: Contribution[] } | null;
}

export interface PairsResult {
  scores: PairScore[];
  suite: SignalSuite;
  counters: Counters;
}

/** Exit shown for a pair that clustering never compares: a text shorter than minTextLength becomes NVT. */
export const NVT_EXIT = 'nvt';

export async function scorePairs(request: PairsRequest): Promise<PairsResult> {
  const { table, settings } = request;
  const texts = table.rows.map((row) => {
    const left = row.cells[request.left] ?? '';
    const right = row.cells[request.right] ?? '';
    return { left, right, leftSimple: simplify(left), rightSimple: simplify(right) };
  });
  const clusterable = (simple: string) => longEnoughToCluster(simple, settings.minTextLength);
  // The TF-IDF model is fitted on every clusterable text of both columns, as the pipeline fits it on the workbook.
  const corpus = new Set<string>();
  for (const t of texts) {
    if (clusterable(t.leftSimple)) corpus.add(t.leftSimple);
    if (clusterable(t.rightSimple)) corpus.add(t.rightSimple);
  }
  const suite = new SignalSuite({ settings, tfidfCorpus: corpus, embeddings: request.embeddings });
  const counters = newCounters();
  const cascade = new Cascade(suite, settings, counters, request.log ?? null);
  const gate = settings.normalisedGate;
  // With the gate as a lower cut, stage 1 also tells whether clustering would go on to stage 2.
  const cuts = gate < request.threshold ? [gate, request.threshold] : [request.threshold];

  const stage1 = await resolveAll(
    suite,
    texts.map((t) =>
      clusterable(t.leftSimple) && clusterable(t.rightSimple)
        ? cascade.start(suite.side(t.leftSimple, embeddingInput(t.left)), suite.side(t.rightSimple, embeddingInput(t.right)), cuts, 'cluster.stage1', { exactValues: true })
        : null,
    ),
    request.signal,
  );
  const stage2Threshold = normalisedThreshold(settings);
  const middle = (r: EvaluationRecord | null) => r !== null && cuts.length === 2 && r.band === 1;
  const stage2 = await resolveAll(
    suite,
    texts.map((t, i) =>
      middle(stage1[i]!)
        ? cascade.start(suite.side(clusteringText(t.left), embeddingInput(t.left)), suite.side(clusteringText(t.right), embeddingInput(t.right)), [stage2Threshold], 'cluster.stage2', { exactValues: true })
        : null,
    ),
    request.signal,
  );

  const contributionsOf = (record: EvaluationRecord) =>
    record.signals.map((signal, k) => ({ signal, value: record.values[k]!, weight: suite.weights[suite.ids.indexOf(signal)]! }));
  const scores = stage1.map((record, i): PairScore => {
    const second = stage2[i]!;
    return {
      rowNumber: i + 1,
      sourceLine: table.rows[i]!.sourceLine,
      record,
      match: record !== null && record.band >= cuts.length,
      contributions: record ? contributionsOf(record) : [],
      stage2: second ? { record: second, threshold: stage2Threshold, match: second.band >= 1, contributions: contributionsOf(second) } : null,
    };
  });
  return { scores, suite, counters };
}

/**
 * Runs every evaluation as far as it goes, embeds what the blocked ones wait for in one batch, and repeats until all
 * are decided (the batching of the clustering stage, without its candidate order).
 */
async function resolveAll(suite: SignalSuite, evaluations: (PairEvaluation | null)[], signal?: AbortSignal): Promise<(EvaluationRecord | null)[]> {
  const records: (EvaluationRecord | null)[] = new Array(evaluations.length).fill(null);
  let open = evaluations.map((e, i) => (e ? i : -1)).filter((i) => i >= 0);
  while (open.length > 0) {
    if (signal?.aborted) throw new CancelledError();
    const waiting = new Set<string>();
    const blocked: number[] = [];
    for (const i of open) {
      const record = evaluations[i]!.advance();
      if (record) records[i] = record;
      else {
        blocked.push(i);
        for (const text of evaluations[i]!.needs()) waiting.add(text);
      }
    }
    if (blocked.length > 0) {
      if (!suite.provider || waiting.size === 0) throw new Error(`${blocked.length} pairs wait for embeddings that no provider can compute.`);
      await suite.provider.embed([...waiting]);
    }
    open = blocked;
  }
  return records;
}

/** The exact score, or null when the cascade stopped on bounds (then only `lower` and `upper` are known). */
export function exactScore(record: EvaluationRecord): number | null {
  return record.exact || record.lower === record.upper ? record.lower : null;
}

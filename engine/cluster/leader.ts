/**
 * Leader clustering (SPEC §8.1–§8.2). Rows are walked by descending simplified length; each joins the cluster of
 * an identical simplified or clustering text, else the first acceptable candidate leader, else founds a cluster.
 *
 * Embeddings are computed only for pairs whose band the cheaper signals cannot settle, when the pair needs them.
 * Scanning later candidates while a pair waits was measured (sample workbook, tiny model) to cost 2.5× the cheap
 * evaluations while batching almost nothing: the text a round waits for is nearly always the row's own, one text.
 * So comparisons stay strictly in candidate order; batching happens where it pays, in the `full` baseline's
 * up-front encoding and for conditions sections.
 */
import { clusterThreshold, normalisedThreshold, type Settings } from '../config/settings.ts';
import { EPSILON, type Cascade, type EvaluationRecord, type PairEvaluation } from '../cascade/evaluate.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import type { Counters } from '../cascade/types.ts';
import { embeddingInput } from '../signals/embeddings/index.ts';
import type { SignalSuite } from '../signals/suite.ts';
import { cancellationPoint } from '../util/errors.ts';
import { codePointLength } from '../util/text.ts';
import { gramProfile } from './qgrams.ts';
import { createLeaderSearch, outsideLengthTolerance, type SearchText } from './search.ts';

export const NVT = 'NVT';

export interface ClusterDraft {
  id: string;
  leader: number; // index into records
  members: number[]; // indices into records, join order, leader first
}

export interface Clustering {
  clusters: ClusterDraft[];
  /** Cluster id per record index (NVT for short texts). */
  clusterOf: string[];
}

/** A finished row–leader evaluation, for score distributions (experiments, the tuning view). */
export interface ObservedPair {
  stage: 1 | 2;
  row: number; // record index
  leader: number; // record index
  record: EvaluationRecord;
}

export interface ClusterContext {
  settings: Settings;
  suite: SignalSuite;
  cascade: Cascade;
  counters: Counters;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
  log?: (message: string) => void;
  observe?: (pair: ObservedPair) => void;
}

export function clusterId(n: number): string {
  return `CL-${String(n).padStart(4, '0')}`;
}

interface RowState extends SearchText {
  record: number;
  simplifiedText: string;
  clusteringText: string;
  embeddingText: string;
}

type Verdict = 'accept' | 'reject';

/** One row–leader comparison through stage 1 and, from the middle band, stage 2. */
class LeaderComparison {
  private stage: 1 | 2 = 1;
  private evaluation: PairEvaluation;

  constructor(
    private readonly ctx: ClusterContext,
    private readonly row: RowState,
    private readonly leader: RowState,
  ) {
    const { suite, settings, cascade } = ctx;
    this.evaluation = cascade.start(
      suite.side(row.simplifiedText, row.embeddingText),
      suite.side(leader.simplifiedText, leader.embeddingText),
      [settings.normalisedGate, clusterThreshold(settings)],
      'cluster.stage1',
    );
  }

  needs(): string[] {
    return this.evaluation.needs();
  }

  /** The verdict, or null while embeddings are pending. */
  advance(): Verdict | null {
    const { suite, settings, cascade } = this.ctx;
    for (;;) {
      const record = this.evaluation.advance();
      if (!record) return null;
      this.ctx.observe?.({ stage: this.stage, row: this.row.record, leader: this.leader.record, record });
      if (this.stage === 2) return record.band >= 1 ? 'accept' : 'reject';
      if (record.band === 2) return 'accept';
      if (record.band === 0) return 'reject';
      this.stage = 2;
      this.evaluation = cascade.start(
        suite.side(this.row.clusteringText, this.row.embeddingText),
        suite.side(this.leader.clusteringText, this.leader.embeddingText),
        [normalisedThreshold(settings)],
        'cluster.stage2',
      );
    }
  }
}

export async function clusterRecords(records: readonly ClauseRecord[], ctx: ClusterContext): Promise<Clustering> {
  const { settings, counters, suite } = ctx;
  const clusterOf: string[] = new Array(records.length).fill(NVT);
  const clusters: ClusterDraft[] = [];
  const byText = new Map<string, ClusterDraft>();
  const byClusteringText = new Map<string, ClusterDraft>();
  const leaders: RowState[] = [];
  const fuzzyWeight = suite.weights[suite.ids.indexOf('fuzzy')] ?? 0;
  const search = createLeaderSearch(settings, fuzzyWeight, counters, settings.policy === 'lossless' ? acceptanceBound(ctx) : null);

  const lengths = records.map((r) => codePointLength(r.simplifiedText));
  const order = records.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);

  const join = (cluster: ClusterDraft, index: number) => {
    cluster.members.push(index);
    clusterOf[index] = cluster.id;
    byText.set(records[index]!.simplifiedText, cluster);
    byClusteringText.set(records[index]!.clusteringText, cluster);
  };

  for (let k = 0; k < order.length; k++) {
    if (k % 50 === 0) {
      await cancellationPoint(ctx.signal);
      ctx.onProgress?.(Math.trunc((100 * k) / order.length));
    }
    if (k > 0 && k % 500 === 0) ctx.log?.(`Clustering: ${k} of ${order.length} rows, ${clusters.length} clusters`);
    const index = order[k]!;
    const record = records[index]!;
    if (lengths[index]! < settings.minTextLength) continue;

    const exact = byText.get(record.simplifiedText);
    if (exact) {
      counters.cacheHits.exact++;
      join(exact, index);
      continue;
    }
    const normalised = byClusteringText.get(record.clusteringText);
    if (normalised) {
      counters.cacheHits.normalised++;
      join(normalised, index);
      continue;
    }

    const row = rowState(record, index, lengths[index]!);
    const winner = await findLeader(row, search.candidates(row), leaders, ctx);
    if (winner !== null) {
      // Leaders and clusters are created together, so leader n founded cluster n.
      join(clusters[winner]!, index);
      continue;
    }
    const cluster: ClusterDraft = { id: clusterId(clusters.length + 1), leader: index, members: [] };
    clusters.push(cluster);
    join(cluster, index);
    leaders.push(row);
    search.add(row);
  }
  ctx.onProgress?.(100);
  return { clusters, clusterOf };
}

function rowState(record: ClauseRecord, index: number, simplifiedLength: number): RowState {
  return {
    record: index,
    simplifiedText: record.simplifiedText,
    clusteringText: record.clusteringText,
    embeddingText: embeddingInput(record.rawText),
    simplifiedLength,
    clusteringLength: codePointLength(record.clusteringText),
    simplified: gramProfile(record.simplifiedText),
    clustering: gramProfile(record.clusteringText),
  };
}

/**
 * The lossless policy's bound check, moved into the leader index: Σ wᵢ·boundᵢ (fuzzy capped by the q-gram lemma) is a
 * sound upper bound of the combined score, and acceptance needs S₁ ≥ t, or S₁ ≥ gate and S₂ ≥ the normalised
 * threshold. A leader that fails it is dropped unseen, exactly as the cascade would reject it before running any
 * signal. `full` is the baseline that evaluates every signal for every leader the SPEC's q-gram rule keeps; under
 * `seed` a high fuzzy alone accepts, so only that rule applies there too.
 */
function acceptanceBound(ctx: ClusterContext) {
  const { settings, suite, cascade } = ctx;
  const t = clusterThreshold(settings) - EPSILON;
  const gate = settings.normalisedGate - EPSILON;
  const t2 = normalisedThreshold(settings) - EPSILON;
  return (row: SearchText, leader: SearchText, fuzzyCap1: number, fuzzyCap2: number): boolean => {
    const r = row as RowState;
    const l = leader as RowState;
    const upper1 = cascade.upperBound(suite.side(r.simplifiedText, r.embeddingText), suite.side(l.simplifiedText, l.embeddingText), fuzzyCap1);
    if (upper1 >= t) return true;
    if (upper1 < gate) return false;
    return cascade.upperBound(suite.side(r.clusteringText, r.embeddingText), suite.side(l.clusteringText, l.embeddingText), fuzzyCap2) >= t2;
  };
}

async function findLeader(row: RowState, candidates: number[], leaders: RowState[], ctx: ClusterContext): Promise<number | null> {
  for (const leader of candidates) {
    const info = leaders[leader]!;
    if (outsideLengthTolerance(info.simplifiedLength, row.simplifiedLength, ctx.settings.lengthTolerance)) {
      ctx.counters.pairsSkippedByLength++;
      continue;
    }
    const comparison = new LeaderComparison(ctx, row, info);
    let verdict = comparison.advance();
    while (verdict === null) {
      await ctx.suite.provider!.embed(comparison.needs());
      verdict = comparison.advance();
    }
    if (verdict === 'accept') return leader;
  }
  return null;
}

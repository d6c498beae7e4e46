/**
 * Comparing a row with a leader (SPEC §8.2): the polarity guard, the length tolerance, stage 1 on simplified texts and,
 * from its middle band, stage 2 on clustering texts. Embeddings are computed only for pairs whose band the cheaper
 * signals cannot settle.
 */
import { EPSILON } from '../cascade/decide.ts';
import type { PairEvaluation } from '../cascade/evaluate.ts';
import { clusterThreshold, normalisedThreshold } from '../config/settings.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import { polarityKey } from '../normalise/polarity.ts';
import { embeddingInput } from '../signals/embeddings/index.ts';
import type { TermIds } from '../signals/sparse.ts';
import { codePointLength } from '../util/text.ts';
import { gramProfile } from './qgrams.ts';
import { outsideLengthTolerance, type AcceptanceBound, type FuzzyFloors, type SearchText } from './search.ts';
import type { ClusterContext } from './types.ts';

/** A row as the leader search and the comparison see it; a leader is the row that founded its cluster. */
export interface ClauseText extends SearchText {
  record: number;
  simplifiedText: string;
  clusteringText: string;
  embeddingText: string;
  polarity: string;
}

export function clauseText(record: ClauseRecord, index: number, simplifiedLength: number, gramIds: TermIds): ClauseText {
  return {
    record: index,
    simplifiedText: record.simplifiedText,
    clusteringText: record.clusteringText,
    embeddingText: embeddingInput(record.rawText),
    polarity: polarityKey(record.clusteringText),
    simplifiedLength,
    clusteringLength: codePointLength(record.clusteringText),
    simplified: gramProfile(record.simplifiedText, gramIds),
    clustering: gramProfile(record.clusteringText, gramIds),
  };
}

type Verdict = 'accept' | 'reject';

/** One row–leader comparison through stage 1 and, from the middle band, stage 2. */
class LeaderComparison {
  private stage: 1 | 2 = 1;
  private evaluation: PairEvaluation;

  constructor(
    private readonly ctx: ClusterContext,
    private readonly row: ClauseText,
    private readonly leader: ClauseText,
  ) {
    const { suite, settings, cascade } = ctx;
    this.evaluation = cascade.start(
      suite.side(row.simplifiedText, row.embeddingText),
      suite.side(leader.simplifiedText, leader.embeddingText),
      [settings.normalisedGate, clusterThreshold(settings)],
      'cluster.stage1',
      { cutViews: [cascade.floorViews, cascade.modeViews] },
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
        { cutViews: [cascade.floorViews] },
      );
    }
  }
}

/**
 * The first candidate leader (in the search's order) that the row may join, or null. Leaders whose polarity differs
 * from the row's are never joined; leaders outside the length tolerance are skipped, as SPEC §8.2 says.
 */
export async function findLeader(row: ClauseText, candidates: number[], leaders: readonly ClauseText[], ctx: ClusterContext): Promise<number | null> {
  for (const leader of candidates) {
    const info = leaders[leader]!;
    if (ctx.settings.grouping.polarityGuard && info.polarity !== row.polarity) {
      ctx.counters.pairsSkippedByPolarity++;
      continue;
    }
    if (outsideLengthTolerance(info.simplifiedLength, row.simplifiedLength, ctx.settings.lengthTolerance)) {
      ctx.counters.pairsSkippedByLength++;
      continue;
    }
    const comparison = new LeaderComparison(ctx, row, info);
    let verdict = comparison.advance();
    while (verdict === null) {
      await ctx.suite.ready(comparison.needs());
      verdict = comparison.advance();
    }
    if (verdict === 'accept') return leader;
  }
  return null;
}

/** The fuzzy values below which no stage can accept, for the leader index's q-gram rule. */
export function fuzzyFloors(ctx: ClusterContext): FuzzyFloors {
  return { stage1: ctx.cascade.leastFuzzyFor(clusterThreshold(ctx.settings)), stage2: ctx.cascade.leastFuzzyFor(normalisedThreshold(ctx.settings)) };
}

/**
 * The lossless policy's bound check, moved into the leader index: Σ wᵢ·boundᵢ (fuzzy capped by the q-gram lemma) is a
 * sound upper bound of the combined score, and acceptance needs S₁ ≥ t, or S₁ ≥ gate and S₂ ≥ the normalised
 * threshold. A leader that fails it is dropped unseen, exactly as the cascade would reject it before running any
 * signal. `full` is the baseline that evaluates every signal for every leader the SPEC's q-gram rule keeps; under
 * `seed` a high fuzzy alone accepts, so only that rule applies there too.
 */
export function acceptanceBound(ctx: ClusterContext): AcceptanceBound<ClauseText> {
  const { settings, suite, cascade } = ctx;
  const t = clusterThreshold(settings) - EPSILON;
  const gate = settings.normalisedGate - EPSILON;
  const t2 = normalisedThreshold(settings) - EPSILON;
  return (r: ClauseText, l: ClauseText, fuzzyCap1: number, fuzzyCap2: number): boolean => {
    const a1 = suite.side(r.simplifiedText, r.embeddingText);
    const b1 = suite.side(l.simplifiedText, l.embeddingText);
    if (cascade.upperBound(a1, b1, cascade.modeViews, fuzzyCap1) >= t) return true;
    if (cascade.upperBound(a1, b1, cascade.floorViews, fuzzyCap1) < gate) return false;
    const a2 = suite.side(r.clusteringText, r.embeddingText);
    const b2 = suite.side(l.clusteringText, l.embeddingText);
    return cascade.upperBound(a2, b2, cascade.floorViews, fuzzyCap2) >= t2;
  };
}

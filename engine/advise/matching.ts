/**
 * Reference matching (SPEC §9.4), shared by the library and conditions steps: a cheap fuzzy pre-screen to the top
 * K candidates, then the cascade. Under `lossless` a candidate is dropped once its upper bound cannot pass the floor
 * or beat the best exact score so far; the winner's score is always exact, so winner and percentage equal `full`.
 */
import type { Cascade, EvaluationRecord, PairEvaluation } from '../cascade/evaluate.ts';
import type { Settings } from '../config/settings.ts';
import type { PairContext } from '../cascade/types.ts';
import { fuzzyBound, fuzzyScore, prepareFuzzy } from '../signals/fuzzy.ts';
import type { Side, SignalSuite } from '../signals/suite.ts';

export interface Comparable {
  simplified: string;
  embeddingText: string;
}

export interface Match<T> {
  candidate: T;
  score: number;
}

export interface MatchContext {
  settings: Settings;
  suite: SignalSuite;
  cascade: Cascade;
}

/** Runs an evaluation to its end, embedding whatever it waits for. */
export async function resolve(evaluation: PairEvaluation, suite: SignalSuite): Promise<EvaluationRecord> {
  for (;;) {
    const record = evaluation.advance();
    if (record) return record;
    await suite.ready(evaluation.needs());
  }
}

interface Screened<T> {
  candidate: T;
  order: number;
  contained: boolean;
  fuzzy: number;
}

/** Contained candidates always stay; others need fuzzy ≥ prescreen.minFuzzy; best topK by (contained, fuzzy, order). */
export function prescreen<T extends Comparable>(query: string, candidates: readonly T[], ctx: MatchContext): Screened<T>[] {
  const { minFuzzy, topK } = ctx.settings.prescreen;
  const q = prepareFuzzy(query);
  const kept: Screened<T>[] = [];
  candidates.forEach((candidate, order) => {
    const contained = candidate.simplified.includes(query);
    const c = prepareFuzzy(candidate.simplified);
    // The length ratio bounds fuzzy from above, so most far-off lengths need no Levenshtein at all.
    if (!contained && fuzzyBound(q, c) < minFuzzy) return;
    const fuzzy = fuzzyScore(q, c);
    ctx.cascade.counters.signalEvaluations.fuzzy++;
    if (contained || fuzzy >= minFuzzy) kept.push({ candidate, order, contained, fuzzy });
  });
  kept.sort((a, b) => Number(b.contained) - Number(a.contained) || b.fuzzy - a.fuzzy || a.order - b.order);
  return kept.slice(0, topK);
}

export async function bestMatch<T extends Comparable>(
  query: Comparable,
  candidates: readonly T[],
  floor: { value: number; strict: boolean },
  context: PairContext,
  ctx: MatchContext,
): Promise<Match<T> | null> {
  const { suite, cascade, settings } = ctx;
  const querySide: Side = suite.side(query.simplified, query.embeddingText);
  let best: Match<T> | null = null;
  for (const screened of prescreen(query.simplified, candidates, ctx)) {
    const cut = settings.policy === 'lossless' && best ? Math.max(floor.value, best.score) : floor.value;
    const evaluation = cascade.start(querySide, suite.side(screened.candidate.simplified, screened.candidate.embeddingText), [cut], context, {
      exactUnlessRejected: true,
      known: { fuzzy: screened.fuzzy },
    });
    const record = await resolve(evaluation, suite);
    if (record.exit === 'lossless.reject') continue;
    const score = record.lower;
    const passes = floor.strict ? score > floor.value : score >= floor.value;
    if (passes && (best === null || score > best.score)) best = { candidate: screened.candidate, score };
  }
  return best;
}

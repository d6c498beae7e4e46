/**
 * The order in which rows meet the leaders (SPEC §8.1 step 1, changed: docs/decisions.md). A row that finds no leader
 * becomes one, so the order decides which copy of a clause leads its group and is compared with everything after it.
 *
 * `length` (the legacy order): longest simplified text first. A boilerplate label or a doubled letter makes a copy
 * longer, so the noisiest copy tended to lead. `frequency`: the most frequent clustering text first; within it the
 * most frequent simplified text, then the copy with the fewest rare words (a typo makes a word rare), then the
 * longest, then input order — the form most rows share, spelled as most rows spell it, leads.
 */
import type { GroupingOrder } from '../config/settings.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import { textCounts, tokenRowCounts } from '../normalise/spelling.ts';
import { finishSteps, forEachSteps, mapSteps, sortSteps, type Steps } from '../util/steps.ts';

/** A word in fewer rows than this is rare: typically a typo. */
const RARE_BELOW = 3;

/**
 * Record indices in walking order; `lengths` are simplified lengths in code points. In steps (util/steps.ts), so a
 * run of a million rows can be cancelled while it sorts.
 */
export function* walkOrderSteps(records: readonly ClauseRecord[], lengths: readonly number[], order: GroupingOrder): Steps<number[]> {
  const indices = records.map((_, i) => i);
  if (order === 'length') return yield* sortSteps(indices, (a, b) => lengths[b]! - lengths[a]! || a - b);
  const clustering = yield* textCounts(records.map((r) => r.clusteringText));
  const simplifiedTexts = records.map((r) => r.simplifiedText);
  const simplified = yield* textCounts(simplifiedTexts);
  const words = yield* tokenRowCounts(simplified);
  // Per distinct simplified text: rows repeat texts, and splitting a million texts costs more than the lookups.
  const rareWordsOf = new Map<string, number>();
  yield* forEachSteps(simplified.keys(), (text) => {
    rareWordsOf.set(text, text === '' ? 0 : text.split(' ').filter((w) => words.get(w)! < RARE_BELOW && !/\d/.test(w)).length);
  });
  const keys = yield* mapSteps(records, (r, i) => [clustering.get(r.clusteringText)!, simplified.get(r.simplifiedText)!, rareWordsOf.get(r.simplifiedText)!, lengths[i]!] as const);
  return yield* sortSteps(indices, (a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return kb[0] - ka[0] || kb[1] - ka[1] || ka[2] - kb[2] || kb[3] - ka[3] || a - b;
  });
}

/** The walking order in one go (a partition merge, which runs on a thread of its own). */
export function walkOrder(records: readonly ClauseRecord[], lengths: readonly number[], order: GroupingOrder): number[] {
  return finishSteps(walkOrderSteps(records, lengths, order));
}

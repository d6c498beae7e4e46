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

/** A word in fewer rows than this is rare: typically a typo. */
const RARE_BELOW = 3;

/** Record indices in walking order; `lengths` are simplified lengths in code points. */
export function walkOrder(records: readonly ClauseRecord[], lengths: readonly number[], order: GroupingOrder): number[] {
  const indices = records.map((_, i) => i);
  if (order === 'length') return indices.sort((a, b) => lengths[b]! - lengths[a]! || a - b);
  const clustering = textCounts(records.map((r) => r.clusteringText));
  const simplifiedTexts = records.map((r) => r.simplifiedText);
  const simplified = textCounts(simplifiedTexts);
  const words = tokenRowCounts(simplifiedTexts, simplified);
  // Per distinct simplified text: rows repeat texts, and splitting a million texts costs more than the lookups.
  const rareWordsOf = new Map<string, number>();
  for (const text of simplified.keys()) {
    rareWordsOf.set(text, text === '' ? 0 : text.split(' ').filter((w) => words.get(w)! < RARE_BELOW && !/\d/.test(w)).length);
  }
  const keys = records.map((r, i) => [clustering.get(r.clusteringText)!, simplified.get(r.simplifiedText)!, rareWordsOf.get(r.simplifiedText)!, lengths[i]!] as const);
  return indices.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return kb[0] - ka[0] || kb[1] - ka[1] || ka[2] - kb[2] || kb[3] - ka[3] || a - b;
  });
}

/**
 * Dutch Snowball stems (SPEC §6.3), from the npm package snowball-stemmers. Stemming is the costly part of per-text
 * preparation and vocabularies repeat heavily, so stems are memoised.
 */

import snowball from 'snowball-stemmers';
import { isPlaceholder } from './clustering.ts';

const dutch = snowball.newStemmer('dutch');

/** Bounds memory on unusual inputs; a realistic run's vocabulary stays far below this. */
const MAX_CACHED_STEMS = 500_000;
const cache = new Map<string, string>();

/** Dutch Snowball stem of one token; placeholders such as `[BEDRAG]` are returned unchanged. */
export function stem(token: string): string {
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const result: string = isPlaceholder(token) ? token : dutch.stem(token);
  if (cache.size >= MAX_CACHED_STEMS) cache.clear();
  cache.set(token, result);
  return result;
}

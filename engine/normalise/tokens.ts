/**
 * Tokens of a simplified (§5.1) or clustering (§5.2) text. Both forms are single-space separated and trimmed, so a
 * token is what lies between spaces; a placeholder such as `[BEDRAG]` is one token.
 */

import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';

export function tokens(text: string): string[] {
  return text === '' ? [] : text.split(' ').filter((token) => token !== '');
}

/** §6.3: tokens minus the Dutch stop-words, each replaced by its Snowball stem (the stemmed and TF-IDF signals). */
export function stemmedTokens(text: string): string[] {
  const result: string[] = [];
  for (const token of tokens(text)) {
    if (!isStopword(token)) result.push(stem(token));
  }
  return result;
}

/** §6.3: the stem string the stemmed-fuzzy signal compares, stems joined by single spaces. */
export function stemString(text: string): string {
  return stemmedTokens(text).join(' ');
}

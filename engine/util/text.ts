/** Text conventions of SPEC §2, shared by every stage. */

/** Word character W = [\p{L}\p{M}\p{N}_]; JavaScript's \b is ASCII-only and must not be used. */
export const WORD_CLASS = '[\\p{L}\\p{M}\\p{N}_]';
export const START_BOUNDARY = `(?<!${WORD_CLASS})`;
export const END_BOUNDARY = `(?!${WORD_CLASS})`;

const FORMAT_CHARS = /\p{Cf}/gu;
const WHITESPACE_RUN = /[\p{White_Space}]+/gu;

/** Length in Unicode code points, never UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Format characters (category Cf: U+FEFF, U+200B, U+00AD, …) are deleted, not turned into spaces. */
export function deleteFormatChars(text: string): string {
  return text.replace(FORMAT_CHARS, '');
}

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

export function trimUnicode(text: string): string {
  return text.replace(/^[\p{White_Space}]+|[\p{White_Space}]+$/gu, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keyword match of SPEC §2: the (lower-cased) keyword must start at a start boundary; keywords of 3 characters or
 * fewer must also end at an end boundary.
 */
export function keywordPattern(keyword: string): RegExp {
  const tail = codePointLength(keyword) <= 3 ? END_BOUNDARY : '';
  return new RegExp(`${START_BOUNDARY}${escapeRegExp(keyword)}${tail}`, 'u');
}

const keywordCache = new Map<string, RegExp>();
export function matchesKeyword(lowerText: string, keyword: string): boolean {
  // The pattern holds the keyword literally, so a text without it cannot match; most texts lack most keywords, and a
  // substring search is far cheaper than the boundary regex.
  if (!lowerText.includes(keyword)) return false;
  let pattern = keywordCache.get(keyword);
  if (!pattern) {
    pattern = keywordPattern(keyword);
    keywordCache.set(keyword, pattern);
  }
  return pattern.test(lowerText);
}

/** `{p}` in Dutch texts: Math.trunc(score × 100). */
export function percent(score: number): number {
  return Math.trunc(score * 100);
}

/**
 * Simplified text (SPEC §5.1): the form used by the fuzzy signals, the caches, library and conditions matching and
 * keyword rules.
 */

const FORMAT_CHARS = /\p{Cf}/gu;
/** Everything that is neither a word character W = [\p{L}\p{M}\p{N}_] nor Unicode White_Space. */
const NON_WORD_NON_SPACE = /[^\p{L}\p{M}\p{N}_\p{White_Space}]/gu;
const WHITESPACE_RUN = /\p{White_Space}+/gu;
/** Fast path: plain ASCII letters, digits and single spaces need no normalisation beyond lower-casing. */
const PLAIN_ASCII = /^[a-z0-9_]+(?: [a-z0-9_]+)*$/;

/**
 * Code points that NFKC leaves alone in any context and that are not format characters: ASCII, the precomposed
 * Latin-1 letters (and × ÷), `€`, curly quotes and dashes. Texts made of these alone skip the costly normalisation.
 */
const NFKC_STABLE = /^[\x00-\x7E\u00C0-\u00FF\u20AC\u2018\u2019\u201C\u201D\u2013\u2014]*$/;

/** §5.1 step 1: Unicode NFKC, then delete format characters (Cf). */
export function normaliseUnicode(text: string): string {
  if (NFKC_STABLE.test(text)) return text;
  return text.normalize('NFKC').replace(FORMAT_CHARS, '');
}

/**
 * §5.1 steps 2–4 on text that is already NFKC with format characters deleted: lower-case, delete every code point
 * that is neither a word character nor whitespace (punctuation and symbols disappear, digit groups fuse), collapse
 * whitespace and trim.
 */
export function simplifyNormalised(text: string): string {
  const lower = text.toLowerCase();
  if (PLAIN_ASCII.test(lower)) return lower;
  return lower.replace(NON_WORD_NON_SPACE, '').replace(WHITESPACE_RUN, ' ').trim();
}

/** §5.1: `Eigen risico € 2.500,- per schade` → `eigen risico 2500 per schade`. */
export function simplify(text: string): string {
  return simplifyNormalised(normaliseUnicode(text));
}

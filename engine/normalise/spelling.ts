/**
 * Spelling against the workbook's own vocabulary. A clause copied thousands of times is typed right most of the time,
 * so a rare word one typing error away from a common word (`monumentenwett`, `lpaats`, `eiigen`) is read as that
 * word: the copies then share one clustering text and meet in the normalised cache instead of each founding a
 * cluster of its own.
 *
 * A token is corrected only when all of these hold: it is made of letters and at least MIN_LENGTH long; a token at
 * Damerau (optimal string alignment) distance exactly 1 is at least MIN_SUPPORT times as frequent and occurs at
 * least MIN_COUNT times; among several such tokens the most frequent wins (ties: the smaller in code-unit order). A
 * distance of 2 is never bridged, so `inclusief`/`exclusief` and `verzekerd`/`onverzekerd` stay apart. A negation
 * (polarity.ts) is never corrected away, and a word is read as a negation only when no other word qualifies, so
 * `diet` is read as `dient`, not as `niet`.
 */
import { isPolarityMarker } from './polarity.ts';
import { STEP_ITEMS, type Steps } from '../util/steps.ts';

const MIN_LENGTH = 4;
const MIN_COUNT = 3;
const MIN_SUPPORT = 4;
const LETTERS_ONLY = /^\p{L}+$/u;

/** Every string one deletion away from `token` (code units; the vocabulary is letters, mostly Latin). */
function deletionForms(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/** True when `a` and `b` are one insertion, deletion, substitution or adjacent transposition apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The order among qualifying words: not a negation first, then the more frequent, then the smaller. */
function preferred(candidate: string, count: number, best: string, bestCount: number): boolean {
  const negation = isPolarityMarker(candidate);
  if (negation !== isPolarityMarker(best)) return !negation;
  return count > bestCount || (count === bestCount && candidate < best);
}

/**
 * Token → the token it is read as, for the tokens that the rules above correct. `counts` holds how many rows contain
 * each token. In steps (util/steps.ts): a workbook's vocabulary runs to hundreds of thousands of tokens.
 */
export function* spellingCorrections(counts: ReadonlyMap<string, number>): Steps<Map<string, string>> {
  let visited = 0;
  const eligible = (token: string) => token.length >= MIN_LENGTH && LETTERS_ONLY.test(token);
  // Tokens that may be corrected TO, indexed by themselves and by each of their one-deletion forms.
  const byForm = new Map<string, string[]>();
  for (const [token, count] of counts) {
    if (count < MIN_COUNT || !eligible(token)) continue;
    for (const form of [token, ...deletionForms(token)]) {
      const list = byForm.get(form);
      if (list) list.push(token);
      else byForm.set(form, [token]);
    }
    if (++visited % STEP_ITEMS === 0) yield;
  }
  const corrections = new Map<string, string>();
  for (const [token, count] of counts) {
    if (++visited % STEP_ITEMS === 0) yield;
    if (!eligible(token) || isPolarityMarker(token)) continue;
    const needed = Math.max(MIN_COUNT, MIN_SUPPORT * count);
    let best: string | null = null;
    let bestCount = 0;
    for (const form of [token, ...deletionForms(token)]) {
      for (const candidate of byForm.get(form) ?? []) {
        const candidateCount = counts.get(candidate)!;
        if (candidateCount < needed || !withinOneEdit(token, candidate)) continue;
        if (best === null || preferred(candidate, candidateCount, best, bestCount)) {
          best = candidate;
          bestCount = candidateCount;
        }
      }
    }
    if (best !== null) corrections.set(token, best);
  }
  return corrections;
}

/** The corrections read from a workbook's simplified texts, one per row. */
export function* workbookCorrections(simplifiedTexts: Iterable<string>): Steps<Map<string, string>> {
  return yield* spellingCorrections(yield* tokenRowCounts(yield* textCounts(simplifiedTexts)));
}

const LETTER_RUN = /\p{L}+/gu;

/**
 * A raw text with its corrected words replaced, each written in the case of the word it replaces (`EIIGEN` →
 * `EIGEN`, `Eiigen` → `Eigen`), so that the placeholder rules of the clustering text see `euro`, `procent` and month
 * names even where the text had a typo in them.
 */
export function correctWords(raw: string, corrections: ReadonlyMap<string, string>): string {
  if (corrections.size === 0) return raw;
  return raw.replace(LETTER_RUN, (word) => {
    const corrected = corrections.get(word.toLowerCase());
    if (corrected === undefined) return word;
    if (word === word.toUpperCase() && word.length > 1) return corrected.toUpperCase();
    if (word[0] !== word[0]!.toLowerCase()) return corrected[0]!.toUpperCase() + corrected.slice(1);
    return corrected;
  });
}

/** How many times each text occurs, in order of first occurrence; in steps, one per row. */
export function* textCounts(texts: Iterable<string>): Steps<Map<string, number>> {
  const counts = new Map<string, number>();
  let visited = 0;
  for (const text of texts) {
    counts.set(text, (counts.get(text) ?? 0) + 1);
    if (++visited % STEP_ITEMS === 0) yield;
  }
  return counts;
}

/**
 * How many rows contain each token (a token counts once per text), from how many rows hold each text (`textCounts`):
 * exports repeat texts, so each distinct text is split once and counts for all its rows.
 */
export function* tokenRowCounts(counted: ReadonlyMap<string, number>): Steps<Map<string, number>> {
  const counts = new Map<string, number>();
  let visited = 0;
  for (const [text, rows] of counted) {
    if (++visited % STEP_ITEMS === 0) yield;
    if (text === '') continue;
    for (const token of new Set(text.split(' '))) counts.set(token, (counts.get(token) ?? 0) + rows);
  }
  return counts;
}

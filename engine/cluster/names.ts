/**
 * Cluster names (SPEC §8.4), built from the leader's raw text: a product code and a theme when there is one, the
 * leader's key terms (with `clusterNames = keyTerms`), otherwise its first words.
 */

import { END_BOUNDARY, START_BOUNDARY, trimUnicode } from '../util/text.ts';

export const UNKNOWN_NAME = 'Onbekend';
const MAX_NAME_LENGTH = 50;

export interface ClusterNameOptions {
  /**
   * Key-terms mode (§8.4 step 4): returns the leader's (up to) 3 tokens with the highest TF-IDF weight, at least 4
   * characters and no stop-words, in text order. Absent: names fall back to the leader's first words.
   */
  keyTerms?: (text: string) => string[];
}

/** `{B}[A-Z0-9]{3,4}{E}`, case-sensitive. */
const CODE_CANDIDATE = new RegExp(`${START_BOUNDARY}[A-Z0-9]{3,4}${END_BOUNDARY}`, 'gu');
const CAPITAL = /[A-Z]/;
const DIGIT = /[0-9]/;
const LETTER = /\p{L}/gu;
const UPPER_CASE_LETTER = /\p{Lu}/gu;

/** In table order: the first keyword found in the lower-cased text gives the theme. */
const THEMES: ReadonlyArray<{ keyword: string; theme: (lower: string) => string }> = [
  { keyword: 'terrorisme', theme: () => 'Terrorisme Clausule' },
  { keyword: 'sanctie', theme: () => 'Sanctiewetgeving' },
  { keyword: 'brandregres', theme: () => 'Brandregres' },
  { keyword: 'molest', theme: () => 'Molest Dekking' },
  { keyword: 'verzekerde hoedanigheid', theme: () => 'Doelgroepomschrijving' },
  { keyword: 'eigen risico', theme: () => 'Eigen Risico Bepaling' },
  { keyword: 'buitenland', theme: () => 'Buitenland Dekking' },
  {
    keyword: 'premie',
    theme: (lower) => (lower.includes('naverrekening') ? 'Premie Naverrekening' : 'Premie Bepaling'),
  },
  { keyword: 'rangorde', theme: () => 'Rangorde Bepaling' },
];

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
}

/**
 * §8.4 step 2: the first token of 3–4 capitals/digits that contains a capital and is not `EUR`; in a text where more
 * than half of the letters are capitals (shouting), the token must also contain a digit.
 */
export function productCode(text: string): string {
  const mostlyCapitals = 2 * countMatches(text, UPPER_CASE_LETTER) > countMatches(text, LETTER);
  CODE_CANDIDATE.lastIndex = 0;
  for (let match = CODE_CANDIDATE.exec(text); match; match = CODE_CANDIDATE.exec(text)) {
    const token = match[0];
    if (token === 'EUR' || !CAPITAL.test(token)) continue;
    if (mostlyCapitals && !DIGIT.test(token)) continue;
    return token;
  }
  return '';
}

function theme(lower: string): string | undefined {
  for (const entry of THEMES) if (lower.includes(entry.keyword)) return entry.theme(lower);
  return undefined;
}

function capitalise(term: string): string {
  const first = term.codePointAt(0);
  if (first === undefined) return term;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + term.slice(head.length);
}

/** The code occurs as a whole token in one of the words (a word such as `NHT:` counts). */
function containsCode(words: string[], code: string): boolean {
  const pattern = new RegExp(`${START_BOUNDARY}${code}${END_BOUNDARY}`, 'u');
  return words.some((word) => pattern.test(word));
}

function withCode(code: string, words: string[]): string[] {
  return code === '' || containsCode(words, code) ? words : [code, ...words];
}

/** Names longer than 50 code points become the first 47 and `...`. */
function limit(name: string): string {
  const points = [...name];
  return points.length > MAX_NAME_LENGTH ? `${points.slice(0, MAX_NAME_LENGTH - 3).join('')}...` : name;
}

/** §8.4 step 5: over 50 code points → cut to 50, then back to the last space if there is one. */
function cutAtSpace(name: string): string {
  const points = [...name];
  if (points.length <= MAX_NAME_LENGTH) return name;
  const cut = points.slice(0, MAX_NAME_LENGTH).join('');
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut;
}

/**
 * §8.4: `Terrorismeclausule NHT: …` → `NHT Terrorisme Clausule`; `VB1 # Als medeverzekerde is aangetekend …` →
 * `VB1 # Als medeverzekerde is`.
 */
export function clusterName(leaderRaw: string, options: ClusterNameOptions = {}): string {
  const text = trimUnicode(leaderRaw);
  if (text === '') return UNKNOWN_NAME;

  const code = productCode(text);
  const themed = theme(text.toLowerCase());
  if (themed !== undefined) return limit(`${code} ${themed}`.trim());

  if (options.keyTerms) {
    const terms = options.keyTerms(text).filter((term) => term !== '');
    if (terms.length > 0) {
      const isCode = (term: string): boolean => code !== '' && term.toLowerCase() === code.toLowerCase();
      const words = terms.map((term) => (isCode(term) ? code : capitalise(term)));
      return limit(withCode(code, words).join(' '));
    }
  }

  const words = text.split(/\p{White_Space}+/u).slice(0, 5);
  return cutAtSpace(withCode(code, words).join(' '));
}

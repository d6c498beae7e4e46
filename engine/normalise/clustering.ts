/**
 * Clustering text (SPEC §5.2): variable parts of a raw clause (amounts, dates, addresses, numbers) are hidden behind
 * upper-case placeholders so that copies differing only in those parts compare as equal.
 *
 * The rules run on the raw text (after NFKC and deleting format characters) while `€`, `%`, date separators and `@`
 * are still present. The text is held as a list of parts: raw stretches and inserted placeholders. A rule only ever
 * searches raw stretches, so later rules never match inside a placeholder. A match is replaced by ` [TOKEN] `: the
 * raw text on either side keeps a space next to the placeholder, exactly as a plain string substitution would, so
 * boundaries and look-arounds see the same context.
 */

import { END_BOUNDARY, START_BOUNDARY, WORD_CLASS as W } from '../util/text.ts';
import { normaliseUnicode, simplifyNormalised } from './simplify.ts';

export const PLACEHOLDERS = [
  '[EMAIL]',
  '[POLISNR]',
  '[TELEFOON]',
  '[DATUM]',
  '[BEDRAG]',
  '[PERCENTAGE]',
  '[POSTCODE]',
  '[ITEMNR]',
  '[HUISNR]',
  '[REFNR]',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** A token of a clustering text that stands for a hidden variable part; never stemmed, dropped or mapped. */
export function isPlaceholder(token: string): boolean {
  return token.charCodeAt(0) === 0x5b /* [ */ && PLACEHOLDER_SET.has(token);
}

// ---- Macros of §5.2, substituted before compiling ----

const MACROS: Record<string, string> = {
  B: START_BOUNDARY,
  E: END_BOUNDARY,
  NUM: '(?:\\d{1,3}(?:\\.\\d{3})+|\\d+)(?:,(?:\\d{1,2}|-))?',
  DAY: '(?:0?[1-9]|[12]\\d|3[01])',
  MON: '(?:0?[1-9]|1[0-2])',
  MONTH: '(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)',
};

function expand(pattern: string): string {
  return pattern.replace(/\{(B|E|NUM|DAY|MON|MONTH)\}/g, (_, name: string) => MACROS[name]!);
}

/** One rule: its alternatives are joined into one pattern so that a rule finds its matches left to right. */
function rule(alternatives: string[], caseInsensitive = true): RegExp {
  return new RegExp(alternatives.map(expand).join('|'), caseInsensitive ? 'giu' : 'gu');
}

/** ASCII word written case-insensitively, for the one rule compiled without the `i` flag. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c}${c.toUpperCase()}]`).join('');
}

const STREET_SUFFIXES = [
  'straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dijk',
  'dreef', 'steeg', 'pad', 'hof', 'markt', 'park', 'plantsoen', 'ring',
];

/**
 * R9 needs `\p{Lu}` for "starts with a capital", and `\p{Lu}` under the `iu` flags matches lower-case letters too;
 * so R9 is compiled case-sensitively with its case-insensitive parts spelled out.
 */
const HOUSE_NUMBER = '\\d{1,5}(?:[-/]\\d{1,4})?(?:\\s?[a-zA-Z])?{E}';
const R9 = rule(
  [
    // Both conditions put whitespace right before the number, which implies its start boundary; testing for a digit
    // and that whitespace first keeps the look-behinds off most positions.
    `(?=\\d)(?<=\\s)(?:${[
      // (a) the word before it (whitespace only in between) ends in a street suffix
      `(?<=(?:${STREET_SUFFIXES.map(anyCase).join('|')})\\s+)${HOUSE_NUMBER}`,
      // (b) the word before it starts with a capital, and the number is followed by `te` and a capitalised word
      `(?<=(?<!${W})\\p{Lu}${W}*\\s+)${HOUSE_NUMBER}(?=\\s+${anyCase('te')}\\s+\\p{Lu})`,
    ].join('|')})`,
  ],
  false,
);

interface ClusteringRule {
  token: Placeholder;
  pattern: RegExp;
  /** A character every match contains: stretches without it are skipped (the e-mail pattern is slow to fail). */
  requires?: string;
}

/** R1–R10 of §5.2, in order. */
export const CLUSTERING_RULES: ReadonlyArray<ClusteringRule> = [
  {
    token: '[EMAIL]',
    pattern: rule(['[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}']),
    requires: '@',
  },
  { token: '[POLISNR]', pattern: rule(['{B}(?:dl|ren|pol|polis)-?\\d{5,10}[a-z]?{E}']) },
  { token: '[TELEFOON]', pattern: rule(['(?:(?<![\\p{N}+])\\+31|{B}0031|{B}0)(?:[ -]?\\d){9}{E}']) },
  {
    token: '[DATUM]',
    pattern: rule([
      // The back-reference \1 is the separator group of the first alternative, the only capturing group here.
      '{B}{DAY}([-/]){MON}\\1(?:\\d{4}|\\d{2}){E}',
      '{B}{DAY}\\.{MON}\\.\\d{4}{E}',
      '{B}\\d{4}-{MON}-{DAY}{E}',
      '{B}{DAY}\\s+{MONTH}\\s+\\d{4}{E}',
    ]),
  },
  {
    token: '[BEDRAG]',
    pattern: rule([
      '(?:€|{B}(?:eur|euro){E})\\s*{NUM}(?:\\s*(?:miljoen|mln|duizend))?(?!\\d)',
      '{B}{NUM}(?:\\s*(?:miljoen|mln|duizend))?\\s*(?:€|(?:eur|euro){E})',
    ]),
  },
  { token: '[PERCENTAGE]', pattern: rule(['{B}\\d{1,3}(?:[.,]\\d+)?\\s*(?:%|procent{E})']) },
  { token: '[POSTCODE]', pattern: rule(['{B}[1-9]\\d{3} ?[A-Z]{2}{E}'], false) },
  { token: '[ITEMNR]', pattern: rule(['{B}(?:nr|item|nummer|pos)\\.?\\s*\\d+{E}']) },
  { token: '[HUISNR]', pattern: R9 },
  { token: '[REFNR]', pattern: rule(['{B}\\d{5,}{E}']) },
];

/** Every rule needs at least one digit or `@` to match; texts without either skip the rules entirely. */
const MAY_MATCH = /[\d@]/;

/** A part is either a raw stretch (string) or an inserted placeholder. */
type Part = string | { token: Placeholder };

function applyRule(parts: Part[], { token, pattern, requires }: ClusteringRule): Part[] {
  let out: Part[] | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part !== 'string') {
      out?.push(part);
      continue;
    }
    let match: RegExpExecArray | null = null;
    if (requires === undefined || part.includes(requires)) {
      pattern.lastIndex = 0;
      match = pattern.exec(part);
    }
    if (!match) {
      out?.push(part);
      continue;
    }
    out ??= parts.slice(0, i);
    // Each match becomes ` [TOKEN] `: the stretches on either side keep the spaces next to the placeholder.
    let from = 0;
    let lead = '';
    while (match) {
      out.push(`${lead}${part.slice(from, match.index)} `, { token });
      lead = ' ';
      from = match.index + match[0].length;
      if (match[0].length === 0) pattern.lastIndex++; // defensive; no rule matches the empty string
      match = pattern.exec(part);
    }
    out.push(`${lead}${part.slice(from)}`);
  }
  return out ?? parts;
}

const BEDRAG_RUN = /\[BEDRAG\](?: \[BEDRAG\])+/g;
const DATUM_RUN = /\[DATUM\](?: \[DATUM\])+/g;

/**
 * §5.2: `Eigen risico € 2.500,- per schade` → `eigen risico [BEDRAG] per schade`;
 * `Hoofdstraat 12 te Amsterdam, 1234 AB Amsterdam` → `hoofdstraat [HUISNR] te amsterdam [POSTCODE] amsterdam`.
 */
export function clusteringText(raw: string): string {
  const text = normaliseUnicode(raw);
  if (!MAY_MATCH.test(text)) return simplifyNormalised(text);

  let parts: Part[] = [text];
  for (const clusteringRule of CLUSTERING_RULES) parts = applyRule(parts, clusteringRule);
  if (parts.length === 1) return simplifyNormalised(text);

  const words: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      words.push(part.token);
      continue;
    }
    const simple = simplifyNormalised(part);
    if (simple !== '') words.push(simple);
  }
  let joined = words.join(' ');
  if (joined.includes('[BEDRAG] [BEDRAG]')) joined = joined.replace(BEDRAG_RUN, '[BEDRAG]');
  if (joined.includes('[DATUM] [DATUM]')) joined = joined.replace(DATUM_RUN, '[DATUM]');
  return joined;
}

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

import { END_BOUNDARY, START_BOUNDARY } from '../util/text.ts';
import { normaliseUnicode, simplifyNormalised } from './simplify.ts';
import { DUTCH_STOPWORDS } from './stopwords.ts';

export const PLACEHOLDERS = [
  '[EMAIL]',
  '[POLISNR]',
  '[TELEFOON]',
  '[DATUM]',
  '[BEDRAG]',
  '[PERCENTAGE]',
  '[POSTCODE]',
  '[ITEMNR]',
  '[ADRES]',
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
  MON_ABBR: '(?:jan|feb|febr|mrt|apr|mei|jun|jul|aug|sep|sept|okt|nov|dec)',
};

function expand(pattern: string): string {
  return pattern.replace(/\{(B|E|NUM|DAY|MON|MONTH|MON_ABBR)\}/g, (_, name: string) => MACROS[name]!);
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
/** Lower-case words that join the capitalised words of a street or city name (`Pastoor van Arsstraat`, `Bergen op Zoom`). */
const NAME_PARTICLES = ['van', 'de', 'der', 'den', 'het', "'t", 'op', 'aan', 'in', 'bij', 'ter', 'ten'];

const CAPITALISED_WORD = `\\p{Lu}[\\p{L}'.-]*`;
const PARTICLE = `(?:${NAME_PARTICLES.join('|')})`;
/** Capitalised words before the street word, with particles between them; never a lone particle. */
const NAME_HEAD = `(?:${CAPITALISED_WORD}\\s+(?:${PARTICLE}\\s+)*)*`;
const STREET_WORD = `[\\p{L}'-]*(?:${STREET_SUFFIXES.map(anyCase).join('|')})`;
const HOUSE_NUMBER = `\\d{1,5}(?:[-/]\\d{1,4})?(?:\\s?[a-zA-Z](?![\\p{L}\\p{N}]))?(?:\\s+${anyCase('bis')})?(?![\\p{L}\\p{N}])`;
/** A city: one capitalised word, `Den Haag`-style with an article, or two joined by a particle (`Bergen op Zoom`). */
const CITY = `(?:'s-)?(?:(?:[Dd]en|DEN|[Dd]e|DE|Sint|SINT)\\s+)?\\p{Lu}[\\p{L}'-]*(?:\\s+${PARTICLE}\\s+\\p{Lu}[\\p{L}'-]*)?(?![\\p{L}\\p{N}])`;
/**
 * In a text written in capitals, which is read in lower case (`shouted`), a city is any word after a postcode that is
 * not a stop-word: capitals no longer tell a name.
 */
const SHOUTED_CITY = `(?!(?:${[...DUTCH_STOPWORDS].join('|')})(?![\\p{L}\\p{N}]))[\\p{L}'-]+(?![\\p{L}\\p{N}])`;
const POSTCODE = '[1-9]\\d{3} ?[A-Z]{2}(?![\\p{L}\\p{N}])';

/**
 * R9 (address): street name, house number and whatever place follows (`Pastoor van Arsstraat 15 te 9157 SN Zeist`,
 * `Kerkweg 1, Assen`, `Dorp 12 te Utrecht`) become one placeholder, so two clauses that differ only in the address
 * are the same clause. A street is a word ending in a street suffix, or any capitalised word when `te` and a
 * capitalised city follow the number. What may follow the number: `te`, a comma or a bracket, then a postcode and/or
 * a city. Compiled case-sensitively (`\p{Lu}` under the `i` flag matches lower case too), with its case-insensitive
 * parts spelled out.
 */
function addressRule(city: string): RegExp {
  const tail = `(?:(?:\\s*,\\s*|\\s+${anyCase('te')}\\s+|\\s*\\(\\s*)(?:${POSTCODE}(?:\\s+${city})?|${city})\\)?)?`;
  return rule(
    [
      `${START_BOUNDARY}${NAME_HEAD}${STREET_WORD}\\s+${HOUSE_NUMBER}${tail}`,
      `${START_BOUNDARY}${NAME_HEAD}\\p{Lu}[\\p{L}'-]*\\s+${HOUSE_NUMBER}\\s+${anyCase('te')}\\s+${city}`,
    ],
    false,
  );
}

interface ClusteringRule {
  token: Placeholder;
  pattern: RegExp;
  /** A character every match contains: stretches without it are skipped (the e-mail pattern is slow to fail). */
  requires?: string;
}

/** R1–R10 of §5.2, in order; R9 and R7 read a city as `city` says. */
function clusteringRules(city: string): ReadonlyArray<ClusteringRule> {
  return [
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
      '{B}(?:{DAY}\\s+)?{MONTH}\\s+\\d{4}{E}',
      '{B}{DAY}\\s+{MON_ABBR}\\.?\\s+\\d{4}{E}',
    ]),
  },
  {
    token: '[BEDRAG]',
    pattern: rule([
      '(?:€|{B}(?:eur|euro)(?:{E}|(?=\\d)))\\s*{NUM}(?:\\s*(?:miljoen|mln|duizend))?(?!\\d)',
      '{B}{NUM}(?:\\s*(?:miljoen|mln|duizend))?\\s*(?:€|(?:eur|euro){E})',
    ]),
  },
  { token: '[PERCENTAGE]', pattern: rule(['{B}\\d{1,3}(?:[.,]\\d+)?\\s*(?:%|procent{E})']) },
  { token: '[ADRES]', pattern: addressRule(city) },
  { token: '[POSTCODE]', pattern: rule([`{B}${POSTCODE}(?:\\s+${city})?`], false) },
  { token: '[ITEMNR]', pattern: rule(['{B}(?:nr|item|nummer|pos)\\.?\\s*\\d+{E}']) },
  { token: '[REFNR]', pattern: rule(['{B}(?:\\d{2,4}[/-])?\\d{5,}{E}']) },
  ];
}

const RULES = clusteringRules(CITY);
const SHOUTED_RULES = clusteringRules(SHOUTED_CITY);

/** At least this many letters, nearly all capitals: a text written in capitals. */
const SHOUTING_LETTERS = 12;
const SHOUTING_SHARE = 0.9;
const LOWER_POSTCODE = /(?<![\p{L}\p{N}])([1-9]\d{3} ?)([a-z]{2})(?![\p{L}\p{N}])/gu;

function isShouted(text: string): boolean {
  let letters = 0;
  let capitals = 0;
  for (const ch of text) {
    if (ch.toLowerCase() === ch.toUpperCase()) continue;
    letters++;
    if (ch !== ch.toLowerCase()) capitals++;
  }
  return letters >= SHOUTING_LETTERS && capitals >= SHOUTING_SHARE * letters;
}

/** A shouted text in lower case but for its postcodes, whose capitals R7 needs. */
function unshout(text: string): string {
  return text.toLowerCase().replace(LOWER_POSTCODE, (_, digits: string, letters: string) => digits + letters.toUpperCase());
}

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
 * `Hoofdstraat 12 te Amsterdam, 1234 AB Amsterdam` → `[ADRES] [POSTCODE]`.
 */
export function clusteringText(raw: string): string {
  const normalised = normaliseUnicode(raw);
  if (!MAY_MATCH.test(normalised)) return simplifyNormalised(normalised);
  const shouted = isShouted(normalised);
  const text = shouted ? unshout(normalised) : normalised;

  let parts: Part[] = [text];
  for (const clusteringRule of shouted ? SHOUTED_RULES : RULES) parts = applyRule(parts, clusteringRule);
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

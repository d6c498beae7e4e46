/**
 * Synonym groups (SPEC Appendix A) and the content-term set of the synonyms signal (SPEC §6.5).
 */

import { simplify } from './simplify.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { tokens } from './tokens.ts';

/** Appendix A verbatim, in table order: [canonical term, other terms]. Terms are simplified before use. */
export const SYNONYM_TABLE: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'voertuig',
    ['auto', 'personenauto', 'wagen', 'motorvoertuig', 'voertuigen', "auto's", 'motorrijtuig', 'personenwagen'],
  ],
  ['woning', ['huis', 'pand', 'woonhuis', 'gebouw', 'woningen', 'huizen', 'opstal', 'woongebouw']],
  ['verzekerd', ['gedekt', 'meeverzekerd', 'verzekerde', 'gedekte', 'verzekerden', 'gedekten', 'covered']],
  ['verzekering', ['dekking', 'polis', 'verzekeringsovereenkomst', 'contract', 'polisvoorwaarden']],
  ['schade', ['beschadiging', 'letsel', 'verlies', 'schades', 'beschadigingen', 'averij', 'damage']],
  ['eigen risico', ['franchise', 'eigenrisico', 'eigen-risico', 'drempel', 'excess']],
  ['premie', ['kosten', 'bijdrage', 'verzekeringspremie', 'premies', 'jaarpremie', 'maandpremie']],
  ['brand', ['brandschade', 'vuur', 'vlam', 'ontbranding', 'brandgevaar', 'brandstichting']],
  ['diefstal', ['inbraak', 'roof', 'beroving', 'ontvreemding', 'stelen', 'gestolen', 'diefstalschade']],
  ['water', ['waterschade', 'lekkage', 'overstroming', 'vloed', 'neerslag', 'regen']],
  ['storm', ['stormschade', 'windschade', 'hagel', 'hagelschade', 'orkaan', 'noodweer']],
  [
    'aansprakelijk',
    ['aansprakelijkheid', 'verantwoordelijk', 'liability', 'wettelijke aansprakelijkheid', 'wettelijk aansprakelijk'],
  ],
  ['vergoeding', ['uitkering', 'betaling', 'compensatie', 'schadeloosstelling', 'tegemoetkoming', 'vergoedingen']],
  ['inboedel', ['huisraad', 'inventaris', 'roerende zaken', 'meubels', 'huishoudelijke artikelen', 'stoffering']],
  ['opstal', ['gebouw', 'onroerend goed', 'bouwwerk', 'constructie', 'bebouwing']],
  ['herbouwwaarde', ['nieuwwaarde', 'vervangingswaarde', 'nieuwbouwwaarde', 'bouwkosten']],
  ['dagwaarde', ['actuele waarde', 'marktwaarde', 'huidige waarde', 'werkelijke waarde']],
  ['clausule', ['bepaling', 'voorwaarde', 'artikel', 'clausules', 'bepalingen', 'beding']],
  ['uitsluiting', ['uitgesloten', 'niet gedekt', 'exclusie', 'uitsluitingen', 'niet verzekerd']],
  ['molest', ['terrorisme', 'oorlog', 'oproer', 'binnenlandse onlusten', 'gewapend conflict']],
  ['fraude', ['misleiding', 'bedrog', 'oplichting', 'valse voorstelling', 'verzekeringsfraude']],
  ['evacuatie', ['ontruiming', 'gedwongen verhuizing', 'noodgedwongen vertrek', 'verlaten']],
  ['verblijf', ['wonen', 'bewoning', 'huisvesting', 'onderdak', 'tijdelijk verblijf']],
  ['taxatie', ['waardering', 'schatting', 'taxatierapport', 'waardebepaling', 'getaxeerd']],
  ['juwelen', ['sieraden', 'horloges', 'lijfsieraden', 'kostbaarheden', 'edelstenen']],
  ['glas', ['glasschade', 'ruiten', 'beglazing', 'glasbreuk', 'vensters']],
  ['rechtsbijstand', ['juridische hulp', 'rechtshulp', 'advocaatkosten', 'juridische bijstand']],
  ['reis', ['vakantie', 'reizen', 'trip', 'uitstapje', 'toerisme']],
  ['annulering', ['annuleringskosten', 'afzegging', 'afgelasting', 'cancellation']],
  ['medisch', ['gezondheid', 'ziektekosten', 'medische kosten', 'gezondheidszorg', 'zorg']],
  ['buitenland', ['internationaal', 'wereldwijd', 'europa', 'buiten nederland', 'overzee']],
  ['huurder', ['huur', 'verhuur', 'verhuurd', 'huurbewoner', 'huursituatie']],
  ['eigenaar', ['bezitter', 'eigendom', 'huiseigenaar', 'pandeigenaar', 'bezit']],
  ['bedrijf', ['onderneming', 'organisatie', 'firma', 'vennootschap', 'werkgever', 'zakelijk']],
  ['particulier', ['privé', 'consument', 'persoonlijk', 'niet-zakelijk']],
  ['maximum', ['maximaal', 'limiet', 'plafond', 'bovengrens', 'max']],
  ['minimum', ['minimaal', 'ondergrens', 'drempel', 'min']],
  ['jaar', ['jaarlijks', 'per jaar', 'jaarbasis', 'p.a.', '12 maanden']],
  ['geldig', ['van kracht', 'actief', 'lopend', 'geldend', 'van toepassing']],
  ['vervallen', ['verlopen', 'beëindigd', 'geëindigd', 'niet meer geldig', 'afgelopen']],
  ['alarm', ['inbraakalarm', 'beveiligingssysteem', 'alarminstallatie', 'detectie', 'beveiliging']],
  ['kluis', ['brandkast', 'safe', 'waardekluis', 'kluisverzekering']],
  ['schadevrij', ['no claim', 'schadevrije jaren', 'bonus malus', 'claimvrij']],
  ['opzet', ['opzettelijk', 'met opzet', 'moedwillig', 'bewust']],
  ['grove schuld', ['nalatigheid', 'roekeloosheid', 'ernstige schuld', 'grove nalatigheid']],
];

export interface SynonymGroup {
  /** Simplified canonical term, e.g. `eigen risico`. */
  canonical: string;
  /** Simplified other terms, in table order, e.g. `eigenrisico` (from `eigen-risico`). */
  terms: string[];
}

export const SYNONYM_GROUPS: ReadonlyArray<SynonymGroup> = SYNONYM_TABLE.map(([canonical, terms]) => ({
  canonical: simplify(canonical),
  terms: terms.map(simplify),
}));

/**
 * Simplified table term → canonical term of the group it belongs to: the group whose canonical term it is, otherwise
 * the first group in table order that lists it (`gebouw` → woning, `opstal` → opstal, `drempel` → eigen risico).
 */
const CANONICAL = new Map<string, string>();
for (const group of SYNONYM_GROUPS) CANONICAL.set(group.canonical, group.canonical);
for (const group of SYNONYM_GROUPS) {
  for (const term of group.terms) if (!CANONICAL.has(term)) CANONICAL.set(term, group.canonical);
}

/** Multi-word table terms as token lists, by first token, longest first. */
const MULTI_WORD = new Map<string, Array<{ words: string[]; canonical: string }>>();
for (const [term, canonical] of CANONICAL) {
  const words = term.split(' ');
  if (words.length < 2) continue;
  const list = MULTI_WORD.get(words[0]!) ?? [];
  list.push({ words, canonical });
  MULTI_WORD.set(words[0]!, list);
}
for (const list of MULTI_WORD.values()) list.sort((a, b) => b.words.length - a.words.length);

/** Canonical term of a simplified table term, or undefined when the term is not in Appendix A. */
export function canonicalTerm(simplifiedTerm: string): string | undefined {
  return CANONICAL.get(simplifiedTerm);
}

function multiWordAt(words: string[], start: number): { length: number; canonical: string } | undefined {
  const candidates = MULTI_WORD.get(words[start]!);
  if (!candidates) return undefined;
  for (const candidate of candidates) {
    const n = candidate.words.length;
    if (start + n > words.length) continue;
    let same = true;
    for (let k = 1; k < n && same; k++) same = words[start + k] === candidate.words[k];
    if (same) return { length: n, canonical: candidate.canonical };
  }
  return undefined;
}

/**
 * §6.5 content-term set of a simplified (stage 1) or clustering (stage 2) text. Tokens are scanned left to right; the
 * longest multi-word table term starting at a position (`eigen risico`, `niet gedekt`) becomes its canonical term;
 * of the remaining single tokens, stop-words are dropped, table terms become their canonical term and every other
 * token its Snowball stem. Placeholders such as `[BEDRAG]` are kept as they are. Returned as a Set (insertion order
 * = first occurrence in the text); the synonyms signal takes the Jaccard index of two sets.
 */
export function contentTerms(text: string): Set<string> {
  const words = tokens(text);
  const terms = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const multi = multiWordAt(words, i);
    if (multi) {
      terms.add(multi.canonical);
      i += multi.length - 1;
      continue;
    }
    const word = words[i]!;
    if (isStopword(word)) continue;
    terms.add(CANONICAL.get(word) ?? stem(word));
  }
  return terms;
}

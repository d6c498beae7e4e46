/**
 * The advice sample (`fixtures/sample/policies.xlsx`): the realistic generator's rows with advice-bearing clause
 * families mixed in, and a column `Advies_Label` holding the advice label each row should get under SPEC §9 with
 * the reference fixtures of `fixtures/reference/` (conditions, clause library, instructions) loaded and
 * `referenceDate` 2026-01-01. The expectation is derived from how a row was generated — which family, which slot
 * values, which damage — never by running the engine.
 *
 * How an expectation is derived (SPEC §9.2):
 * 1. The row's own raw text is checked first (Appendix C): the generator knows when it wrote an empty text, a
 *    placeholder, mojibake, garbage, a past date in an expiry context or an old taxation date.
 * 2. Otherwise the row shows its cluster's content advice, fixed per family: the step that family was designed to
 *    hit (custom instruction → library → conditions → keyword rule), or, for families designed to hit none of those,
 *    `🛠️ STANDAARDISEREN` when the family has at least 20 rows in the generated set (step 5) and the conditions
 *    fallback `HANDMATIG CHECKEN` otherwise (steps 6–7 give the same label).
 *
 * Families are designed so the intended step is unambiguous: instruction clauses contain the search text verbatim;
 * library near-copies change only stop-words or punctuation (≥ 0.95) or one or two content words (0.85–0.95) of a
 * library entry and contain no instruction text; restated articles are one or two consecutive sentences of an
 * article, verbatim or with one dropped letter, of articles that have no library counterpart and no instruction
 * text; keyword clauses name their rule's keywords, no earlier rule's, and are worded away from the articles and
 * library entries. Families whose expectation rests on a subtler rule are marked `subtle` below.
 */
import { ENCODING, EXPIRED, GARBLED, INSTRUCTED, KEYWORDED, LIBRARY_EXACT, LIBRARY_SIMILAR, OLD_TAXATION, PLACEHOLDERS, RESTATED, RESTATED_EDITED, STANDARD } from './advice-clauses.ts';
import { LABELS } from '../advise/labels.ts';
import { CONDITIONS_ARTICLES, LIBRARY_CLAUSES, REFERENCE_INSTRUCTIONS } from '../../fixtures/reference/content.ts';
import { BESPOKE_SENTENCES } from './families.ts';
import { mulberry32, type Prng } from './prng.ts';
import { realisticRowGenerator, type RealisticRow } from './realistic.ts';
import type { GeneratedRow } from './types.ts';
import { amount, formattingNoise, percentage, writeDate } from './variation.ts';

/** The reference date the expectations assume (SPEC Appendix C, C6). */
export const ADVICE_REFERENCE_DATE = '2026-01-01';
/** SPEC §3 `minFrequency`: clusters with at least this many rows are advised to be standardised. */
export const ADVICE_MIN_FREQUENCY = 20;

/** Advice labels of SPEC §9.1: the vocabulary only, so the expectations stay independent of the engine's rules. */
const ADVICE = LABELS;

const instructionLabel = (search: string): string => {
  const instruction = REFERENCE_INSTRUCTIONS.find((i) => i.search === search);
  if (!instruction) throw new Error(`No reference instruction '${search}'`);
  return `\u{1F4CB} ${instruction.action}`;
};

/**
 * A cluster's content advice as designed: a fixed label and the step that gives it, or `frequency` (no step of 1–4
 * applies; step 5 when the family has ≥ 20 rows, else the conditions fallback).
 */
export type ContentExpectation = { label: string; step: string } | 'frequency';

const fixed = (label: string, step: string): ContentExpectation => ({ label, step });

// ---- existing realistic families -----------------------------------------------------------------------------------

/**
 * Content advice of the realistic families (`families.ts`), by the SPEC's rules. Families not listed hit no step
 * of 1–4 (`frequency`). Subtle ones:
 * - F04 (rangorde) names the rangorde keywords, but its first sentence overlaps Art 9.1 enough for the best-section
 *   strategy (> 0.50) to fire first: `HANDMATIG CHECKEN` (CONDITIONS_SEMANTIC_MATCH), not the keyword's VERWIJDEREN.
 * - F50 (verbouwing, vs Art 2.11) and F68 (opzegging, vs Art 8.1) paraphrase an article: best section > 0.50.
 * - F32 is an alarm clause with a deadline date: rows whose date is past show the VERLOPEN check, the others the
 *   cluster's instruction advice.
 * - F97 has placeholders in every row (row check), F98/F99 are longer than 800 characters but an instruction
 *   (F98) or the alarm keyword (F99, `alarm` starts `alarmmelding`) comes before the long-text step.
 */
export const FAMILY_CONTENT: Readonly<Record<string, ContentExpectation>> = {
  F01: fixed(instructionLabel('Clausuleblad terrorismedekking'), 'instructions'),
  F02: fixed(ADVICE.remove, 'keyword:sanctie_wetgeving'),
  F04: fixed(ADVICE.manualCheck, 'conditions:semantic'),
  F05: fixed(ADVICE.remove, 'keyword:fraude'),
  F06: fixed(ADVICE.keepClause, 'keyword:braak_clausule'),
  F07: fixed(instructionLabel('inbraakalarm met doormelding'), 'instructions'),
  F08: fixed(ADVICE.keepClause, 'keyword:molest'),
  F09: fixed(instructionLabel('vervangende woonruimte'), 'instructions'),
  F10: fixed(ADVICE.manualCheck, 'keyword:evacuatie'),
  F11: fixed(ADVICE.keepCustom, 'keyword:juwelen_sieraden'),
  F12: fixed(ADVICE.keepCustom, 'keyword:juwelen_sieraden'),
  F17: fixed(ADVICE.manualCheck, 'keyword:taxatie'),
  F18: fixed(ADVICE.manualCheck, 'keyword:overdekking'),
  F19: fixed(ADVICE.keepCustom, 'keyword:monumenten'),
  F20: fixed(ADVICE.keepClause, 'keyword:secundaire_dekking'),
  F21: fixed(ADVICE.keepCustom, 'keyword:buitenland'),
  F22: fixed(ADVICE.keepCustom, 'keyword:verhuur'),
  F23: fixed(ADVICE.manualCheck, 'keyword:annulering'),
  F32: fixed(instructionLabel('inbraakalarm met doormelding'), 'instructions'),
  F33: fixed(ADVICE.keepCustom, 'keyword:uitsluiting_kunst'),
  F34: fixed(ADVICE.manualCheck, 'keyword:taxatie'),
  F42: fixed(ADVICE.keepCustom, 'keyword:verhuur'),
  F47: fixed(ADVICE.keepCustom, 'keyword:juwelen_sieraden'),
  F48: fixed(ADVICE.keepCustom, 'keyword:verhuur'),
  F49: fixed(ADVICE.keepClause, 'keyword:braak_clausule'),
  F50: fixed(ADVICE.manualCheck, 'conditions:semantic'),
  F68: fixed(ADVICE.manualCheck, 'conditions:semantic'),
  F69: fixed(ADVICE.keepCustom, 'keyword:verhuur'),
  F72: fixed(ADVICE.keepCustom, 'keyword:buitenland'),
  F79: fixed(ADVICE.remove, 'keyword:fraude'),
  F80: fixed(ADVICE.remove, 'keyword:rangorde'),
  F98: fixed(instructionLabel('Clausuleblad terrorismedekking'), 'instructions'),
  F99: fixed(ADVICE.keepObligation, 'keyword:alarm_beveiliging'),
};

/** Realistic families whose `{datum}` sits in an expiry context (Appendix C, group 6). */
const EXPIRY_DATE_FAMILIES = new Set(['F32']);
/** Realistic families with a placeholder in every row. */
const PLACEHOLDER_FAMILIES = new Set(['F97']);

/** Bespoke sentences that carry a keyword rule (0-based): 13 braak (with `diefstal`), 3 `verhuurt`. */
const BESPOKE_BRAAK = BESPOKE_SENTENCES.findIndex((s) => s.includes('diefstal na braak'));
const BESPOKE_VERHUUR = BESPOKE_SENTENCES.findIndex((s) => s.includes('verhuurt'));

// ---- advice families -----------------------------------------------------------------------------------------------

interface AdviceFamily {
  /** Cluster label (the `Label` column). */
  id: string;
  /** What the family is, for the `Advies_Bron` column. */
  kind: string;
  /** Rows in a 2,000-row sample. */
  rows: number;
  /** One row's text and, when the row's own text is meant to hit Appendix C, that row advice. */
  make: (rng: Prng) => { text: string; own?: { label: string; step: string } };
  content: ContentExpectation;
}

/** `count` consecutive sentences of an article, starting at sentence `from` (0-based), verbatim. */
function articleSentences(number: string, from: number, count: number): string {
  const article = CONDITIONS_ARTICLES.find((a) => a.number === number);
  if (!article) throw new Error(`No conditions article ${number}`);
  const sentences = article.paragraphs.join(' ').split(/(?<=[.!?])\s+/u);
  if (from + count > sentences.length) throw new Error(`Article ${number} has ${sentences.length} sentences`);
  return sentences.slice(from, from + count).join(' ');
}

function libraryText(code: string): string {
  const entry = LIBRARY_CLAUSES.find((c) => c.code === code);
  if (!entry) throw new Error(`No library clause ${code}`);
  return entry.text;
}

/** Replaces `from` by `to` in a library text; throws when `from` is not there, so the fixtures cannot drift. */
function edit(text: string, edits: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`'${from}' not found in '${text}'`);
    out = out.replace(from, to);
  }
  return out;
}

/** One dropped letter inside a word of eight or more letters (not its first or last letter). */
function dropLetter(text: string, rng: Prng): string {
  const words = [...text.matchAll(/\p{L}{8,}/gu)];
  if (words.length === 0) return text;
  const word = rng.choice(words);
  const at = word.index + 1 + rng.int(word[0].length - 2);
  return text.slice(0, at) + text.slice(at + 1);
}

/** Noise that simplification removes: punctuation, spacing, line breaks, and now and then upper case. */
function lightNoise(text: string, rng: Prng): string {
  const out = rng.next() < 0.06 ? text.toUpperCase() : text;
  return formattingNoise(out, rng);
}

/**
 * A past date 2015–`lastYear` in one of the generator's written forms that Appendix C reads as a date (not
 * `dd.mm.yyyy`, form 5).
 */
function pastDate(rng: Prng, lastYear = 2024): string {
  const year = 2015 + rng.int(lastYear - 2015 + 1);
  return writeDate(year, 1 + rng.int(12), 1 + rng.int(28), rng.int(5));
}

const fill = (template: string, rng: Prng): string =>
  template.replace(/\{bedrag\}/g, () => amount(rng)).replace(/\{pct\}/g, () => percentage(rng));

function adviceFamilies(): AdviceFamily[] {
  const families: AdviceFamily[] = [];
  for (const [number, from, count] of RESTATED) {
    const text = articleSentences(number, from, count);
    families.push({
      id: `C-${number}`,
      kind: 'conditions-restated',
      rows: 9,
      make: (rng) => ({ text: lightNoise(rng.next() < 0.3 ? dropLetter(text, rng) : text, rng) }),
      content: fixed(ADVICE.remove, 'conditions'),
    });
  }
  for (const [number, from, count, edits] of RESTATED_EDITED) {
    const text = edit(articleSentences(number, from, count), edits);
    families.push({ id: `C~${number}`, kind: 'conditions-edited', rows: 9, make: (rng) => ({ text: lightNoise(text, rng) }), content: fixed(ADVICE.remove, 'conditions:best-section') });
  }
  for (const [code, edits] of LIBRARY_EXACT) {
    const text = edit(libraryText(code), edits);
    families.push({ id: `L95-${code}`, kind: 'library-exact', rows: 8, make: (rng) => ({ text: lightNoise(text, rng) }), content: fixed(ADVICE.replace, 'library:exact') });
  }
  for (const [code, edits] of LIBRARY_SIMILAR) {
    const text = edit(libraryText(code), edits);
    families.push({ id: `L90-${code}`, kind: 'library-similar', rows: 8, make: (rng) => ({ text: lightNoise(text, rng) }), content: fixed(ADVICE.checkSimilarity, 'library:high') });
  }
  for (const [id, search, template] of INSTRUCTED) {
    families.push({ id, kind: 'instruction', rows: 10, make: (rng) => ({ text: lightNoise(fill(template, rng), rng) }), content: fixed(instructionLabel(search), 'instructions') });
  }
  for (const [id, rule, label, template] of KEYWORDED) {
    families.push({ id, kind: 'keyword', rows: 9, make: (rng) => ({ text: lightNoise(fill(template, rng), rng) }), content: fixed(label, `keyword:${rule}`) });
  }
  for (const [id, template] of STANDARD) {
    families.push({ id, kind: 'standard-frequent', rows: 26, make: (rng) => ({ text: lightNoise(fill(template, rng), rng) }), content: 'frequency' });
  }
  for (const [id, template] of EXPIRED) {
    families.push({
      id,
      kind: 'expired-date',
      rows: 14,
      make: (rng) => ({ text: lightNoise(template.replace('{datum}', pastDate(rng)), rng), own: { label: ADVICE.removeExpired, step: 'C6:expiry' } }),
      content: 'frequency',
    });
  }
  for (const [id, template] of OLD_TAXATION) {
    families.push({
      id,
      kind: 'old-taxation',
      rows: 10,
      make: (rng) => ({ text: lightNoise(template.replace('{datum}', pastDate(rng, 2021)), rng), own: { label: ADVICE.manualCheck, step: 'C6:taxation' } }),
      content: 'frequency',
    });
  }
  for (const [id, text] of PLACEHOLDERS) {
    families.push({ id, kind: 'placeholder', rows: 8, make: (rng) => ({ text: lightNoise(text, rng), own: { label: ADVICE.fillIn, step: 'C3' } }), content: 'frequency' });
  }
  for (const [id, text] of ENCODING) {
    // Upper case would turn `Ã©` into `Ã‰`, which is no listed sequence: only punctuation noise here.
    families.push({ id, kind: 'encoding', rows: 8, make: (rng) => ({ text: formattingNoise(text, rng), own: { label: ADVICE.cleanUp, step: 'C4' } }), content: 'frequency' });
  }
  for (const [id, text] of GARBLED) {
    families.push({ id, kind: 'garbled', rows: 5, make: () => ({ text, own: { label: ADVICE.unreadable, step: 'C5' } }), content: 'frequency' });
  }
  families.push({ id: 'NVT', kind: 'empty', rows: 10, make: (rng) => ({ text: rng.choice(['', ' ', '   ']), own: { label: ADVICE.empty, step: 'C1' } }), content: 'frequency' });
  families.push({ id: 'Q-KORT', kind: 'too-short', rows: 5, make: () => ({ text: 'zie bijl.', own: { label: ADVICE.manualCheck, step: 'C2' } }), content: 'frequency' });
  return families;
}

export const ADVICE_FAMILIES: readonly AdviceFamily[] = adviceFamilies();

// ---- the sample ----------------------------------------------------------------------------------------------------

/** Expected row advice of a realistic row, by its origin and what the generator did to it. */
function realisticExpectation({ row, origin, facts }: RealisticRow): { own?: { label: string; step: string }; content: ContentExpectation; kind: string } {
  if (origin.kind === 'short') {
    const empty = row.Tekst.trim() === '';
    return { own: empty ? { label: ADVICE.empty, step: 'C1' } : { label: ADVICE.manualCheck, step: 'C2' }, content: 'frequency', kind: 'short' };
  }
  let own: { label: string; step: string } | undefined;
  const familyId = origin.kind === 'family' ? origin.familyId : null;
  if (familyId && PLACEHOLDER_FAMILIES.has(familyId)) own = { label: ADVICE.fillIn, step: 'C3' };
  else if (facts.mojibake) own = { label: ADVICE.cleanUp, step: 'C4' };
  else if (familyId && EXPIRY_DATE_FAMILIES.has(familyId) && facts.dates.some((d) => d.year < 2026 && d.form !== 5)) own = { label: ADVICE.removeExpired, step: 'C6:expiry' };
  if (origin.kind === 'family') return { own, content: FAMILY_CONTENT[origin.familyId] ?? 'frequency', kind: 'realistic-family' };
  const content = origin.sentences.includes(BESPOKE_BRAAK)
    ? fixed(ADVICE.keepClause, 'keyword:braak_clausule')
    : origin.sentences.includes(BESPOKE_VERHUUR)
      ? fixed(ADVICE.keepCustom, 'keyword:verhuur')
      : 'frequency';
  return { own, content, kind: 'bespoke' };
}

const ADVICE_SHARE_ROWS = 2000;

/**
 * `rows` rows: the realistic generator's rows (seed `seed`) with the advice families mixed in at random positions
 * (about 30% of the rows), and the columns `Advies_Label` (expected row advice), `Advies_Stap` (the step meant to
 * give it) and `Advies_Bron` (what the row is). Deterministic for a seed.
 */
export function generateAdviceSampleRows(rows: number, seed = 42): GeneratedRow[] {
  const rng = mulberry32((seed ^ 0x5eed_a0c1) | 0);
  const nextRealistic = realisticRowGenerator(seed);
  const scale = rows / ADVICE_SHARE_ROWS;
  const pool: AdviceFamily[] = [];
  for (const family of ADVICE_FAMILIES) {
    const count = family.content === 'frequency' && family.kind === 'standard-frequent' ? Math.max(family.rows, Math.ceil(family.rows * scale)) : Math.round(family.rows * scale);
    for (let k = 0; k < count; k++) pool.push(family);
  }
  // Fisher–Yates with the sample's own generator.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const adviceRows = Math.min(pool.length, rows);

  interface Draft {
    row: GeneratedRow;
    own?: { label: string; step: string };
    content: ContentExpectation;
    kind: string;
  }
  const drafts: Draft[] = [];
  let advicePlaced = 0;
  let policy = { Polisnummer: '', Product: '', Ingangsdatum: '' };
  for (let i = 0; i < rows; i++) {
    const remaining = rows - i;
    const adviceLeft = adviceRows - advicePlaced;
    if (adviceLeft > 0 && (adviceLeft >= remaining || (i > 0 && rng.next() < adviceLeft / remaining))) {
      const family = pool[advicePlaced++]!;
      const made = family.make(rng);
      drafts.push({ row: { ...policy, Tekst: made.text, Label: family.id }, own: made.own, content: family.content, kind: family.kind });
    } else {
      const generated = nextRealistic();
      policy = { Polisnummer: generated.row.Polisnummer, Product: generated.row.Product!, Ingangsdatum: generated.row.Ingangsdatum! };
      drafts.push({ row: generated.row, ...realisticExpectation(generated) });
    }
  }

  const sizes = new Map<string, number>();
  for (const d of drafts) sizes.set(d.row.Label, (sizes.get(d.row.Label) ?? 0) + 1);
  return drafts.map(({ row, own, content, kind }) => {
    const frequent = (sizes.get(row.Label) ?? 0) >= ADVICE_MIN_FREQUENCY && row.Label !== 'NVT';
    const resolved = content === 'frequency' ? (frequent ? fixed(ADVICE.standardise, 'frequency') : fixed(ADVICE.manualCheck, 'fallback')) : content;
    const expected = own ?? (resolved as { label: string; step: string });
    return { ...row, Advies_Label: expected.label, Advies_Stap: expected.step, Advies_Bron: kind };
  });
}

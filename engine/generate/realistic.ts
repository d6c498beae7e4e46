/**
 * `--style realistic` (SPEC §12): realistic Dutch clause families with Zipf-like frequencies, bespoke one-off
 * clauses, empty and near-empty cells, and variation that does not change a clause's meaning. The `Label` column is
 * the intended cluster: the family id (`F17`), `M-…` for a bespoke clause (its sentences in order), `NVT` for a text
 * shorter than 5 simplified characters.
 */
import { BESPOKE_SENTENCES, CLAUSE_FAMILIES } from './families.ts';
import { mulberry32, type Prng } from './prng.ts';
import type { GeneratedRow } from './types.ts';
import { addTypo, fillSlots, formattingNoise, isoDate, mojibake, type DrawnDate } from './variation.ts';

const SHARE_SHORT = 0.02;
const SHARE_BESPOKE = 0.12;
/** Zipf exponent and offset of the family ranks: a few families with hundreds of rows, a long tail of rare ones. */
const ZIPF_EXPONENT = 1.1;
const ZIPF_OFFSET = 1;
/**
 * Each row may spend this share of its clause length on edits that survive simplification (typos, the prefix).
 * Two rows of one family then differ by at most about twice this much, well within the 0.85 clustering threshold.
 */
const NOISE_BUDGET = 0.06;
/** Street and city names survive the placeholders; an address costs the budget this many characters. */
const ADDRESS_COST = 10;
const PREFIX = 'Let op: ';

const SHORT_TEXTS = ['', '-', 'n.v.t.', 'n.v.t', 'nvt', 'NVT', '.', 'geen', '--', 'x', ' '] as const;
const PRODUCTS = ['Woonhuisverzekering', 'Inboedelverzekering', 'Opstalverzekering', 'Bedrijfsgebouwenverzekering', 'Inventaris- en goederenverzekering', 'Aansprakelijkheidsverzekering', 'Reisverzekering', 'Kostbaarhedenverzekering', 'Bedrijfsschadeverzekering'] as const;

function familyWeights(count: number): number[] {
  const weights = Array.from({ length: count }, (_, rank) => 1 / (rank + 1 + ZIPF_OFFSET) ** ZIPF_EXPONENT);
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  return weights.map((w) => (cumulative += w / total));
}

function pickWeighted(cumulative: readonly number[], rng: Prng): number {
  const u = rng.next();
  const index = cumulative.findIndex((c) => u < c);
  return index === -1 ? cumulative.length - 1 : index;
}

/** A bespoke clause: one to three sentences, or now and then a long run (> 800 characters). */
function bespokeTemplate(rng: Prng): { template: string; label: string; sentences: number[] } {
  const u = rng.next();
  const count = u < 0.25 ? 1 : u < 0.65 ? 2 : u < 0.95 ? 3 : 8 + rng.int(4);
  const picked: number[] = [];
  while (picked.length < count) {
    const index = rng.int(BESPOKE_SENTENCES.length);
    if (!picked.includes(index)) picked.push(index);
  }
  return {
    template: picked.map((i) => BESPOKE_SENTENCES[i]).join(' '),
    label: `M-${picked.map((i) => i + 1).join('.')}`,
    sentences: picked,
  };
}

/** What the generator did to one row, beyond its text: the facts an advice expectation is derived from. */
export interface VaryFacts {
  /** Calendar values of the filled `{datum}` slots, in text order. */
  dates: DrawnDate[];
  /** Legacy mojibake (`Ã©`, `Ã«`, `Ã¯`) was written into the text. */
  mojibake: boolean;
  upperCase: boolean;
  prefixed: boolean;
}

/** Fills the template and adds noise within the row's budget (typos first, then the prefix). */
function vary(template: string, rng: Prng, facts?: VaryFacts): string {
  const length = template.replace(/\{\w+\}/g, '').length;
  let budget = Math.floor(length * NOISE_BUDGET) - (template.match(/\{adres\}/g)?.length ?? 0) * ADDRESS_COST;
  let text = template;
  const typos = rng.next() < 0.25 ? (rng.next() < 0.2 ? 2 : 1) : 0;
  for (let t = 0; t < typos && budget >= 2; t++) {
    const typo = addTypo(text, rng);
    text = typo.text;
    budget -= typo.cost;
  }
  text = fillSlots(text, rng, facts?.dates);
  if (rng.next() < 0.07) {
    text = text.toUpperCase();
    if (facts) facts.upperCase = true;
  }
  text = formattingNoise(text, rng);
  if (rng.next() < 0.02) {
    const damaged = mojibake(text);
    if (facts) facts.mojibake = damaged !== text;
    text = damaged;
  }
  if (rng.next() < 0.1 && budget >= PREFIX.length - 1) {
    text = PREFIX + text;
    if (facts) facts.prefixed = true;
  }
  return text;
}

/** How a realistic row came about. */
export type RealisticKind =
  | { kind: 'short' }
  | { kind: 'bespoke'; sentences: number[] }
  | { kind: 'family'; familyId: string };

export interface RealisticRow {
  row: GeneratedRow;
  origin: RealisticKind;
  facts: VaryFacts;
}

/**
 * The realistic generator one row at a time, with what it did to each row. `generateRealisticRows` is this
 * generator with the facts dropped; both draw the same random numbers, so their rows are identical.
 */
export function realisticRowGenerator(seed = 42): () => RealisticRow {
  const rng = mulberry32(seed);
  const cumulative = familyWeights(CLAUSE_FAMILIES.length);
  let policy = { number: '', product: '', start: '', clausesLeft: 0 };
  return () => {
    if (policy.clausesLeft === 0) {
      policy = {
        number: String(10_000_000 + rng.int(90_000_000)),
        product: rng.choice(PRODUCTS),
        start: isoDate(rng),
        clausesLeft: 1 + rng.int(6),
      };
    }
    policy.clausesLeft--;

    const facts: VaryFacts = { dates: [], mojibake: false, upperCase: false, prefixed: false };
    const kind = rng.next();
    let text: string;
    let label: string;
    let origin: RealisticKind;
    if (kind < SHARE_SHORT) {
      text = rng.choice(SHORT_TEXTS);
      label = 'NVT';
      origin = { kind: 'short' };
    } else if (kind < SHARE_SHORT + SHARE_BESPOKE) {
      const bespoke = bespokeTemplate(rng);
      text = vary(bespoke.template, rng, facts);
      label = bespoke.label;
      origin = { kind: 'bespoke', sentences: bespoke.sentences };
    } else {
      const family = CLAUSE_FAMILIES[pickWeighted(cumulative, rng)]!;
      text = vary(family.text, rng, facts);
      label = family.id;
      origin = { kind: 'family', familyId: family.id };
    }
    return {
      row: { Polisnummer: policy.number, Product: policy.product, Ingangsdatum: policy.start, Tekst: text, Label: label },
      origin,
      facts,
    };
  };
}

export function generateRealisticRows(n: number, seed = 42): GeneratedRow[] {
  const next = realisticRowGenerator(seed);
  return Array.from({ length: n }, () => next().row);
}

/**
 * `--style realistic` (SPEC §12): realistic Dutch clause families with Zipf-like frequencies, bespoke one-off
 * clauses, empty and near-empty cells, and variation that does not change a clause's meaning. The `Label` column is
 * the intended cluster: the family id (`F17`), `M-…` for a bespoke clause (its sentences in order), `NVT` for a text
 * shorter than 5 simplified characters.
 */
import { BESPOKE_SENTENCES, CLAUSE_FAMILIES } from './families.ts';
import { mulberry32, type Prng } from './prng.ts';
import type { GeneratedRow } from './types.ts';
import { addTypo, fillSlots, formattingNoise, isoDate, mojibake } from './variation.ts';

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
function bespokeTemplate(rng: Prng): { template: string; label: string } {
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
  };
}

/** Fills the template and adds noise within the row's budget (typos first, then the prefix). */
function vary(template: string, rng: Prng): string {
  const length = template.replace(/\{\w+\}/g, '').length;
  let budget = Math.floor(length * NOISE_BUDGET) - (template.match(/\{adres\}/g)?.length ?? 0) * ADDRESS_COST;
  let text = template;
  const typos = rng.next() < 0.25 ? (rng.next() < 0.2 ? 2 : 1) : 0;
  for (let t = 0; t < typos && budget >= 2; t++) {
    const typo = addTypo(text, rng);
    text = typo.text;
    budget -= typo.cost;
  }
  text = fillSlots(text, rng);
  if (rng.next() < 0.07) text = text.toUpperCase();
  text = formattingNoise(text, rng);
  if (rng.next() < 0.02) text = mojibake(text);
  if (rng.next() < 0.1 && budget >= PREFIX.length - 1) text = PREFIX + text;
  return text;
}

export function generateRealisticRows(n: number, seed = 42): GeneratedRow[] {
  const rng = mulberry32(seed);
  const cumulative = familyWeights(CLAUSE_FAMILIES.length);
  const rows: GeneratedRow[] = [];
  let policy = { number: '', product: '', start: '', clausesLeft: 0 };
  for (let i = 0; i < n; i++) {
    if (policy.clausesLeft === 0) {
      policy = {
        number: String(10_000_000 + rng.int(90_000_000)),
        product: rng.choice(PRODUCTS),
        start: isoDate(rng),
        clausesLeft: 1 + rng.int(6),
      };
    }
    policy.clausesLeft--;

    const kind = rng.next();
    let text: string;
    let label: string;
    if (kind < SHARE_SHORT) {
      text = rng.choice(SHORT_TEXTS);
      label = 'NVT';
    } else if (kind < SHARE_SHORT + SHARE_BESPOKE) {
      const bespoke = bespokeTemplate(rng);
      text = vary(bespoke.template, rng);
      label = bespoke.label;
    } else {
      const family = CLAUSE_FAMILIES[pickWeighted(cumulative, rng)]!;
      text = vary(family.text, rng);
      label = family.id;
    }
    rows.push({
      Polisnummer: policy.number,
      Product: policy.product,
      Ingangsdatum: policy.start,
      Tekst: text,
      Label: label,
    });
  }
  return rows;
}

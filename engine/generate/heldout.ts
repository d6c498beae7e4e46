/**
 * `--style heldout`: a labelled workbook for judging grouping quality on data nothing was tuned on. Its clause
 * families (heldout-families.ts) and its noise model are both independent of the realistic generator's: 1–3 typos
 * (swap, drop, double, keyboard substitution) in about 30% of rows, case changes, boilerplate labels, bullets and
 * numbering in front, doubled spaces, dropped punctuation, and amounts, dates (month names and abbreviations
 * included) and addresses in more written forms. Hard negatives (a clause and its negation) are separate families.
 *
 * The fixed seed HELD_OUT_SEED is for reporting only: never tune a rule or threshold on its output.
 */
import { HELD_OUT_FAMILIES, ONE_OFF_CONDITIONS, ONE_OFF_SUBJECTS } from './heldout-families.ts';
import { mulberry32, type Prng } from './prng.ts';
import type { GeneratedRow } from './types.ts';

export const HELD_OUT_SEED = 20261202;

const SHARE_SHORT = 0.015;
const SHARE_ONE_OFF = 0.08;
const SHARE_TYPOS = 0.3;
const ZIPF_EXPONENT = 0.9;

const SHORT_TEXTS = ['', 'nvt', 'N.V.T.', '-', 'geen', '?', 'x'] as const;
const PREFIXES = ['Clausule: ', 'Let op: ', 'NB: ', 'N.B. ', 'Opmerking: ', '* ', '- ', '• ', '1. ', '3) ', 'Let wel: ', 'Toelichting: '] as const;

const AMOUNTS = [100, 150, 250, 300, 500, 750, 1000, 2000, 2500, 5000, 10000, 15000, 25000, 50000, 75000, 100000] as const;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const;
const MONTH_ABBREVIATIONS = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'] as const;
const STREETS = ['Kerkweg', 'Dorpsstraat', 'Lindenlaan', 'Vaartkade', 'Spoorsingel', 'Molenweg', 'Bloemgracht', 'Kastanjedreef', 'Beukenhof', 'Marktstraat', 'Pastoor van Arsstraat', 'Oude Rijn'] as const;
const CITIES = ['Amsterdam', 'Enschede', 'Den Haag', "'s-Hertogenbosch", 'Bergen op Zoom', 'Assen', 'Venlo', 'Middelburg', 'Hoorn', 'Zeist'] as const;
const POSTCODE_LETTERS = 'ABCEGHJKLMNPRSTVWXZ';
/** Neighbours on a QWERTY keyboard, for substitution typos. */
const KEY_NEIGHBOURS: Record<string, string> = {
  a: 'sqz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k',
  m: 'n', n: 'bm', o: 'ip', p: 'o', q: 'wa', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'xa',
};

function dotted(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function amount(rng: Prng): string {
  const value = rng.choice(AMOUNTS);
  switch (rng.int(9)) {
    case 0: return `EUR ${dotted(value)}`;
    case 1: return `€${value},-`;
    case 2: return `€ ${dotted(value)},00`;
    case 3: return `${dotted(value)} euro`;
    case 4: return `EUR${value}`;
    case 5: return `${value} EUR`;
    case 6: return `€ ${dotted(value)},-`;
    case 7: return `€${dotted(value)}`;
    default: return `${dotted(value)},- euro`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function date(rng: Prng): string {
  const year = 2012 + rng.int(15);
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(28);
  switch (rng.int(7)) {
    case 0: return `${pad(day)}-${pad(month)}-${year}`;
    case 1: return `${day} ${MONTHS[month - 1]} ${year}`;
    case 2: return `${year}-${pad(month)}-${pad(day)}`;
    case 3: return `${pad(day)}/${pad(month)}/${year}`;
    case 4: return `${day}-${month}-${year}`;
    case 5: return `${pad(day)}.${pad(month)}.${year}`;
    default: return `${day} ${MONTH_ABBREVIATIONS[month - 1]} ${year}`;
  }
}

function postcode(rng: Prng): string {
  const letter = () => POSTCODE_LETTERS[rng.int(POSTCODE_LETTERS.length)]!;
  return `${1000 + rng.int(9000)} ${letter()}${letter()}`;
}

function address(rng: Prng): string {
  const street = rng.choice(STREETS);
  const number = `${1 + rng.int(400)}${rng.next() < 0.1 ? rng.choice(['a', 'B', '-2', ' bis']) : ''}`;
  const city = rng.choice(CITIES);
  switch (rng.int(4)) {
    case 0: return `${street} ${number} te ${postcode(rng)} ${city}`;
    case 1: return `${street} ${number}, ${postcode(rng)} ${city}`;
    case 2: return `${street} ${number} te ${city}`;
    default: return `${street} ${number} (${postcode(rng)} ${city})`;
  }
}

function reference(rng: Prng): string {
  const digits = (k: number) => Array.from({ length: k }, () => String(rng.int(10))).join('');
  switch (rng.int(3)) {
    case 0: return digits(8);
    case 1: return `POL-${digits(8)}`;
    default: return `${2015 + rng.int(10)}/${digits(5)}`;
  }
}

function percentage(rng: Prng): string {
  const value = rng.choice(['5', '10', '7,5', '15', '2,5']);
  return rng.choice([`${value}%`, `${value} %`, `${value} procent`]);
}

const SLOTS: Record<string, (rng: Prng) => string> = { bedrag: amount, datum: date, adres: address, ref: reference, pct: percentage };

function fill(template: string, rng: Prng): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const filler = SLOTS[name];
    if (!filler) throw new Error(`Unknown slot ${match} in a held-out clause`);
    return filler(rng);
  });
}

/** One typo in a word of four or more letters (not its first letter): swap, drop, double or a neighbouring key. */
function typo(text: string, rng: Prng): string {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return text;
  const word = rng.choice(words);
  const chars = [...word[0]];
  const at = 1 + rng.int(chars.length - 1);
  switch (rng.int(4)) {
    case 0:
      if (at < chars.length - 1) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      else chars.splice(at, 1);
      break;
    case 1:
      chars.splice(at, 1);
      break;
    case 2:
      chars.splice(at, 0, chars[at]!);
      break;
    default: {
      const neighbours = KEY_NEIGHBOURS[chars[at]!.toLowerCase()];
      if (neighbours) chars[at] = neighbours[rng.int(neighbours.length)]!;
      else chars.splice(at, 1);
    }
  }
  return text.slice(0, word.index) + chars.join('') + text.slice(word.index + word[0].length);
}

function noise(text: string, rng: Prng): string {
  let out = text;
  if (rng.next() < SHARE_TYPOS) {
    const count = 1 + rng.int(3);
    for (let k = 0; k < count; k++) out = typo(out, rng);
  }
  const casing = rng.next();
  if (casing < 0.05) out = out.toUpperCase();
  else if (casing < 0.08) out = out.toLowerCase();
  else if (casing < 0.1) out = out.charAt(0).toLowerCase() + out.slice(1);
  if (rng.next() < 0.12) out = out.replace(/[,;:]/g, '');
  if (rng.next() < 0.2) out = out.replace(/\.$/, '');
  if (rng.next() < 0.1) {
    for (let k = 0; k < 2; k++) {
      const spaces = [...out.matchAll(/ /g)];
      if (spaces.length === 0) break;
      const at = rng.choice(spaces).index;
      out = `${out.slice(0, at)}  ${out.slice(at + 1)}`;
    }
  }
  if (rng.next() < 0.12) out = rng.choice(PREFIXES) + out;
  if (rng.next() < 0.05) out = rng.next() < 0.5 ? ` ${out}` : `${out}  `;
  return out;
}

function zipfCumulative(count: number): number[] {
  const weights = Array.from({ length: count }, (_, rank) => 1 / (rank + 1) ** ZIPF_EXPONENT);
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  return weights.map((w) => (cumulative += w / total));
}

export function generateHeldOutRows(n: number, seed = HELD_OUT_SEED): GeneratedRow[] {
  const rng = mulberry32(seed);
  const cumulative = zipfCumulative(HELD_OUT_FAMILIES.length);
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < n; i++) {
    const policy = `${70_000_000 + rng.int(29_999_999)}`;
    const kind = rng.next();
    let text: string;
    let label: string;
    if (kind < SHARE_SHORT) {
      text = rng.choice(SHORT_TEXTS);
      label = 'NVT';
    } else if (kind < SHARE_SHORT + SHARE_ONE_OFF) {
      const subject = rng.int(ONE_OFF_SUBJECTS.length);
      const condition = rng.int(ONE_OFF_CONDITIONS.length);
      text = noise(`${ONE_OFF_SUBJECTS[subject]} ${ONE_OFF_CONDITIONS[condition]}.`, rng);
      label = `U-${subject + 1}-${condition + 1}`;
    } else {
      const u = rng.next();
      const family = HELD_OUT_FAMILIES[Math.max(0, cumulative.findIndex((c) => u < c))]!;
      text = noise(fill(family.text, rng), rng);
      label = family.id;
    }
    rows.push({ Polisnummer: policy, Tekst: text, Label: label });
  }
  return rows;
}

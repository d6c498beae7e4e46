/**
 * Variation that must NOT change a clause's cluster: slot values in their many written forms (amounts, dates,
 * addresses, policy numbers, phone numbers, e-mail addresses, percentages) and light noise (typos, casing,
 * punctuation, whitespace, a `Let op: ` prefix). Every value here is hidden by a placeholder of SPEC §5.2 or vanishes
 * in simplification, except street and city names and the typos, which the noise budget keeps small.
 */
import type { Prng } from './prng.ts';

const AMOUNTS = [250, 500, 1000, 1500, 2500, 5000, 7500, 10000, 25000, 50000, 100000, 250000, 1000000] as const;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const;
const STREETS = ['Hoofdstraat', 'Kerkweg', 'Dorpsstraat', 'Stationsweg', 'Molenlaan', 'Julianalaan', 'Marktplein', 'Prinsengracht', 'Havenkade', 'Parkweg', 'Industrieweg', 'Schoolstraat', 'Beatrixlaan', 'Nieuwe Gracht', 'Dijkweg'] as const;
const CITIES = ['Utrecht', 'Amersfoort', 'Zwolle', 'Groningen', 'Eindhoven', 'Tilburg', 'Almere', 'Breda', 'Nijmegen', 'Haarlem', 'Arnhem', 'Leiden', 'Delft', 'Apeldoorn', 'Gouda'] as const;
const MAILBOXES = ['schade@verzekeraar.nl', 'info@dekkingdirect.nl', 'claims@assuradeur.com', 'polis@mijnverzekering.nl', 'schadeservice@adviseur-oost.nl'] as const;
const PERCENTAGES = ['5', '10', '12,5', '15', '20', '25', '30'] as const;

function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function amount(rng: Prng): string {
  const value = rng.choice(AMOUNTS);
  const dotted = thousands(value);
  switch (rng.int(7)) {
    case 0: return `€ ${dotted},-`;
    case 1: return `€${dotted}`;
    case 2: return `EUR ${dotted}`;
    case 3: return `${dotted} euro`;
    case 4: return `€ ${dotted},00`;
    case 5: return `EUR ${value}`;
    default: return `${value} euro`;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A calendar date in one of the written forms of `date()`. */
export function writeDate(year: number, month: number, day: number, form: number): string {
  switch (form) {
    case 0: return `${pad2(day)}-${pad2(month)}-${year}`;
    case 1: return `${day}-${month}-${year}`;
    case 2: return `${day} ${MONTHS[month - 1]} ${year}`;
    case 3: return `${pad2(day)}/${pad2(month)}/${year}`;
    case 4: return `${year}-${pad2(month)}-${pad2(day)}`;
    default: return `${pad2(day)}.${pad2(month)}.${year}`;
  }
}

export interface DrawnDate {
  year: number;
  month: number;
  day: number;
  /** The written form of `writeDate` (5 = `dd.mm.yyyy`, which SPEC Appendix C does not read as a date). */
  form: number;
  text: string;
}

/** A date 2015–2026 in a random written form, with its calendar value (the generator knows what it wrote). */
export function drawDate(rng: Prng): DrawnDate {
  const year = 2015 + rng.int(12);
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(28);
  const form = rng.int(6);
  return { year, month, day, form, text: writeDate(year, month, day, form) };
}

export function date(rng: Prng): string {
  return drawDate(rng).text;
}

/** ISO date for the `Ingangsdatum` column. */
export function isoDate(rng: Prng): string {
  return `${2018 + rng.int(8)}-${pad2(1 + rng.int(12))}-01`;
}

export function postcode(rng: Prng): string {
  const letters = 'ABCDEGHJKLMNPRSTVWXZ';
  return `${1000 + rng.int(9000)} ${rng.choice([...letters])}${rng.choice([...letters])}`;
}

export function address(rng: Prng): string {
  const street = rng.choice(STREETS);
  const number = `${1 + rng.int(250)}${rng.next() < 0.15 ? rng.choice(['a', 'b', 'c']) : ''}`;
  const city = rng.choice(CITIES);
  return rng.next() < 0.5 ? `${street} ${number} te ${city}` : `${street} ${number}, ${postcode(rng)} ${city}`;
}

export function policyNumber(rng: Prng): string {
  const digits = String(10_000_000 + rng.int(90_000_000));
  return rng.choice([`POL${digits}`, `POL-${digits}`, `pol${digits}`]);
}

export function phone(rng: Prng): string {
  const digits = (k: number): string => Array.from({ length: k }, () => String(rng.int(10))).join('');
  switch (rng.int(4)) {
    case 0: return `06-${digits(8)}`;
    case 1: return `020-${digits(7)}`;
    case 2: return `088-${digits(7)}`;
    default: return `+31 30 ${digits(3)} ${digits(4)}`;
  }
}

export function email(rng: Prng): string {
  return rng.choice(MAILBOXES);
}

export function percentage(rng: Prng): string {
  const value = rng.choice(PERCENTAGES);
  return rng.choice([`${value}%`, `${value} %`, `${value} procent`]);
}

const SLOT_FILLERS: Record<string, (rng: Prng) => string> = {
  bedrag: amount,
  bedrag2: amount,
  datum: date,
  adres: address,
  polisnr: policyNumber,
  tel: phone,
  email,
  pct: percentage,
};

/**
 * Fills the `{slot}`s of a template. `dates`, when given, receives the calendar value of every `{datum}` filled, in
 * text order, so a caller can tell which rows carry a past date.
 */
export function fillSlots(template: string, rng: Prng, dates?: DrawnDate[]): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (name === 'datum' && dates) {
      const drawn = drawDate(rng);
      dates.push(drawn);
      return drawn.text;
    }
    const fill = SLOT_FILLERS[name];
    if (!fill) throw new Error(`Unknown slot ${match} in clause template`);
    return fill(rng);
  });
}

/**
 * One typo in a word of five or more letters outside the slots: two neighbouring letters swapped (edit cost 2) or
 * one letter dropped (cost 1). The first letter is left alone. Returns the new text and the edit cost.
 */
export function addTypo(template: string, rng: Prng): { text: string; cost: number } {
  const words = [...template.matchAll(/(?<![{\p{L}])\p{L}{5,}(?![}\p{L}])/gu)];
  if (words.length === 0) return { text: template, cost: 0 };
  const word = rng.choice(words);
  const start = word.index;
  const at = 1 + rng.int(word[0].length - 2);
  const chars = [...word[0]];
  let cost: number;
  if (rng.next() < 0.5 && chars[at] !== chars[at + 1]) {
    [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    cost = 2;
  } else {
    chars.splice(at, 1);
    cost = 1;
  }
  return { text: template.slice(0, start) + chars.join('') + template.slice(start + word[0].length), cost };
}

/** Zero-cost formatting noise: punctuation and whitespace that simplification removes anyway. */
export function formattingNoise(text: string, rng: Prng): string {
  let out = text;
  if (rng.next() < 0.25) out = out.replace(/\.$/, '');
  if (rng.next() < 0.1) out = out.replace(/, /, ' , ');
  if (rng.next() < 0.1) out = out.replace(/ (?=\p{L})/u, '  ');
  if (rng.next() < 0.08) out = out.replace(/\. (?=\p{Lu})/u, '.\n');
  if (rng.next() < 0.05) out = out.replace(/: /, ' - ');
  if (rng.next() < 0.08) out = `${out} `;
  if (rng.next() < 0.04) out = ` ${out}`;
  return out;
}

/** Legacy-system mojibake (UTF-8 read as Windows-1252) on the accented letters. */
export function mojibake(text: string): string {
  return text.replace(/é/g, 'Ã©').replace(/ë/g, 'Ã«').replace(/ï/g, 'Ã¯');
}

/**
 * `--style noisy`: the realistic families with the noise real exports show at its worst — more typos than the
 * realistic style allows, boilerplate labels and bullets in front, capitals — plus hard negatives (a clause and its
 * negation). This is the set grouping rules are developed and tuned on; `heldout` (another generator, another noise
 * model) is the one they are judged on.
 */
import { mulberry32, type Prng } from './prng.ts';
import { realisticRowGenerator } from './realistic.ts';
import type { GeneratedRow } from './types.ts';
import { addTypo, fillSlots } from './variation.ts';

const SHARE_HARD_NEGATIVE = 0.08;
const SHARE_SHORT = 0.2;
const SHARE_EXTRA_TYPOS = 0.4;
const PREFIXES = ['Let op: ', 'Clausule: ', 'NB: ', '- ', '* ', '1) ', 'Opmerking: '] as const;

/** Pairs of families that say the opposite in almost the same words. */
const HARD_NEGATIVES: ReadonlyArray<readonly [id: string, text: string]> = [
  ['N1a', 'Schade door hagel aan kassen en serres is meeverzekerd tot {bedrag} per gebeurtenis.'],
  ['N1b', 'Schade door hagel aan kassen en serres is niet meeverzekerd.'],
  ['N2a', 'De vergoeding voor opruimingskosten is inclusief de afvoer van puin en asbesthoudend materiaal.'],
  ['N2b', 'De vergoeding voor opruimingskosten is exclusief de afvoer van puin en asbesthoudend materiaal.'],
  ['N3a', 'Vandalisme aan de buitengevel van het bedrijfspand is wel gedekt.'],
  ['N3b', 'Vandalisme aan de buitengevel van het bedrijfspand is niet gedekt.'],
  ['N4a', 'De overeenkomst wordt jaarlijks verlengd met automatische indexering van de premie.'],
  ['N4b', 'De overeenkomst wordt jaarlijks verlengd zonder automatische indexering van de premie.'],
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A doubled or a wrong letter inside a word of four or more letters (swaps and drops come from addTypo). */
function letterTypo(text: string, rng: Prng): string {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return text;
  const word = rng.choice(words);
  const at = word.index + 1 + rng.int(word[0].length - 1);
  const replacement = rng.next() < 0.5 ? text[at]! + text[at]! : LETTERS[rng.int(LETTERS.length)]!;
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

/**
 * Short clauses of one line, as many exports hold besides the long standard texts: on a short text every typo weighs
 * more, so these are where grouping rules are tested hardest.
 */
const SHORT_FAMILIES: ReadonlyArray<readonly [id: string, text: string]> = [
  ['S01', 'Eigen risico per schade {bedrag}.'],
  ['S02', 'Premie inclusief assurantiebelasting.'],
  ['S03', 'Dekking conform offerte van {datum}.'],
  ['S04', 'Verzekerd adres: {adres}.'],
  ['S05', 'Inboedel meeverzekerd tot {bedrag}.'],
  ['S06', 'Geen dekking voor schade door ongedierte.'],
  ['S07', 'Polis geroyeerd per {datum} op verzoek van klant.'],
  ['S08', 'Tussentijdse wijziging: nieuw bouwjaar opgegeven.'],
  ['S09', 'Huurdersbelang verzekerd voor {bedrag}.'],
  ['S10', 'Maximale vergoeding per jaar {bedrag}.'],
  ['S11', 'Premievrije periode van drie maanden.'],
  ['S12', 'Dekking geldt ook voor de schuur in de tuin.'],
  ['S13', 'Clausule vervalt na de verbouwing.'],
  ['S14', 'Zie aanvullende voorwaarden bij deze polis.'],
  ['S15', 'Woning is voorzien van rookmelders.'],
  ['S16', 'Korting van {pct} op de premie toegekend.'],
  ['S17', 'Verzekeringnemer is eigenaar en bewoner.'],
  ['S18', 'Contractvervaldatum gewijzigd naar {datum}.'],
  ['S19', 'Buitenhuisdekking tot {bedrag} per gebeurtenis.'],
  ['S20', 'Schade melden binnen drie werkdagen.'],
];

function roughen(text: string, rng: Prng): string {
  let out = text;
  if (rng.next() < SHARE_EXTRA_TYPOS) {
    const count = 1 + rng.int(3);
    for (let k = 0; k < count; k++) out = rng.next() < 0.5 ? addTypo(out, rng).text : letterTypo(out, rng);
  }
  if (rng.next() < 0.05) out = out.toUpperCase();
  if (rng.next() < 0.12) out = rng.choice(PREFIXES) + out;
  return out;
}

export function generateNoisyRows(n: number, seed = 42): GeneratedRow[] {
  const next = realisticRowGenerator(seed);
  const rng = mulberry32(seed ^ 0x5eed);
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < n; i++) {
    const { row } = next();
    const kind = rng.next();
    if (kind < SHARE_HARD_NEGATIVE) {
      const [id, template] = rng.choice(HARD_NEGATIVES);
      rows.push({ ...row, Tekst: roughen(fillSlots(template, rng), rng), Label: id });
    } else if (kind < SHARE_HARD_NEGATIVE + SHARE_SHORT) {
      const [id, template] = rng.choice(SHORT_FAMILIES);
      rows.push({ ...row, Tekst: roughen(fillSlots(template, rng), rng), Label: id });
    } else if (row.Label === 'NVT') {
      rows.push(row);
    } else {
      rows.push({ ...row, Tekst: roughen(row.Tekst, rng) });
    }
  }
  return rows;
}

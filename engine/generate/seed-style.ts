/** The seeded synthetic clause generator of SPEC §13.1 (`--style seed`), the benchmark's reference data set. */
import { mulberry32 } from './prng.ts';
import type { GeneratedRow } from './types.ts';

const TEMPLATES = [
  'Deze polis dekt schade aan {item} tot een bedrag van {bedrag}',
  'Uitgesloten zijn schades door {oorzaak} en {oorzaak2}',
  'De verzekering geldt voor {locatie} en omgeving',
  'Eigen risico bedraagt {bedrag} per gebeurtenis',
  'Dekking is van toepassing op {tijdstip} tot {tijdstip2}',
] as const;
const ITEMS = ['gebouw', 'inventaris', 'goederen', 'voertuig', 'machines'] as const;
const BEDRAGEN = ['€5.000', '€10.000', '€25.000', '€50.000', '€100.000'] as const;
const OORZAKEN = ['opzet', 'oorlog', 'natuurrampen', 'kernenergie', 'terrorisme'] as const;
const LOCATIES = ['Nederland', 'Europa', 'wereldwijd', 'vestigingsadres', 'het verzekerde'] as const;
const TIJDSTIPPEN = ['01-01-2024', '01-07-2024', 'datum aanvraag', 'ingangsdatum'] as const;

/** Dates do not change a T4 clause's meaning, so the label writes them as `DATUM`. */
function tijdstipLabel(value: string): string {
  return /^\d{2}-\d{2}-\d{4}$/.test(value) ? 'DATUM' : value;
}

export function generateSeedRows(n: number, seed = 42): GeneratedRow[] {
  const rng = mulberry32(seed);
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < n; i++) {
    // All eight values are drawn for every row, in this order, whatever the template uses.
    const template = rng.int(TEMPLATES.length);
    const item = rng.choice(ITEMS);
    const bedrag = rng.choice(BEDRAGEN);
    const oorzaak = rng.choice(OORZAKEN);
    const oorzaak2 = rng.choice(OORZAKEN);
    const locatie = rng.choice(LOCATIES);
    const tijdstip = rng.choice(TIJDSTIPPEN);
    const tijdstip2 = rng.choice(TIJDSTIPPEN);
    const values: Record<string, string> = { item, bedrag, oorzaak, oorzaak2, locatie, tijdstip, tijdstip2 };

    let text = TEMPLATES[template]!.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
    if (i % 10 === 0) text = text.toUpperCase();
    if (i % 7 === 0) text = `Let op: ${text}`;

    const meaning: string[] = [`T${template}`];
    if (template === 0) meaning.push(item);
    if (template === 1) meaning.push(oorzaak, oorzaak2);
    if (template === 2) meaning.push(locatie);
    if (template === 4) meaning.push(tijdstipLabel(tijdstip), tijdstipLabel(tijdstip2));

    rows.push({ Polisnummer: `POL-${String(i % 100).padStart(3, '0')}`, Tekst: text, Label: meaning.join('|') });
  }
  return rows;
}

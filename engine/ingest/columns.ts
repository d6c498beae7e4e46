/**
 * Header normalisation (SPEC §4.2), text-column detection (§4.3) and policy-number-column detection (§4.4).
 */
import { InputError } from '../util/errors.ts';
import { codePointLength, trimUnicode } from '../util/text.ts';

export interface ColumnChoice {
  index: number;
  header: string;
  rule: 'exact' | 'case-insensitive' | 'longest-average' | 'override' | 'key';
}

/** A missing header becomes `Kolom {n}` (n = 1-based position); a repeated one gets ` (2)`, ` (3)`, … */
export function normaliseHeaders(raw: readonly string[]): string[] {
  const bases = raw.map((header, i) => (trimUnicode(header) === '' ? `Kolom ${i + 1}` : header));
  const lastAt = new Map(bases.map((base, i) => [base, i]));
  const used = new Set<string>();
  return bases.map((base, i) => {
    // A generated name must not take a header that appears later in the file.
    const takenLater = (name: string): boolean => (lastAt.get(name) ?? -1) > i;
    let name = base;
    for (let k = 2; used.has(name) || (name !== base && takenLater(name)); k++) name = `${base} (${k})`;
    used.add(name);
    return name;
  });
}

export const TEXT_COLUMN_NAMES = ['Tekst', 'Vrije Tekst', 'Clausule', 'Text', 'Description'] as const;
export const POLICY_TERMS = ['polisnummer', 'polisnr', 'policy number', 'polis'] as const;
/** Rows whose average text length decides the text column (§4.3 step 3). */
export const AVERAGE_ROWS = 1000;

/** NFKC, lower-case, every run of non-letters/digits → one space, trimmed (`Policy_Number` → `policy number`). */
export function policyKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const sameLoose = (a: string, b: string): boolean => trimUnicode(a).toLowerCase() === trimUnicode(b).toLowerCase();

function listHeaders(headers: readonly string[]): string {
  return headers.map((h) => `"${h}"`).join(', ');
}

/** The column a header names: exactly, or else case-insensitively after trimming; -1 when there is none. */
export function headerIndex(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  return exact >= 0 ? exact : headers.findIndex((h) => sameLoose(h, wanted));
}

/** Headers under which labelled workbooks keep each row's intended group (generated workbooks write `Label`). */
const LABEL_HEADER = /^(label|cluster|cluster ?label|referentie ?cluster)$/i;

/** The label column of a labelled workbook: `Label`, else the first header that names a group; -1 when none. */
export function detectLabelColumn(headers: readonly string[]): number {
  const label = headerIndex(headers, 'Label');
  return label >= 0 ? label : headers.findIndex((h) => LABEL_HEADER.test(trimUnicode(h)));
}

/** An override names a header exactly, or else case-insensitively after trimming. */
function findOverride(headers: readonly string[], wanted: string, setting: string, where: string, file: string): number {
  const index = headerIndex(headers, wanted);
  if (index < 0) {
    throw new InputError(
      `Column "${wanted}" (setting ${setting}) was not found in ${where}. The headers are: ${listHeaders(headers)}. ` +
        `Set ${setting} to one of these headers, or leave it empty for automatic detection.`,
      file,
    );
  }
  return index;
}

/** SPEC §4.4; `override` is `input.policyColumn` ('' automatic, 'none' disables). */
export function detectPolicyColumn(headers: readonly string[], override: string, where: string, file: string): ColumnChoice | null {
  if (trimUnicode(override) !== '') {
    if (trimUnicode(override).toLowerCase() === 'none') return null;
    const index = findOverride(headers, override, 'input.policyColumn', where, file);
    return { index, header: headers[index]!, rule: 'override' };
  }
  const keys = headers.map(policyKey);
  for (const term of POLICY_TERMS) {
    const index = keys.findIndex((key) => key === term || key.startsWith(`${term} `));
    if (index >= 0) return { index, header: headers[index]!, rule: 'key' };
  }
  return null;
}

/**
 * SPEC §4.3; `override` is `input.textColumn` ('' automatic). The policy column is never chosen automatically (the
 * SPEC excludes it from step 3; steps 1–2 cannot name it unless it was set by override, and then it is skipped too).
 */
export function detectTextColumn(
  headers: readonly string[],
  rows: readonly { cells: readonly string[] }[],
  policyIndex: number | null,
  override: string,
  where: string,
  file: string,
): ColumnChoice {
  if (trimUnicode(override) !== '') {
    const index = findOverride(headers, override, 'input.textColumn', where, file);
    return { index, header: headers[index]!, rule: 'override' };
  }
  const candidates = headers.map((_, i) => i).filter((i) => i !== policyIndex);
  if (candidates.length === 0) {
    const policy = policyIndex === null ? '' : ` besides the policy-number column "${headers[policyIndex]}"`;
    throw new InputError(
      `${where} has no text-like column: there is no column${policy} that could hold the clause texts. ` +
        'Add a column with the clause texts (for example "Vrije Tekst"), or set input.textColumn.',
      file,
    );
  }
  for (const name of TEXT_COLUMN_NAMES) {
    const index = candidates.find((i) => headers[i] === name);
    if (index !== undefined) return { index, header: headers[index]!, rule: 'exact' };
  }
  for (const name of TEXT_COLUMN_NAMES) {
    const index = candidates.find((i) => sameLoose(headers[i]!, name));
    if (index !== undefined) return { index, header: headers[index]!, rule: 'case-insensitive' };
  }
  const sample = rows.slice(0, AVERAGE_ROWS);
  let best = candidates[0]!;
  let bestAverage = -1;
  for (const i of candidates) {
    let total = 0;
    let count = 0;
    for (const row of sample) {
      const text = trimUnicode(row.cells[i] ?? '');
      if (text === '') continue;
      total += codePointLength(text);
      count++;
    }
    const average = count === 0 ? 0 : total / count;
    if (average > bestAverage) {
      best = i;
      bestAverage = average;
    }
  }
  return { index: best, header: headers[best]!, rule: 'longest-average' };
}

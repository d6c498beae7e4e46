/**
 * Excel cell value → text (SPEC §4.2). Values stay text: no type inference happens downstream.
 */

/** Shortest round-trip decimal without exponent or trailing `.0` (`12345`, `1.5`, 1e21 → 1 and 21 zeros). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return '0';
  const shortest = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const [, sign = '', lead = '', fraction = '', exponent = '0'] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponent); // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * `YYYY-MM-DD`, plus ` HH:MM:SS` when the time is not midnight. exceljs builds dates in UTC; the time is rounded to
 * the nearest second because Excel serial numbers rarely land exactly on one (12:30 reads back as 12:29:59.999).
 */
export function formatDate(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return '';
  const d = new Date(Math.round(ms / 1000) * 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const [h, m, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/**
 * OOXML escapes in shared and inline strings (`_x000D_` → CR), decoded as exceljs decodes them when it loads a whole
 * workbook, so both readers give the same text. Formula results are not decoded by either.
 */
export const decodeOoxmlEscapes = (text: string): string =>
  text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

/** An Excel serial date → the instant exceljs gives it (UTC, rounded to the millisecond). */
export const excelSerialToDate = (serial: number, date1904: boolean): Date => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null;

function richTextOf(value: Obj): string | null {
  const runs = value['richText'];
  if (!Array.isArray(runs)) return null;
  return runs.map((run) => (isObject(run) && typeof run['text'] === 'string' ? run['text'] : '')).join('');
}

/** Converts an exceljs cell value (as found in `cell.value`) to its text. */
export function cellValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'WAAR' : 'ONWAAR';
  if (value instanceof Date) return formatDate(value);
  if (!isObject(value)) return String(value);
  const rich = richTextOf(value);
  if (rich !== null) return rich;
  if ('formula' in value || 'sharedFormula' in value) return cellValueText(value['result']);
  if (typeof value['error'] === 'string') return value['error'];
  if ('text' in value) {
    // Hyperlinks: the visible text, which may itself be rich text.
    const text = value['text'];
    return isObject(text) ? (richTextOf(text) ?? '') : cellValueText(text);
  }
  return '';
}

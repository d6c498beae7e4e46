/**
 * Cell safety of SPEC §10.4: every text reaches Excel as a plain string cell, never as a formula; characters XML
 * cannot hold are removed; texts over the Excel cell limit are cut and counted.
 */
export const EXCEL_CELL_LIMIT = 32_767;
export const CUT_LENGTH = 32_750;
export const CUT_MARKER = '[...]';

/**
 * C0 controls other than TAB, LF and CR, and lone surrogates (§10.4). U+FFFE and U+FFFF are removed as well: XML
 * cannot hold them either, and a workbook containing them cannot be opened (exceljs' own reader rejects it).
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text starting with one of these would be taken for a formula when a user edits the cell. */
const FORMULA_START = /^[=+\-@\t\r]/;

export interface SafeText {
  /** The text as Excel shows it: illegal characters removed, cut when too long. */
  text: string;
  /**
   * What the cell stores: `text` with the OOXML string escapes Excel decodes on reading (`_x000D_` for CR,
   * `_x007F_` for DEL, `_x005F_` before a literal `_xHHHH_`). XML parsers turn a raw CR into LF and exceljs drops
   * DEL, so without these escapes such texts would not read back unchanged.
   */
  stored: string;
  quotePrefix: boolean;
  shortened: boolean;
}

/** Whether a text may hold an illegal character: one plain scan, cheaper than XML_ILLEGAL's look-arounds on every text. */
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function removeXmlIllegal(text: string): string {
  return MAYBE_ILLEGAL.test(text) ? text.replace(XML_ILLEGAL, '') : text;
}

/**
 * Cuts a text Excel cannot hold to 32 750 code points + `[...]`. Excel's limit counts UTF-16 units, so a text is
 * cut when either its code points or its UTF-16 units exceed 32 767 (the same thing for texts without emoji), and
 * the cut never splits a surrogate pair or lets the result exceed the limit.
 */
export function cutToCellLimit(text: string): { text: string; shortened: boolean } {
  if (text.length <= EXCEL_CELL_LIMIT) return { text, shortened: false };
  const maxUnits = EXCEL_CELL_LIMIT - CUT_MARKER.length;
  let units = 0;
  let points = 0;
  for (const ch of text) {
    if (points === CUT_LENGTH || units + ch.length > maxUnits) break;
    units += ch.length;
    points++;
  }
  return { text: text.slice(0, units) + CUT_MARKER, shortened: true };
}

/** Whether a text holds anything escapeForExcel changes; most texts do not, and one scan is cheaper than three. */
const NEEDS_ESCAPE = /_x[0-9A-Fa-f]{4}_|[\r\u007F]/;

export function escapeForExcel(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/\r/g, '_x000D_')
    .replace(/\u007F/g, '_x007F_');
}

export function needsQuotePrefix(text: string): boolean {
  return FORMULA_START.test(text);
}

export function safeCellText(raw: string): SafeText {
  const { text, shortened } = cutToCellLimit(removeXmlIllegal(raw));
  return { text, stored: escapeForExcel(text), quotePrefix: needsQuotePrefix(text), shortened };
}

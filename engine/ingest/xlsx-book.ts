/**
 * The workbook-level parts of an .xlsx (ECMA-376 part 1): the sheet list and date system (`xl/workbook.xml`), where
 * each sheet's part lives (`xl/_rels/workbook.xml.rels`), which cell styles show dates (`xl/styles.xml`) and the
 * shared strings (`xl/sharedStrings.xml`). Texts follow exceljs' streaming reader, which the policy workbook was read
 * with before (docs/decisions.md lists where they differ).
 */
import { decodeOoxmlEscapes } from './cell-text.ts';
import { attribute, decodeNamedEntitiesAgain, decodeXmlText, XmlScanner, type XmlHandler } from './xml-scan.ts';
import type { ZipEntry } from './zip-directory.ts';
import { entryText, entryTextPieces } from './zip-text.ts';

export interface BookSheet {
  name: string;
  /** Zip entry name of the worksheet part; null when the relationship is missing. */
  part: string | null;
}

export interface BookFacts {
  sheets: BookSheet[];
  /** Serial 0 is 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

function scanWhole(text: string, handler: XmlHandler): void {
  const scanner = new XmlScanner(handler);
  scanner.push(text);
  scanner.end();
}

/** An attribute value as the XML parser gives it: entities decoded, white space characters as spaces. */
const attributeText = (raw: string): string => decodeXmlText(raw.replace(/[\t\n\r]/g, ' '));

/** A relationship target is relative to the `xl/` folder unless it starts with `/` (relative to the package root). */
function resolvePart(target: string): string {
  const segments = target.startsWith('/') ? [] : ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

export function readBookFacts(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): BookFacts {
  const targets = new Map<string, string>();
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    scanWhole(entryText(bytes, rels), {
      open(name, attributes) {
        if (name !== 'Relationship') return;
        const id = attribute(attributes, 'Id');
        const target = attribute(attributes, 'Target');
        if (id !== null && target !== null) targets.set(attributeText(id), resolvePart(attributeText(target)));
      },
      close() {},
      text() {},
    });
  }
  const facts: BookFacts = { sheets: [], date1904: false };
  const book = entries.get('xl/workbook.xml');
  if (!book) return facts;
  scanWhole(entryText(bytes, book), {
    open(name, attributes) {
      if (name === 'workbookPr') {
        const flag = attribute(attributes, 'date1904');
        facts.date1904 = flag === '1' || flag === 'true';
      } else if (name === 'sheet') {
        const id = attribute(attributes, 'r:id');
        facts.sheets.push({
          name: decodeNamedEntitiesAgain(attributeText(attribute(attributes, 'name') ?? '')),
          part: id === null ? null : (targets.get(attributeText(id)) ?? null),
        });
      }
    },
    close() {},
    text() {},
  });
  return facts;
}

/** Format codes of the built-in number formats exceljs knows (ECMA-376 §18.8.30); the others are not dates to it. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  48: '##0.0E+0', 49: '@',
};

/** exceljs' test: a date or time letter outside quoted text and `[…]` sections. */
export const isDateFormat = (code: string): boolean => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/**
 * For each cell style (`cellXfs` index), whether its number format shows a date; the array's length is the number
 * of styles, since a cell naming a style that does not exist keeps its row's style.
 */
export function readDateStyles(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): boolean[] {
  const styles = entries.get('xl/styles.xml');
  if (!styles) return [];
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellStyles = false;
  scanWhole(entryText(bytes, styles), {
    open(name, attributes) {
      if (name === 'numFmt') {
        // exceljs drops the backslash of escaped characters before looking for date letters.
        const code = attributeText(attribute(attributes, 'formatCode') ?? '').replace(/\\(.)/g, '$1');
        custom.set(parseInt(attribute(attributes, 'numFmtId') ?? '', 10), code);
      } else if (name === 'cellXfs') inCellStyles = true;
      else if (name === 'xf' && inCellStyles) formatIds.push(parseInt(attribute(attributes, 'numFmtId') ?? '', 10));
    },
    close(name) {
      if (name === 'cellXfs') inCellStyles = false;
    },
    text() {},
  });
  return formatIds.map((id) => {
    if (!id) return false; // 0 (General) or missing
    const code = custom.get(id) || BUILT_IN_FORMATS[id];
    return code !== undefined && isDateFormat(code);
  });
}

/**
 * Every shared string as cell text: plain or rich text (runs joined), OOXML escapes decoded per run, phonetic
 * readings (`<rPh>`) left out. Character data after a `<t>` up to the next `<t>` or run end counts, as in exceljs.
 */
export async function readSharedStrings(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): Promise<string[]> {
  const part = entries.get('xl/sharedStrings.xml');
  if (!part) return [];
  const strings: string[] = [];
  const textOf = (raw: string | null): string => (raw === null ? '' : decodeOoxmlEscapes(decodeXmlText(raw)));
  let runs: string[] = [];
  let raw: string | null = null;
  let phonetic = 0;
  const scanner = new XmlScanner({
    open(name) {
      if (name === 'rPh') phonetic++;
      else if (phonetic > 0) return;
      else if (name === 't') raw = null;
      else if (name === 'si') {
        runs = [];
        raw = null;
      }
    },
    close(name) {
      if (name === 'rPh') phonetic--;
      else if (phonetic > 0) return;
      else if (name === 'r') {
        runs.push(textOf(raw));
        raw = null;
      } else if (name === 'si') strings.push(runs.length > 0 ? runs.join('') : textOf(raw));
    },
    text(piece) {
      if (phonetic === 0) raw = raw === null ? piece : raw + piece;
    },
  });
  for await (const piece of entryTextPieces(bytes, part)) scanner.push(piece);
  scanner.end();
  return strings;
}

/**
 * The shared strings of the report (`xl/sharedStrings.xml`). Every text cell refers to one: readers decode the OOXML
 * escapes of cells.ts (`_x000D_`, …) in shared strings, so texts read back unchanged. Each distinct text is kept
 * once, in a Map whose insertion order is the index order, and written out after the sheets.
 */
import type { ZipEntryWriter } from './zip-writer.ts';

const XML_SPECIAL = /[&<>]/g;
const XML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Leading or trailing white space, or a line break, is kept only under `xml:space="preserve"`. */
const NEEDS_PRESERVE = /^\s|\n|\s$/;
/** Strings written between waits for the compressor. */
const STRINGS_PER_WAIT = 2_000;

export function escapeXmlText(text: string): string {
  return text.replace(XML_SPECIAL, (ch) => XML_ENTITY[ch]!);
}

export class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private references = 0;

  /** The index of a text (as stored, escapes included), added on first use. */
  index(text: string): number {
    this.references++;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.indexes.size;
      this.indexes.set(text, index);
    }
    return index;
  }

  async write(entry: ZipEntryWriter): Promise<void> {
    entry.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.references}" uniqueCount="${this.indexes.size}">`,
    );
    let n = 0;
    for (const text of this.indexes.keys()) {
      entry.write(NEEDS_PRESERVE.test(text) ? `<si><t xml:space="preserve">${escapeXmlText(text)}</t></si>` : `<si><t>${escapeXmlText(text)}</t></si>`);
      if (++n % STRINGS_PER_WAIT === 0) await entry.caughtUp();
    }
    entry.write('</sst>');
  }
}

/**
 * The cell formats of the report and its styles part (`xl/styles.xml`): exactly the formats its cells use, numbered
 * in order of first use, format 0 being the plain cell. What a format can hold is what SPEC §10.4 asks for: a bold
 * header, wrapped top-aligned text, the quote-prefixed text format of cells.ts and the `Advies` fills of
 * advise/labels.ts.
 */

interface CellFormat {
  bold: boolean;
  wrap: boolean;
  /** The text format `@` with `quotePrefix="1"`: a text that looks like a formula stays text when edited. */
  quotePrefix: boolean;
  /** RGB hex fill, or null. */
  fill: string | null;
}

/** The built-in number format `@` (text). */
const TEXT_NUMFMT_ID = 49;
/** Fills 0 and 1 are reserved by the format (none and gray125); own fills come after them. */
const RESERVED_FILLS = 2;
const FONT_PROPERTIES = '<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>';

export class StyleBook {
  /** Format id by a small number made of the flags and the fill's place: a lookup per cell makes no garbage. */
  private readonly ids = new Map<number, number>();
  private readonly formats: CellFormat[] = [];
  private readonly fills: string[] = [];

  constructor() {
    this.id(false, false, false, null);
  }

  /** The format id (`s="…"`) of a combination, added on first use. */
  id(bold: boolean, wrap: boolean, quotePrefix: boolean, fill: string | null): number {
    let fillNumber = fill === null ? 0 : this.fills.indexOf(fill) + 1;
    if (fillNumber === 0 && fill !== null) fillNumber = this.fills.push(fill);
    const key = fillNumber * 8 + +bold * 4 + +wrap * 2 + +quotePrefix;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.formats.length;
      this.formats.push({ bold, wrap, quotePrefix, fill });
      this.ids.set(key, id);
    }
    return id;
  }

  xml(): string {
    const fills = this.fills.map((rgb) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/></patternFill></fill>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<fonts count="2"><font>${FONT_PROPERTIES}</font><font><b/>${FONT_PROPERTIES}</font></fonts>` +
      `<fills count="${RESERVED_FILLS + fills.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.formats.length}">${this.formats.map((format) => this.formatXml(format)).join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
    );
  }

  private formatXml(format: CellFormat): string {
    const fillId = format.fill === null ? 0 : RESERVED_FILLS + this.fills.indexOf(format.fill);
    let xml = `<xf numFmtId="${format.quotePrefix ? TEXT_NUMFMT_ID : 0}" fontId="${+format.bold}" fillId="${fillId}" borderId="0" xfId="0"`;
    if (format.quotePrefix) xml += ' applyNumberFormat="1" quotePrefix="1"';
    if (format.bold) xml += ' applyFont="1"';
    if (format.fill !== null) xml += ' applyFill="1"';
    if (!format.wrap) return `${xml}/>`;
    return `${xml} applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`;
  }
}

/** Reads the raw XML parts of a written workbook, for what exceljs does not read back (quotePrefix, formulas). */
import JSZip from 'jszip';

export interface XlsxParts {
  sheetXml(index: number): Promise<string>;
  stylesXml(): Promise<string>;
  /** Attributes of the `<cellXfs>` entry a cell uses (`s="n"`), or of entry 0 when the cell has none. */
  cellFormat(sheetIndex: number, address: string): Promise<Record<string, string>>;
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

export async function openParts(bytes: Uint8Array): Promise<XlsxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<string> => {
    const file = zip.file(name);
    if (!file) throw new Error(`no part ${name}`);
    return file.async('string');
  };
  const parts: XlsxParts = {
    sheetXml: (index) => read(`xl/worksheets/sheet${index}.xml`),
    stylesXml: () => read('xl/styles.xml'),
    async cellFormat(sheetIndex, address) {
      const sheet = await parts.sheetXml(sheetIndex);
      const cell = new RegExp(`<c r="${address}"[^>]*>`).exec(sheet);
      if (!cell) throw new Error(`no cell ${address} in sheet ${sheetIndex}`);
      const styleIndex = Number(attributes(cell[0]).s ?? 0);
      const styles = await parts.stylesXml();
      const cellXfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)![0];
      const xfs = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => attributes(m[0]));
      return xfs[styleIndex]!;
    },
  };
  return parts;
}

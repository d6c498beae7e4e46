/**
 * Text extraction of conditions documents (SPEC §4.6): every format becomes a list of lines in document order, each
 * knowing its page (PDF only). Blank lines separate paragraphs (paragraph mode splits at them).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { decodeText } from '../../ingest/index.ts';
import { InputError } from '../../util/errors.ts';

export interface DocumentLine {
  text: string;
  /** 1-based page of a PDF line; null for every other format. */
  page: number | null;
}

export const CONDITIONS_EXTENSIONS = ['.txt', '.md', '.docx', '.pdf'] as const;
export type ConditionsFormat = 'txt' | 'md' | 'docx' | 'pdf';

export function conditionsFormat(file: string): ConditionsFormat {
  const ext = extname(file).toLowerCase();
  if ((CONDITIONS_EXTENSIONS as readonly string[]).includes(ext)) return ext.slice(1) as ConditionsFormat;
  throw new InputError(
    `Conditions document ${file} has an unsupported extension "${extname(file)}". ` +
      `Accepted extensions: ${CONDITIONS_EXTENSIONS.join(', ')} (save .doc files as .docx).`,
    file,
  );
}

export async function readBytes(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    throw new InputError(`${what} ${file} ${reason}. Check the path and that the file is not locked by another program.`, file);
  }
}

const LINE_BREAK = /\r\n|\r|\n/;

function plainLines(text: string): DocumentLine[] {
  return text.split(LINE_BREAK).map((line) => ({ text: line, page: null }));
}

const MD_HEADING_MARKS = /^\s*#+\s*/;
const MD_WHOLE_LINE_EMPHASIS = /^(\*\*|__)((?:(?!\1).)+)\1$/;

/** Markdown: leading `#` marks and `**`/`__` around a whole line are removed first (§4.6). */
export function stripMarkdownLine(line: string): string {
  const withoutMarks = line.replace(MD_HEADING_MARKS, '');
  const trimmed = withoutMarks.trim();
  const emphasis = MD_WHOLE_LINE_EMPHASIS.exec(trimmed);
  return emphasis ? emphasis[2]! : withoutMarks;
}

/**
 * `.docx` via mammoth's raw text: every paragraph (table cells included, in document order) is emitted followed by a
 * blank line, so splitting at `\n\n` gives one line per paragraph, and an empty paragraph becomes an empty line.
 * Mammoth's raw text drops manual line breaks inside a paragraph; such a paragraph stays one line.
 */
async function docxLines(file: string, bytes: Uint8Array): Promise<DocumentLine[]> {
  let raw: string;
  try {
    // loaded on first use: most runs read no .docx, and loading mammoth costs ~60 ms of every start
    const { default: mammoth } = await import('mammoth');
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new InputError(
      `Conditions document ${file} is not a readable Word document (${(error as Error).message}). ` +
        'Open it in Word and save it again as .docx, or export it as PDF or text.',
      file,
    );
  }
  const paragraphs = raw.split('\n\n');
  if (paragraphs.length > 0 && paragraphs[paragraphs.length - 1] === '') paragraphs.pop();
  return paragraphs.flatMap((paragraph) => paragraph.split(LINE_BREAK)).map((line) => ({ text: line, page: null }));
}

interface PlacedItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Rebuilds the lines of one page from positioned text items: items whose baselines lie within 40% of the font size
 * form one line (ordered left to right, a space where the horizontal gap exceeds 15% of the font size); a vertical gap
 * of more than 1.6 line heights between lines becomes a blank line, so paragraphs stay separable.
 */
export function rebuildPageLines(items: PdfTextItem[], page: number): DocumentLine[] {
  const placed: PlacedItem[] = items
    .filter((item) => item.str.trim() !== '')
    .map((item) => {
      const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
      const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
      return { str: item.str, x, y, width: item.width, size };
    })
    .sort((p, q) => q.y - p.y || p.x - q.x);

  const rows: { y: number; size: number; items: PlacedItem[] }[] = [];
  for (const item of placed) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row.y - item.y) <= 0.4 * Math.min(row.size, item.size)) {
      row.items.push(item);
      row.size = Math.max(row.size, item.size);
    } else {
      rows.push({ y: item.y, size: item.size, items: [item] });
    }
  }

  const lines: DocumentLine[] = [];
  let previous: { y: number; size: number } | null = null;
  for (const row of rows) {
    if (previous && previous.y - row.y > 1.6 * Math.max(previous.size, row.size)) lines.push({ text: '', page });
    row.items.sort((p, q) => p.x - q.x);
    let text = '';
    let end = -Infinity;
    for (const item of row.items) {
      const gap = item.x - end;
      if (text !== '' && gap > 0.15 * item.size && !/\s$/u.test(text) && !/^\s/u.test(item.str)) text += ' ';
      text += item.str;
      end = item.x + item.width;
    }
    lines.push({ text, page });
    previous = row;
  }
  return lines;
}

/**
 * `.pdf` via the pdfjs-dist legacy build (Node): the text layer page by page. Parsing runs in-process (pdfjs' fake
 * worker); nothing is fetched — no font data, no system fonts, no eval.
 */
async function pdfLines(file: string, bytes: Uint8Array): Promise<DocumentLine[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: bytes,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = (error as Error).name;
    const detail =
      name === 'PasswordException'
        ? 'is password-protected. Remove the password and try again'
        : `is not a readable PDF (${(error as Error).message}). Open it and save or export it again`;
    throw new InputError(`Conditions document ${file} ${detail}.`, file);
  }
  try {
    const lines: DocumentLine[] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      const items: PdfTextItem[] = content.items.flatMap((item) => ('str' in item ? [item] : []));
      // A page break also ends a paragraph: in paragraph mode a heading at the top of a page opens its own section.
      if (pageNumber > 1) lines.push({ text: '', page: pageNumber });
      lines.push(...rebuildPageLines(items, pageNumber));
      page.cleanup();
    }
    return lines;
  } catch (error) {
    throw new InputError(`Conditions document ${file} could not be read completely as PDF (${(error as Error).message}).`, file);
  } finally {
    await document.destroy();
  }
}

/** The lines of one conditions document, in document order. Throws InputError naming the file. */
export async function extractLines(file: string): Promise<DocumentLine[]> {
  const format = conditionsFormat(file);
  const bytes = await readBytes(file, 'Conditions document');
  switch (format) {
    case 'txt':
      return plainLines(decodeText(bytes).text);
    case 'md':
      return plainLines(decodeText(bytes).text).map((line) => ({ ...line, text: stripMarkdownLine(line.text) }));
    case 'docx':
      return docxLines(file, bytes);
    case 'pdf':
      return pdfLines(file, bytes);
  }
}

/** The document id of §4.6: the file name. */
export function documentId(file: string): string {
  return basename(file);
}

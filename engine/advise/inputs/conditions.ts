/**
 * Conditions documents ("voorwaarden", SPEC §4.6): lines → article sections (header forms A, B, C) or, when a document
 * has too few articles or an oversized section, paragraph sections; long sections split at sentence ends.
 */
import { simplify } from '../../normalise/simplify.ts';
import { codePointLength } from '../../util/text.ts';
import { warning, type Warning } from '../../util/warnings.ts';
import { documentId as documentIdOf, extractLines, type DocumentLine } from './extract.ts';

export interface Section {
  /** `{documentId}#{id}#{part}`, unique across parts and files. */
  key: string;
  /** The file name. */
  documentId: string;
  /** `Art {number}`, `Inleiding` or `Sec {k}`. */
  id: string;
  title: string;
  text: string;
  simplified: string;
  /** Page of the header line (article mode) or of the first line (other sections); PDF only, else null. */
  page: number | null;
  /** 1-based part number within the key; later parts are titled `{title} (vervolg)`. */
  part: number;
}

export type ConditionsMode = 'article' | 'paragraph' | 'empty';

export interface ConditionsDocumentInfo {
  file: string;
  documentId: string;
  mode: ConditionsMode;
  sections: number;
}

export interface ConditionsResult {
  sections: Section[];
  warnings: Warning[];
  documents: ConditionsDocumentInfo[];
}

/** A section before splitting. */
export interface DraftSection {
  id: string;
  title: string;
  text: string;
  page: number | null;
}

// Constants of Appendix E.
const MAX_ARTICLE_NUMBER = 50;
const TITLE_LOOKAHEAD_MAX = 120;
const CAPITALS_TITLE = { min: 6, max: 119 };
const MIN_SECTION_SIMPLIFIED = 10;
const MIN_ARTICLE_SECTIONS = 3;
const MAX_ARTICLE_SECTION = 10_000;
const MIN_PARAGRAPH = 20;
const CAPITALS_PARAGRAPH_HEADER = { min: 6, max: 99 };
const PARAGRAPH_TITLE_CUT = 80;
const MAX_SECTION = 2000;

const FORM_A = /^(?:artikel|art\.?)\s+(\d{1,2}(?:\.\d{1,2})*)\s*[:.\-–]?\s*(.*)$/iu;
const FORM_B = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s*[:.\-–]?\s*(.*)$/u;
/** Case-sensitive on purpose: the title must start with a capital (`7 Premie`, not `12 maanden`). */
const FORM_C = /^(\d{1,2})\s+(\p{Lu}[\p{L} ]{3,}.*)$/u;

export interface ArticleHeader {
  form: 'A' | 'B' | 'C';
  number: string;
  title: string;
}

/**
 * Tests a trimmed line against header forms A, B, C (in that order). A header is valid only when its first number is
 * 1–50 and every dotted part is a whole 1–2 digit group: the number may not continue with a digit, so `1.500 euro`
 * (which the pattern would read as `1.50` + `0 euro`) and `Artikel 100` are no headers.
 */
export function matchArticleHeader(line: string): ArticleHeader | null {
  for (const [form, pattern] of [
    ['A', FORM_A],
    ['B', FORM_B],
    ['C', FORM_C],
  ] as const) {
    const match = pattern.exec(line);
    if (!match) continue;
    const number = match[1]!;
    const numberEnd = (form === 'A' ? line.search(/\d/) : 0) + number.length;
    if (/\d/.test(line.charAt(numberEnd))) continue;
    const first = Number(number.split('.')[0]);
    if (first < 1 || first > MAX_ARTICLE_NUMBER) continue;
    return { form, number, title: match[2]!.trim() };
  }
  return null;
}

const hasLetter = (text: string): boolean => /\p{L}/u.test(text);
/** All capitals: at least one letter and no lower-case letter. */
export function isAllCapitals(text: string): boolean {
  return hasLetter(text) && !/\p{Ll}/u.test(text);
}
const startsWithCapital = (text: string): boolean => /^\p{Lu}/u.test(text);

/** Form-B title look-ahead: the next non-blank line becomes the title when it looks like one. */
export function isLookAheadTitle(line: string): boolean {
  const length = codePointLength(line);
  if (length === 0 || length > TITLE_LOOKAHEAD_MAX || /[.!?]$/u.test(line)) return false;
  const capitals = isAllCapitals(line) && length >= CAPITALS_TITLE.min && length <= CAPITALS_TITLE.max;
  return capitals || startsWithCapital(line);
}

const sectionText = (lines: string[]): string =>
  lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');

const firstPage = (lines: DocumentLine[]): number | null => lines.find((line) => line.text.trim() !== '')?.page ?? null;

const isSubstantial = (section: DraftSection): boolean => codePointLength(simplify(section.text)) >= MIN_SECTION_SIMPLIFIED;

/** Article mode: `Inleiding` for text before the first header, then one section per header. */
export function articleSections(lines: DocumentLine[]): DraftSection[] {
  const drafts: { id: string; title: string; page: number | null; lines: DocumentLine[] }[] = [];
  let current: (typeof drafts)[number] = { id: 'Inleiding', title: 'Inleiding', page: null, lines: [] };
  drafts.push(current);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.text.trim();
    const header = trimmed === '' ? null : matchArticleHeader(trimmed);
    if (!header) {
      current.lines.push(line);
      continue;
    }
    let title = header.title;
    const body: DocumentLine[] = [{ text: trimmed, page: line.page }];
    if (header.form === 'B' && title === '') {
      let next = i + 1;
      while (next < lines.length && lines[next]!.text.trim() === '') next++;
      const candidate = next < lines.length ? lines[next]!.text.trim() : '';
      if (candidate !== '' && isLookAheadTitle(candidate)) {
        title = candidate;
        body.push(lines[next]!);
        i = next;
      }
    }
    current = { id: `Art ${header.number}`, title, page: line.page, lines: body };
    drafts.push(current);
  }
  const inleiding = drafts[0]!;
  inleiding.page = firstPage(inleiding.lines);
  return drafts
    .map((draft) => ({ id: draft.id, title: draft.title, page: draft.page, text: sectionText(draft.lines.map((l) => l.text)) }))
    .filter(isSubstantial);
}

const PARAGRAPH_HEADINGS = [
  'dekking',
  'uitsluitingen',
  'verplichtingen',
  'premie',
  'schade',
  'begripsomschrijvingen',
  'algemeen',
  'gebouwverzekering',
  'inboedelverzekering',
  'kostbaarheden',
  'aansprakelijkheid',
  'wijzigingen',
  'begin en einde',
  'overige bepalingen',
];

function isParagraphHeading(firstLine: string): boolean {
  const lower = firstLine.toLowerCase();
  if (PARAGRAPH_HEADINGS.some((heading) => lower.startsWith(heading))) return true;
  const length = codePointLength(firstLine);
  return isAllCapitals(firstLine) && length >= CAPITALS_PARAGRAPH_HEADER.min && length <= CAPITALS_PARAGRAPH_HEADER.max;
}

function cutCodePoints(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('');
}

/** Paragraph mode: paragraphs at blank lines; heading paragraphs open `Sec {k}`, others join the open section. */
export function paragraphSections(lines: DocumentLine[]): DraftSection[] {
  const paragraphs: DocumentLine[][] = [];
  let block: DocumentLine[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (block.length > 0) paragraphs.push(block);
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length > 0) paragraphs.push(block);

  const sections: DraftSection[] = [];
  let open: DraftSection | null = null;
  for (const paragraph of paragraphs) {
    const text = sectionText(paragraph.map((line) => line.text));
    if (codePointLength(text) < MIN_PARAGRAPH) continue;
    const firstLine = paragraph[0]!.text.trim();
    if (isParagraphHeading(firstLine) || !open) {
      const k = sections.length + 1;
      const title = isParagraphHeading(firstLine) ? cutCodePoints(firstLine, PARAGRAPH_TITLE_CUT) : `Sectie ${k}`;
      open = { id: `Sec ${k}`, title, page: paragraph[0]!.page, text };
      sections.push(open);
    } else {
      open.text = `${open.text}\n${text}`;
    }
    if (codePointLength(open.text) > MAX_SECTION) open = null;
  }
  return sections.filter(isSubstantial);
}

/** Article mode unless it yields fewer than 3 article sections or a section over 10 000 characters. */
export function documentSections(lines: DocumentLine[]): { mode: 'article' | 'paragraph'; sections: DraftSection[] } {
  const articles = articleSections(lines);
  const articleCount = articles.filter((section) => section.id.startsWith('Art ')).length;
  const oversized = articles.some((section) => codePointLength(section.text) > MAX_ARTICLE_SECTION);
  if (articleCount >= MIN_ARTICLE_SECTIONS && !oversized) return { mode: 'article', sections: articles };
  return { mode: 'paragraph', sections: paragraphSections(lines) };
}

/**
 * Splits text over 2000 characters at sentence ends (`.`, `!`, `?` + whitespace) into parts of at most 2000
 * characters, packing whole sentences greedily; a single longer sentence stays whole.
 */
export function splitAtSentences(text: string, max = MAX_SECTION): string[] {
  if (codePointLength(text) <= max) return [text];
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?](?=\s)/gu)) {
    const end = match.index + 1;
    sentences.push(text.slice(start, end));
    start = end;
  }
  sentences.push(text.slice(start));

  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    const candidate = current + sentence;
    if (current.trim() === '' || codePointLength(candidate.trim()) <= max) {
      current = candidate;
    } else {
      parts.push(current.trim());
      current = sentence;
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/**
 * Turns one document's draft sections into final sections. `nextPart` is shared across documents so keys stay
 * unique even when a document repeats an article number or two files share a name: a repeated `{documentId}#{id}`
 * continues its part numbering instead of reusing part 1.
 */
export function finaliseSections(docId: string, drafts: DraftSection[], nextPart: Map<string, number>): Section[] {
  const sections: Section[] = [];
  for (const draft of drafts) {
    const parts = splitAtSentences(draft.text);
    parts.forEach((text, index) => {
      const base = `${docId}#${draft.id}`;
      const part = nextPart.get(base) ?? 1;
      nextPart.set(base, part + 1);
      const title = index === 0 ? draft.title : `${draft.title} (vervolg)`.trim();
      sections.push({ key: `${base}#${part}`, documentId: docId, id: draft.id, title, text, simplified: simplify(text), page: draft.page, part });
    });
  }
  return sections;
}

/**
 * Reads conditions documents in file order; sections of all documents are used together. Unsupported extensions,
 * unreadable files and corrupt Word or PDF documents throw InputError naming the file; a document without
 * extractable text gives a warning and no sections.
 */
export async function readConditions(files: string[]): Promise<ConditionsResult> {
  const sections: Section[] = [];
  const warnings: Warning[] = [];
  const documents: ConditionsDocumentInfo[] = [];
  const nextPart = new Map<string, number>();
  for (const file of files) {
    const docId = documentIdOf(file);
    const lines = await extractLines(file);
    if (!lines.some((line) => line.text.trim() !== '')) {
      warnings.push(warning('conditions.noText', { file }));
      documents.push({ file, documentId: docId, mode: 'empty', sections: 0 });
      continue;
    }
    const { mode, sections: drafts } = documentSections(lines);
    const finished = finaliseSections(docId, drafts, nextPart);
    if (finished.length === 0) {
      warnings.push(warning('conditions.noSections', { file, min: MIN_SECTION_SIMPLIFIED }));
    }
    documents.push({ file, documentId: docId, mode: finished.length === 0 ? 'empty' : mode, sections: finished.length });
    sections.push(...finished);
  }
  return { sections, warnings, documents };
}

/**
 * Custom instructions (SPEC §4.8): pairs search text → action, from a table (`.csv`/`.xlsx`) or free text (a text
 * setting or a `.txt` file).
 */
import { extname } from 'node:path';
import { readTable, decodeText, type RawTable } from '../../ingest/index.ts';
import { InputError } from '../../util/errors.ts';
import { codePointLength } from '../../util/text.ts';
import { warning, type Warning } from '../../util/warnings.ts';
import { readBytes } from './extract.ts';
import { findColumn } from './library.ts';

export interface Instruction {
  search: string;
  action: string;
}

export interface InstructionsResult {
  instructions: Instruction[];
  warnings: Warning[];
}

export type InstructionSource = { file: string } | { text: string };

export const INSTRUCTION_TABLE_EXTENSIONS = ['.csv', '.xlsx'] as const;
export const INSTRUCTION_TEXT_EXTENSIONS = ['.txt'] as const;
const ACCEPTED = [...INSTRUCTION_TABLE_EXTENSIONS, ...INSTRUCTION_TEXT_EXTENSIONS];
const MIN_SEARCH = 5;
const MIN_ACTION = 10;

const SEARCH_HEADERS = ['zoektekst', 'search'];
const ACTION_HEADERS = ['actie', 'action'];

/** `search → action`, `search -> action`, `search > action`: an arrow with whitespace around it; the first one splits. */
const INLINE_ARROW = /\s(?:→|->|>)\s/u;
/** A line of a multi-line block that holds the action. */
const LEADING_ARROW = /^(?:→|->|>)/u;

function inlinePair(line: string): Instruction | null {
  const match = INLINE_ARROW.exec(line);
  if (!match) return null;
  const search = line.slice(0, match.index).trim();
  const action = line.slice(match.index + match[0].length).trim();
  return search !== '' && action !== '' ? { search, action } : null;
}

/** A multi-line block: arrow-led lines hold the action (the last counts), the other lines joined are the search. */
function blockPair(lines: string[]): Instruction | null {
  let action = '';
  const searchLines: string[] = [];
  for (const line of lines) {
    if (LEADING_ARROW.test(line)) action = line.replace(LEADING_ARROW, '').trim();
    else searchLines.push(line);
  }
  const search = searchLines.join(' ').trim();
  return search !== '' && action !== '' ? { search, action } : null;
}

/** Fallback: a block read as table rows, line by line. */
function linePair(line: string): Instruction | null {
  const arrow = inlinePair(line);
  if (arrow) return arrow;
  const splitAt = (index: number, width: number): Instruction | null => {
    const search = line.slice(0, index).trim();
    const action = line.slice(index + width).trim();
    return search !== '' && action !== '' ? { search, action } : null;
  };
  const tab = line.indexOf('\t');
  if (tab >= 0) return splitAt(tab, 1);
  for (const separator of [';', ',']) {
    const first = line.indexOf(separator);
    if (first >= 0 && line.indexOf(separator, first + 1) < 0) return splitAt(first, 1);
  }
  return null;
}

function lengthWarnings(instructions: Instruction[], where: string): Warning[] {
  const warnings: Warning[] = [];
  for (const { search, action } of instructions) {
    if (codePointLength(search) < MIN_SEARCH) warnings.push(warning('instructions.shortSearch', { where, search, min: MIN_SEARCH }));
    if (codePointLength(action) < MIN_ACTION) warnings.push(warning('instructions.shortAction', { where, action, search, min: MIN_ACTION }));
  }
  return warnings;
}

/** Free form (§4.8): blocks at blank lines; one-line arrow blocks, multi-line arrow blocks, else line-by-line rows. */
export function parseFreeFormInstructions(text: string, where = 'Instructions'): InstructionsResult {
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length > 0) blocks.push(block);

  const instructions: Instruction[] = [];
  const warnings: Warning[] = [];
  for (const lines of blocks) {
    const pair = lines.length === 1 ? inlinePair(lines[0]!) : blockPair(lines);
    if (pair) {
      instructions.push(pair);
      continue;
    }
    for (const line of lines) {
      if (line.startsWith('#')) continue;
      const row = linePair(line);
      if (row) instructions.push(row);
      else warnings.push(warning('instructions.notInstruction', { where, line }));
    }
  }
  return { instructions, warnings: [...warnings, ...lengthWarnings(instructions, where)] };
}

/** Table form (§4.8): columns `Zoektekst`/`search` and `Actie`/`action` (case-insensitive), else the first two. */
export function parseInstructionTable(table: Pick<RawTable, 'headers' | 'rows'>, where: string): InstructionsResult {
  let search = findColumn(table.headers, SEARCH_HEADERS);
  let action = findColumn(table.headers, ACTION_HEADERS);
  if (search < 0 || action < 0) {
    if (table.headers.length < 2) {
      throw new InputError(
        `${where} needs two columns, Zoektekst and Actie (search text and action); found: ${table.headers.join(', ') || '(none)'}.`,
      );
    }
    search = 0;
    action = 1;
  }
  const instructions: Instruction[] = [];
  const warnings: Warning[] = [];
  for (const row of table.rows) {
    const pair = { search: (row.cells[search] ?? '').trim(), action: (row.cells[action] ?? '').trim() };
    if (pair.search === '' && pair.action === '') continue;
    if (pair.search === '' || pair.action === '') {
      warnings.push(warning('instructions.incompleteRow', { where, row: row.sourceLine }));
      continue;
    }
    instructions.push(pair);
  }
  return { instructions, warnings: [...warnings, ...lengthWarnings(instructions, where)] };
}

/**
 * Whether a plain string given as instructions names a file: one line, no arrow, ending in an accepted extension —
 * or ending in any other extension (`instructies.docx`) while not readable as an instruction, so that a wrong file
 * type is refused with a message instead of being read as free text. Anything else is free text.
 */
export function looksLikeInstructionFile(value: string): boolean {
  const trimmed = value.trim();
  if (/[\r\n]/.test(trimmed) || INLINE_ARROW.test(trimmed)) return false;
  const ext = extname(trimmed).toLowerCase();
  if ((ACCEPTED as readonly string[]).includes(ext)) return true;
  return /^\.[a-z0-9]{1,5}$/.test(ext) && parseFreeFormInstructions(trimmed).instructions.length === 0;
}

/**
 * Reads custom instructions from `{ file }` (table `.csv`/`.xlsx`, free-form `.txt`) or `{ text }` (free form). A
 * plain string is taken as a file path when `looksLikeInstructionFile` says so, else as free text.
 */
export async function readInstructions(source: InstructionSource | string): Promise<InstructionsResult> {
  const resolved: InstructionSource =
    typeof source === 'string' ? (looksLikeInstructionFile(source) ? { file: source.trim() } : { text: source }) : source;
  if ('text' in resolved) return parseFreeFormInstructions(resolved.text, 'Instructions');

  const { file } = resolved;
  const ext = extname(file).toLowerCase();
  if ((INSTRUCTION_TEXT_EXTENSIONS as readonly string[]).includes(ext)) {
    const bytes = await readBytes(file, 'Instructions file');
    return parseFreeFormInstructions(decodeText(bytes).text, `Instructions ${file}`);
  }
  if ((INSTRUCTION_TABLE_EXTENSIONS as readonly string[]).includes(ext)) {
    const table = await readTable(file);
    const where = table.sheet ? `Instructions ${file} (sheet ${table.sheet})` : `Instructions ${file}`;
    try {
      const result = parseInstructionTable(table, where);
      return { instructions: result.instructions, warnings: [...table.warnings, ...result.warnings] };
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message, file);
      throw error;
    }
  }
  throw new InputError(`Instructions file ${file} has an unsupported extension "${extname(file)}". Accepted extensions: ${ACCEPTED.join(', ')}.`, file);
}

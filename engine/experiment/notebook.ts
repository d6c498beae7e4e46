/**
 * Experiment notebooks as plain nbformat 4 `.ipynb` files, so they open in Jupyter and on GitHub. This
 * module reads, validates and writes the format; `notebook-run.ts` executes it (re-exported here).
 *
 * Reading is lenient where Jupyter is: a missing cell `metadata` becomes `{}`, a code cell's missing `outputs` `[]`
 * and `execution_count` `null`, and in nbformat ≥ 4.5 a missing cell id a fresh one. Everything else is kept as
 * read: unknown notebook and cell metadata, key order, and `source` as a string or a list of lines.
 */
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.ts';
import { InputError } from '../util/errors.ts';

export type MultilineString = string | string[];
export type MimeBundle = Record<string, unknown>;
export type JsonObject = Record<string, unknown>;

export type NotebookOutput =
  | { output_type: 'execute_result'; execution_count: number | null; data: MimeBundle; metadata: JsonObject }
  | { output_type: 'display_data'; data: MimeBundle; metadata: JsonObject }
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: MultilineString }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface NotebookCell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: MultilineString;
  metadata: JsonObject;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  [other: string]: unknown;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: JsonObject;
  cells: NotebookCell[];
  [other: string]: unknown;
}

export const CELL_ID_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/;
const OUTPUT_TYPES = ['execute_result', 'display_data', 'stream', 'error'];

export class NotebookFormatError extends InputError {
  constructor(
    readonly at: string,
    detail: string,
    file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${at}: ${detail}`, file);
    this.name = 'NotebookFormatError';
  }
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const isMultiline = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

/** Lines with their line endings kept, as Jupyter stores multi-line strings. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join('') : source;
}

export function cellSource(cell: NotebookCell): string {
  return joinSource(cell.source);
}

function checkOutput(output: unknown, at: string, fail: (at: string, detail: string) => never): void {
  if (!isObject(output) || !OUTPUT_TYPES.includes(output.output_type as string)) {
    fail(at, `expected an output with output_type one of ${OUTPUT_TYPES.join(', ')}.`);
  }
  const o = output as JsonObject;
  if (o.output_type === 'stream' && !isMultiline(o.text)) fail(`${at}.text`, 'expected a text or a list of lines.');
  if ((o.output_type === 'execute_result' || o.output_type === 'display_data') && !isObject(o.data)) fail(`${at}.data`, 'expected a mime bundle object.');
  if (o.output_type === 'error' && (typeof o.ename !== 'string' || typeof o.evalue !== 'string' || !Array.isArray(o.traceback))) {
    fail(at, 'an error output needs ename, evalue and traceback.');
  }
}

/** `claimed`: ids of the cells before this one; `taken`: every id in the file, so a fresh id collides with none. */
function checkCell(
  value: unknown,
  index: number,
  minor: number,
  ids: { claimed: Set<string>; taken: Set<string> },
  fail: (at: string, detail: string) => never,
): NotebookCell {
  const at = `cells[${index}]`;
  if (!isObject(value)) fail(at, 'expected an object.');
  const cell = value as JsonObject;
  if (!['code', 'markdown', 'raw'].includes(cell.cell_type as string)) fail(`${at}.cell_type`, `expected code, markdown or raw, got ${JSON.stringify(cell.cell_type)}.`);
  if (!isMultiline(cell.source)) fail(`${at}.source`, 'expected a text or a list of lines.');
  if (cell.metadata === undefined) cell.metadata = {};
  if (!isObject(cell.metadata)) fail(`${at}.metadata`, 'expected an object.');
  if (cell.id === undefined && minor >= 5) {
    cell.id = freshCellId(ids.taken);
    ids.taken.add(cell.id as string);
  }
  if (cell.id !== undefined) {
    if (typeof cell.id !== 'string' || !CELL_ID_PATTERN.test(cell.id)) fail(`${at}.id`, 'expected 1–64 letters, digits, - or _.');
    if (ids.claimed.has(cell.id as string)) fail(`${at}.id`, `duplicate cell id ${JSON.stringify(cell.id)}.`);
    ids.claimed.add(cell.id as string);
  }
  if (cell.cell_type === 'code') {
    cell.outputs ??= [];
    if (cell.execution_count === undefined) cell.execution_count = null;
    if (!Array.isArray(cell.outputs)) fail(`${at}.outputs`, 'expected a list.');
    (cell.outputs as unknown[]).forEach((o, i) => checkOutput(o, `${at}.outputs[${i}]`, fail));
    const count = cell.execution_count;
    if (count !== null && !(Number.isInteger(count) && (count as number) >= 0)) fail(`${at}.execution_count`, 'expected null or a non-negative integer.');
  } else if (cell.outputs !== undefined) {
    fail(`${at}.outputs`, `a ${cell.cell_type} cell has no outputs.`);
  }
  return cell as NotebookCell;
}

function freshCellId(taken: Set<string>): string {
  for (;;) {
    const id = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
    if (!taken.has(id)) return id;
  }
}

/** Checks (and, where Jupyter is lenient, completes) a parsed notebook in place. */
export function validateNotebook(value: unknown, file?: string): Notebook {
  const fail = (at: string, detail: string): never => {
    throw new NotebookFormatError(at, detail, file);
  };
  if (!isObject(value)) fail('(notebook)', 'expected a JSON object.');
  const nb = value as JsonObject;
  if (nb.nbformat !== 4) fail('nbformat', `expected 4, got ${JSON.stringify(nb.nbformat)}.`);
  if (!Number.isInteger(nb.nbformat_minor) || (nb.nbformat_minor as number) < 0) fail('nbformat_minor', 'expected a non-negative integer.');
  if (!isObject(nb.metadata)) fail('metadata', 'expected an object.');
  if (!Array.isArray(nb.cells)) fail('cells', 'expected a list.');
  const taken = new Set<string>();
  for (const cell of nb.cells as unknown[]) if (isObject(cell) && typeof cell.id === 'string') taken.add(cell.id);
  const ids = { claimed: new Set<string>(), taken };
  (nb.cells as unknown[]).forEach((cell, i) => checkCell(cell, i, nb.nbformat_minor as number, ids, fail));
  return nb as Notebook;
}

export function parseNotebook(text: string, file?: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError('(notebook)', `not valid JSON: ${(error as Error).message}`, file);
  }
  return validateNotebook(value, file);
}

/** Jupyter's layout: one-space indentation and a final newline. */
export function serializeNotebook(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}

export async function readNotebook(file: string): Promise<Notebook> {
  return parseNotebook(await fs.readFile(file, 'utf8'), file);
}

export async function writeNotebook(file: string, nb: Notebook): Promise<void> {
  validateNotebook(structuredClone(nb), file);
  await writeFileAtomic(file, serializeNotebook(nb));
}

/**
 * A new notebook (nbformat 4.5) with JavaScript kernel metadata, for templates and tests. A code cell in another
 * `language` (an experiment config cell: json) says so in metadata.vscode.languageId, which VS Code's own ipynb editor
 * reads; without it that editor takes the notebook's javascript and marks the cell's JSON as errors.
 */
export function newNotebook(cells: { type: 'code' | 'markdown'; source: string; language?: 'json' }[], metadata: JsonObject = {}): Notebook {
  const ids = new Set<string>();
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'clause-cascade', display_name: 'Clause Cascade', language: 'javascript' },
      language_info: { name: 'javascript' },
      ...metadata,
    },
    cells: cells.map(({ type, source, language }) => {
      const id = freshCellId(ids);
      ids.add(id);
      const base = { id, cell_type: type, metadata: language ? { vscode: { languageId: language } } : {}, source: splitLines(source) };
      return type === 'code' ? { ...base, execution_count: null, outputs: [] } : base;
    }),
  };
}

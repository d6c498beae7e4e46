/**
 * nbformat 4 ⇄ VS Code notebook data, without importing `vscode` (so it is unit-tested in plain Node): the
 * serializer and the kernel wrap these plain shapes in vscode.NotebookCellData / NotebookCellOutput.
 *
 * The mapping is lossless for what the engine writes: everything VS Code has no place for (notebook and cell
 * metadata, cell ids, key order, output types, execution counts, whether a text was stored as a string or as a list
 * of lines) rides along in VS Code metadata, so saving writes back exactly what `clause-cascade notebook run`
 * writes for the same cells.
 */
import type { MimeBundle, MultilineString, Notebook, NotebookCell, NotebookOutput } from '../../../engine/experiment/notebook.ts';

/** vscode.NotebookCellKind values. */
export const MARKUP = 1;
export const CODE = 2;

export const STDOUT_MIME = 'application/vnd.code.notebook.stdout';
export const STDERR_MIME = 'application/vnd.code.notebook.stderr';
export const ERROR_MIME = 'application/vnd.code.notebook.error';
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';
/**
 * VS Code prefers `application/json` over `text/html`; a table's JSON records are carried under this name (no
 * renderer, so the HTML is shown) and written back as `application/json`.
 */
export const TABLE_RECORDS_MIME = 'application/vnd.clause-cascade.records+json';

export interface OutputItemData {
  mime: string;
  data: Uint8Array;
}
export interface CellOutputData {
  items: OutputItemData[];
  metadata?: Record<string, unknown>;
}
export interface ExecutionSummaryData {
  executionOrder?: number;
  success?: boolean;
  timing?: { startTime: number; endTime: number };
}
export interface CellData {
  kind: number;
  value: string;
  languageId: string;
  outputs?: CellOutputData[];
  metadata?: Record<string, unknown>;
  executionSummary?: ExecutionSummaryData;
}
export interface NotebookDataShape {
  cells: CellData[];
  metadata?: Record<string, unknown>;
}

/** What VS Code cell metadata holds: the nbformat cell without source and outputs, and how to write it back. */
export interface CellMetadata {
  nbformat: Omit<NotebookCell, 'source' | 'outputs'>;
  keyOrder: string[];
  sourceIsString?: boolean;
}
/** What VS Code output metadata holds besides the items. */
export interface OutputMetadata {
  outputType: NotebookOutput['output_type'];
  keyOrder: string[];
  /** execute_result / display_data: nbformat output metadata and mime order; error: ename, evalue, traceback */
  fields: Record<string, unknown>;
  mimeOrder?: string[];
  /** mimes stored as one string rather than a list of lines */
  strings?: string[];
  /** marks outputs of this extension for the table styling hook of the renderer */
  clauseCascade: true;
}

const NOTEBOOK_META_KEY = 'clauseCascade';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const isJsonMime = (mime: string) => mime === 'application/json' || /\+json$/.test(mime);
const isBase64Mime = (mime: string) => /^image\/(png|jpeg|gif|bmp|webp)$/.test(mime);
const joinText = (text: MultilineString) => (Array.isArray(text) ? text.join('') : text);

/** Lines with their line endings kept, as Jupyter stores multi-line strings (same rule as the engine). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function bytesOf(mime: string, value: unknown): Uint8Array {
  if (isJsonMime(mime)) return encoder.encode(JSON.stringify(value));
  const text = joinText(value as MultilineString);
  return isBase64Mime(mime) ? Uint8Array.from(Buffer.from(text, 'base64')) : encoder.encode(text);
}

function valueOf(mime: string, data: Uint8Array, asString: boolean): unknown {
  if (isJsonMime(mime)) return JSON.parse(decoder.decode(data));
  if (isBase64Mime(mime)) return Buffer.from(data).toString('base64');
  const text = decoder.decode(data);
  return asString ? text : splitLines(text);
}

// ------------------------------------------------------------------------------------------------ outputs

/** One nbformat output as VS Code output items (by mime) and metadata. */
export function outputToData(output: NotebookOutput): CellOutputData {
  const keyOrder = Object.keys(output);
  const base = { outputType: output.output_type, keyOrder, clauseCascade: true as const };
  switch (output.output_type) {
    case 'stream': {
      const mime = output.name === 'stderr' ? STDERR_MIME : STDOUT_MIME;
      const metadata: OutputMetadata = { ...base, fields: { name: output.name }, ...(typeof output.text === 'string' ? { strings: [mime] } : {}) };
      return { items: [{ mime, data: encoder.encode(joinText(output.text)) }], metadata: { ...metadata } };
    }
    case 'error': {
      // The engine's traceback is `name: message`, plus the stack lines when asked for (developer mode).
      const stack = output.traceback.length > 1 ? output.traceback.join('\n') : undefined;
      const error = { name: output.ename, message: output.evalue, ...(stack ? { stack } : {}) };
      const metadata: OutputMetadata = { ...base, fields: { ename: output.ename, evalue: output.evalue, traceback: output.traceback } };
      return { items: [{ mime: ERROR_MIME, data: encoder.encode(JSON.stringify(error)) }], metadata: { ...metadata } };
    }
    default: {
      const bundle = output.data;
      const mimeOrder = Object.keys(bundle);
      const strings = mimeOrder.filter((m) => !isJsonMime(m) && typeof bundle[m] === 'string');
      const table = 'text/html' in bundle && 'application/json' in bundle;
      const items = mimeOrder.map((mime) => ({
        mime: table && mime === 'application/json' ? TABLE_RECORDS_MIME : mime,
        data: bytesOf(mime, bundle[mime]),
      }));
      const fields: Record<string, unknown> = { metadata: output.metadata };
      if (output.output_type === 'execute_result') fields.execution_count = output.execution_count;
      const metadata: OutputMetadata = { ...base, fields, mimeOrder, ...(strings.length ? { strings } : {}) };
      return { items, metadata: { ...metadata } };
    }
  }
}

function ordered<T extends object>(value: Record<string, unknown>, keyOrder: readonly string[] | undefined): T {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder ?? []) if (key in value) out[key] = value[key];
  for (const key of Object.keys(value)) if (!(key in out)) out[key] = value[key];
  return out as T;
}

const mimeOf = (item: OutputItemData) => (item.mime === TABLE_RECORDS_MIME ? 'application/json' : item.mime);

/** VS Code output items back to one nbformat output (outputs made elsewhere get Jupyter's usual shape). */
export function dataToOutput(output: CellOutputData, executionCount: number | null): NotebookOutput {
  const meta = (output.metadata ?? {}) as Partial<OutputMetadata>;
  const fields = meta.fields ?? {};
  const strings = new Set(meta.strings ?? []);
  const stream = output.items.find((i) => i.mime === STDOUT_MIME || i.mime === STDERR_MIME);
  if (stream && output.items.length === 1) {
    const text = decoder.decode(stream.data);
    const name = stream.mime === STDERR_MIME ? 'stderr' : 'stdout';
    return ordered({ output_type: 'stream', name, text: strings.has(stream.mime) ? text : splitLines(text) }, meta.keyOrder);
  }
  const error = output.items.find((i) => i.mime === ERROR_MIME);
  if (error) {
    const e = JSON.parse(decoder.decode(error.data)) as { name?: string; message?: string; stack?: string };
    const ename = (fields.ename as string | undefined) ?? e.name ?? 'Error';
    const evalue = (fields.evalue as string | undefined) ?? e.message ?? '';
    const traceback = (fields.traceback as string[] | undefined) ?? (e.stack ? e.stack.split('\n') : [`${ename}: ${evalue}`]);
    return ordered({ output_type: 'error', ename, evalue, traceback }, meta.keyOrder);
  }
  const byMime = new Map(output.items.map((item) => [mimeOf(item), item]));
  const order = [...(meta.mimeOrder ?? []).filter((m) => byMime.has(m)), ...[...byMime.keys()].filter((m) => !(meta.mimeOrder ?? []).includes(m))];
  const data: MimeBundle = {};
  for (const mime of order) data[mime] = valueOf(mime, byMime.get(mime)!.data, strings.has(mime));
  const metadata = (fields.metadata as Record<string, unknown> | undefined) ?? {};
  if (meta.outputType === 'display_data') return ordered({ output_type: 'display_data', data, metadata }, meta.keyOrder);
  const count = 'execution_count' in fields ? (fields.execution_count as number | null) : executionCount;
  return ordered({ output_type: 'execute_result', execution_count: count, data, metadata }, meta.keyOrder);
}

// ------------------------------------------------------------------------------------------------ cells

/** An experiment config cell's source: a JSON object (the engine decides what it means when it runs). */
export function languageOf(cell: Pick<NotebookCell, 'cell_type'>, source: string): string {
  if (cell.cell_type === 'markdown') return 'markdown';
  if (cell.cell_type === 'raw') return 'raw';
  const text = source.trim();
  if (!text.startsWith('{')) return 'javascript';
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? 'json' : 'javascript';
  } catch {
    return 'javascript';
  }
}

export function cellToData(cell: NotebookCell): CellData {
  const { source, outputs, ...rest } = cell;
  const value = joinText(source);
  const metadata: CellMetadata = { nbformat: rest, keyOrder: Object.keys(cell), ...(typeof source === 'string' ? { sourceIsString: true } : {}) };
  const data: CellData = {
    kind: cell.cell_type === 'markdown' ? MARKUP : CODE,
    value,
    languageId: languageOf(cell, value),
    metadata: { ...metadata },
  };
  if (cell.cell_type === 'code') {
    data.outputs = (outputs ?? []).map(outputToData);
    if (typeof cell.execution_count === 'number') data.executionSummary = { executionOrder: cell.execution_count };
  }
  return data;
}

/** The nbformat cell of VS Code cell data (new cells get the engine's layout: id, cell_type, metadata, source …). */
export function dataToCell(data: CellData, freshId: () => string | undefined): NotebookCell {
  const meta = (data.metadata ?? {}) as Partial<CellMetadata>;
  const previous = (meta.nbformat ?? {}) as Partial<NotebookCell>;
  const cellType: NotebookCell['cell_type'] = data.kind === MARKUP ? 'markdown' : data.languageId === 'raw' || previous.cell_type === 'raw' ? 'raw' : 'code';
  const source = meta.sourceIsString ? data.value : splitLines(data.value);
  const id = previous.id ?? freshId();
  const cell: Record<string, unknown> = { ...(id !== undefined ? { id } : {}), cell_type: cellType, metadata: previous.metadata ?? {}, source };
  for (const [key, value] of Object.entries(previous)) if (!(key in cell) && key !== 'execution_count') cell[key] = value;
  if (cellType === 'code') {
    const count = data.executionSummary?.executionOrder ?? (previous.execution_count as number | null | undefined) ?? null;
    cell.execution_count = count;
    cell.outputs = (data.outputs ?? []).map((o) => dataToOutput(o, count));
  }
  return ordered<NotebookCell>(cell, meta.keyOrder);
}

// ------------------------------------------------------------------------------------------------ notebooks

interface NotebookMetadata {
  /** the notebook without its cells */
  nbformat: Omit<Notebook, 'cells'>;
  keyOrder: string[];
}

export function notebookToData(nb: Notebook): NotebookDataShape {
  const { cells, ...rest } = nb;
  const metadata: NotebookMetadata = { nbformat: rest, keyOrder: Object.keys(nb) };
  return { cells: cells.map(cellToData), metadata: { [NOTEBOOK_META_KEY]: metadata } };
}

export function dataToNotebook(data: NotebookDataShape): Notebook {
  const meta = (data.metadata?.[NOTEBOOK_META_KEY] ?? undefined) as NotebookMetadata | undefined;
  const head = meta?.nbformat ?? { nbformat: 4, nbformat_minor: 5, metadata: {} };
  const withIds = (head.nbformat_minor as number) >= 5;
  const taken = new Set<string>();
  for (const c of data.cells) {
    const id = ((c.metadata as Partial<CellMetadata> | undefined)?.nbformat as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') taken.add(id);
  }
  const freshId = () => {
    if (!withIds) return undefined;
    for (;;) {
      const id = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
  const claimed = new Set<string>();
  const cells = data.cells.map((c) => {
    const cell = dataToCell(c, freshId);
    // A copied cell carries its original's id: give the copy a new one (ids are unique in nbformat ≥ 4.5).
    if (cell.id !== undefined && claimed.has(cell.id)) cell.id = freshId();
    if (cell.id !== undefined) claimed.add(cell.id);
    return cell;
  });
  return ordered<Notebook>({ ...head, cells }, meta?.keyOrder ?? ['nbformat', 'nbformat_minor', 'metadata', 'cells']);
}

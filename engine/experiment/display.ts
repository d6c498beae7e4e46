/**
 * Rich notebook outputs of displayed values (Jupyter mime bundles): an arquero table → HTML + JSON records; a
 * Vega-Lite spec → `application/vnd.vegalite.v5+json` with an `image/svg+xml` fallback (so GitHub and Jupyter show
 * the chart too); a string → text/plain; other JSON values → application/json + text/plain.
 */
import type { ColumnTable } from 'arquero';
import { chartTitle, isVegaLiteSpec, renderSvg } from './charts.ts';
import { splitLines, type MimeBundle } from './notebook.ts';

export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';
/** Rows shown in HTML and stored as JSON for a displayed table; the plain-text fallback shows fewer. */
export const TABLE_ROW_LIMIT = 200;

export function isArqueroTable(value: unknown): value is ColumnTable {
  const t = value as Partial<ColumnTable> | null;
  return typeof t?.toHTML === 'function' && typeof t.objects === 'function' && typeof t.numRows === 'function';
}

/** JSON-safe copy: NaN and ±Infinity become null, as JSON.stringify does. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

function tableBundle(table: ColumnTable): MimeBundle {
  const more = table.numRows() > TABLE_ROW_LIMIT ? ` (first ${TABLE_ROW_LIMIT} of ${table.numRows()} rows)` : '';
  return {
    'text/html': splitLines(table.toHTML({ limit: TABLE_ROW_LIMIT })),
    'application/json': jsonSafe(table.objects({ limit: TABLE_ROW_LIMIT })),
    'text/plain': splitLines(`${table.toMarkdown({ limit: 20 })}${more}`),
  };
}

async function chartBundle(spec: object): Promise<MimeBundle> {
  return {
    [VEGA_LITE_MIME]: jsonSafe(spec),
    'image/svg+xml': splitLines(await renderSvg(spec as never)),
    'text/plain': [`<Vega-Lite chart: ${chartTitle(spec as never)}>`],
  };
}

/** The mime bundle of a displayed value; null for undefined (nothing to show). */
export async function toMimeBundle(value: unknown): Promise<MimeBundle | null> {
  if (value === undefined) return null;
  if (typeof value === 'string') return { 'text/plain': splitLines(value) };
  if (isArqueroTable(value)) return tableBundle(value);
  if (isVegaLiteSpec(value)) return chartBundle(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return { 'text/plain': [String(value)] };
  }
  if (typeof value === 'function') return { 'text/plain': [`[function ${value.name || 'anonymous'}]`] };
  return { 'application/json': jsonSafe(value), 'text/plain': splitLines(JSON.stringify(value, null, 2) ?? String(value)) };
}

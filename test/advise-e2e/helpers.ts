/** Shared set-up of the advice end-to-end suites: the labeled sample, the reference fixtures and run helpers. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSettings, runAnalysis, type AnalysisResult } from '../../engine/index.ts';
import { readTableColumn } from '../../engine/ingest/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE = path.join(ROOT, 'fixtures', 'sample', 'policies.xlsx');
export const REFERENCE = path.join(ROOT, 'fixtures', 'reference');
export const CONDITIONS = path.join(REFERENCE, 'voorwaarden.txt');
export const LIBRARY = path.join(REFERENCE, 'clausulebibliotheek.xlsx');
export const INSTRUCTIONS = path.join(REFERENCE, 'instructies.csv');
export const TINY_MODEL = path.join(ROOT, 'fixtures', 'tiny-model');
export const REFERENCE_DATE = '2026-01-01';

export interface RunSpec {
  file?: string;
  policy?: 'full' | 'lossless' | 'seed';
  mode?: 'fast' | 'balanced' | 'accurate';
  /** Absolute model folder, or none (embeddings unavailable). */
  model?: string;
  conditions?: boolean;
  library?: boolean;
  instructions?: boolean;
}

export interface TimedRun {
  result: AnalysisResult;
  ms: number;
}

export async function run(spec: RunSpec = {}): Promise<TimedRun> {
  const { file = SAMPLE, policy = 'lossless', mode = 'balanced', model = 'none', conditions = true, library = true, instructions = true } = spec;
  const settings = resolveSettings({
    mode,
    policy,
    referenceDate: REFERENCE_DATE,
    'embeddings.model.balanced': model,
    'embeddings.diskCache': false,
  });
  const t0 = performance.now();
  const result = await runAnalysis({
    policyFile: file,
    conditions: conditions ? [CONDITIONS] : [],
    libraries: library ? [LIBRARY] : [],
    ...(instructions ? { instructions: INSTRUCTIONS } : {}),
    settings,
  });
  return { result, ms: performance.now() - t0 };
}

export async function column(result: AnalysisResult, header: string): Promise<string[]> {
  const index = result.table.headers.indexOf(header);
  if (index < 0) throw new Error(`No column ${header}`);
  return readTableColumn(result.table, result.rows.length, index);
}

/** Confusion counts expected → actual, and a printable table (expected labels as rows). */
export function confusion(expected: readonly string[], actual: readonly string[]): { table: Map<string, Map<string, number>>; text: string } {
  const table = new Map<string, Map<string, number>>();
  expected.forEach((e, i) => {
    const row = table.get(e) ?? new Map<string, number>();
    row.set(actual[i]!, (row.get(actual[i]!) ?? 0) + 1);
    table.set(e, row);
  });
  const lines: string[] = ['| expected \\ actual | rows | correct | other (count) |', '|---|---|---|---|'];
  for (const [e, row] of [...table].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    const others = [...row].filter(([a]) => a !== e).map(([a, n]) => `${a} (${n})`);
    lines.push(`| ${e} | ${total} | ${row.get(e) ?? 0} | ${others.join(', ') || '—'} |`);
  }
  return { table, text: lines.join('\n') };
}

export const sum = (values: Record<string, number>): number => Object.values(values).reduce((a, b) => a + b, 0);

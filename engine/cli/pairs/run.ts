/** The work of `clause-cascade pairs`: read the table, load embeddings if the mode uses them, score, write or print. */
import path from 'node:path';
import { clusterThreshold, enabledSignals, type Settings } from '../../config/settings.ts';
import { decodeText, readInputBytes, readTable, type RawTable } from '../../ingest/index.ts';
import { readCsvText } from '../../ingest/csv.ts';
import { normaliseHeaders } from '../../ingest/columns.ts';
import { loadEmbeddingProvider } from '../../signals/embeddings/index.ts';
import type { EmbeddingAvailability } from '../../signals/suite.ts';
import { InputError } from '../../util/errors.ts';
import { warning, warningText } from '../../util/warnings.ts';
import { PAIRS_SETTING_FLAGS, type PairsFlags } from './flags.ts';
import { EXIT_OK } from '../exit.ts';
import { withInterrupt } from '../interrupt.ts';
import { checkOutputFile, writeCsvFile } from '../output-file.ts';
import { devModeFromEnv, settingsFromFlags } from '../settings-flags.ts';
import { printWarnings, stderrLogger, textTable, writeOut } from '../terminal.ts';
import { exactScore, NVT_EXIT, scorePairs, type PairScore } from './score.ts';

/** Rows up to which the per-signal contributions are printed. */
const DETAIL_ROWS = 10;
/** The columns of SPEC §12, plus `stage2`: the clustering-text comparison clustering makes between gate and threshold. */
export const PAIRS_COLUMNS = ['score', 'lower', 'upper', 'decision', 'exit', 'signals', 'stage2'] as const;

/**
 * .csv and .xlsx through the engine's readTable; .tsv (which readTable refuses) through the same CSV decoding and
 * parsing, whose delimiter sniffing recognises TAB.
 */
export async function readPairsTable(file: string, sheet: string): Promise<RawTable> {
  if (path.extname(file).toLowerCase() !== '.tsv') return readTable(file, sheet);
  const { text, encoding } = decodeText(await readInputBytes(file));
  const grid = readCsvText(text, file, file);
  return { file: path.resolve(file), format: 'csv', sheet: null, headers: grid.headers, rows: grid.rows, headerLine: grid.headerLine, encoding, delimiter: grid.delimiter, warnings: grid.warnings };
}

/** A header by exact name, else case-insensitively after trimming; not found names the file and lists the headers. */
export function findColumn(table: RawTable, header: string, flag: string, file: string): number {
  const exact = table.headers.indexOf(header);
  if (exact >= 0) return exact;
  const wanted = header.trim().toLowerCase();
  const loose = table.headers.findIndex((h) => h.trim().toLowerCase() === wanted);
  if (loose >= 0) return loose;
  const where = table.sheet ? `${file}, sheet "${table.sheet}"` : file;
  throw new InputError(`${where}: column "${header}" (${flag}) not found; the headers are ${table.headers.map((h) => `"${h}"`).join(', ')}.`, file);
}

const fixed = (x: number) => x.toFixed(4);

export function signalsText(score: PairScore): string {
  return score.contributions.map((c) => `${c.signal}=${c.value.toFixed(2)}`).join(' ');
}

/** The six added cells of one row. */
export function pairCells(score: PairScore): string[] {
  const r = score.record;
  if (!r) return ['', '', '', 'no match', NVT_EXIT, '', ''];
  const exact = exactScore(r);
  return [exact === null ? '' : fixed(exact), fixed(r.lower), fixed(r.upper), score.match ? 'match' : 'no match', r.exit, signalsText(score), stage2Text(score)];
}

/** `0.9123 match (full)` for a pair clustering re-compares on its clustering texts; empty otherwise. */
export function stage2Text(score: PairScore): string {
  const s2 = score.stage2;
  if (!s2) return '';
  const exact = exactScore(s2.record);
  const value = exact === null ? `[${fixed(s2.record.lower)}, ${fixed(s2.record.upper)}]` : fixed(exact);
  return `${value} ${s2.match ? 'match' : 'no match'} (${s2.record.exit})`;
}

function detailLines(score: PairScore, threshold: number, settings: Settings): string[] {
  const r = score.record;
  const head = `Row ${score.rowNumber} (line ${score.sourceLine}): `;
  if (!r) return [`${head}not compared: a text is shorter than minTextLength (${settings.minTextLength}) after simplification, so clustering marks it NVT.`];
  const exact = exactScore(r);
  const verdict = score.match ? 'match' : 'no match';
  const how = exact !== null ? `score ${exact.toFixed(4)}` : `score in [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`;
  const lines = [`${head}${how} ${score.match ? '≥' : '<'} ${threshold} → ${verdict} (exit ${r.exit})`];
  const width = Math.max(...[...score.contributions, ...(score.stage2?.contributions ?? [])].map((c) => c.signal.length), 6);
  for (const c of score.contributions) {
    lines.push(`    ${c.signal.padEnd(width)}  ${c.value.toFixed(4)} × ${c.weight.toFixed(4)} = ${(c.value * c.weight).toFixed(4)}`);
  }
  if (r.dropped.length > 0) lines.push(`    dropped by the seed policy: ${r.dropped.join(', ')}`);
  const s2 = score.stage2;
  if (s2) {
    lines.push(`  between the gate (${settings.normalisedGate}) and the threshold, so clustering compares the clustering texts: ${stage2Text(score)} against ${s2.threshold}`);
    for (const c of s2.contributions) lines.push(`    ${c.signal.padEnd(width)}  ${c.value.toFixed(4)} × ${c.weight.toFixed(4)} = ${(c.value * c.weight).toFixed(4)}`);
  }
  lines.push(`  → clustering would ${score.match || s2?.match ? '' : 'not '}group these two texts (as row and leader)`);
  return lines;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export async function runPairsCommand(file: string, flags: PairsFlags): Promise<number> {
  const verbose = Boolean(flags.verbose) || devModeFromEnv();
  const settings = settingsFromFlags({ options: flags, flags: PAIRS_SETTING_FLAGS, set: flags.set, model: flags.model, noEmbeddings: flags.embeddings === false, devMode: verbose });
  const threshold = flags.threshold ?? clusterThreshold(settings);
  const out = flags.out === undefined ? null : checkOutputFile(flags.out, { inputs: [file], overwrite: Boolean(flags.overwrite), flag: '--out', extensions: ['.csv'] });
  const table = await readPairsTable(file, settings.input.sheet);
  const left = findColumn(table, flags.left, '--left', file);
  const right = findColumn(table, flags.right, '--right', file);
  const log = stderrLogger(verbose, null);

  let embeddings: EmbeddingAvailability | undefined;
  if (enabledSignals(settings).includes('embeddings')) embeddings = await loadEmbeddingProvider(settings, (level, message) => log.logger(level, message));
  let result;
  try {
    result = await withInterrupt((signal) =>
      scorePairs({ table, left, right, settings, threshold, embeddings, signal, log: settings.devMode ? (m) => log.logger('debug', m) : undefined }),
    );
  } finally {
    if (embeddings?.available) await embeddings.provider.close();
  }
  const warnings = [...table.warnings, ...result.suite.status.unavailable.map((u) => warning('signals.unavailable', { signal: u.signal, reason: u.reason }))];
  printWarnings(warnings.map(warningText), log.warnings);

  const { scores, suite } = result;
  const matches = scores.filter((s) => s.match).length;
  const grouped = scores.filter((s) => s.match || s.stage2?.match).length;
  const weights = suite.ids.map((id, i) => `${id} ${suite.weights[i]!.toFixed(2)}`).join(', ');
  const footer = `${scores.length} pairs: ${matches} match, ${scores.length - matches} no match (threshold ${threshold}); ${grouped} would be grouped by clustering, stage 2 included (mode ${settings.mode}, policy ${settings.policy}; weights ${weights})`;

  if (out) {
    const headers = normaliseHeaders([...table.headers, ...PAIRS_COLUMNS]);
    await writeCsvFile(out, headers, table.rows.map((row, i) => [...row.cells, ...pairCells(scores[i]!)]));
    writeOut(`Wrote ${scores.length} rows to ${out}`);
  } else {
    const rows = scores.map((s) => [String(s.rowNumber), shorten(table.rows[s.rowNumber - 1]!.cells[left] ?? '', 40), shorten(table.rows[s.rowNumber - 1]!.cells[right] ?? '', 40), ...pairCells(s)]);
    writeOut(textTable(['row', table.headers[left]!, table.headers[right]!, ...PAIRS_COLUMNS], rows).join('\n'));
  }
  if (scores.length > 0 && scores.length <= DETAIL_ROWS) {
    writeOut(['', 'Signal contributions (value × weight):', ...scores.flatMap((s) => detailLines(s, threshold, settings))].join('\n'));
  }
  writeOut(footer);
  return EXIT_OK;
}

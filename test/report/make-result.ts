/**
 * A small hand-made AnalysisResult for report tests (and any other test that needs one): an NVT row, singletons, a
 * cluster of three, formula-like texts, a control character, a 40 000-character text and original columns named
 * like generated ones (`Status`, `advies `).
 */
import { defaultSettings, resolveSettings } from '../../engine/config/settings.ts';
import type { Advice } from '../../engine/advise/labels.ts';
import type { PolicyTable } from '../../engine/ingest/index.ts';
import type { Cluster, RowResult } from '../../engine/advise/types.ts';
import type { AnalysisResult } from '../../engine/pipeline/types.ts';
import type { ClauseRecord } from '../../engine/normalise/records.ts';
import type { Counters } from '../../engine/cascade/types.ts';

export const LONG_TEXT = `Lange clausule ${'abcdefghij'.repeat(4_000)}`.slice(0, 40_000);
export const CONTROL_TEXT = 'Dekking\u0007 geldt\u0000 alleen\u000B binnen Nederland';
export const CONTROL_TEXT_CLEAN = 'Dekking geldt alleen binnen Nederland';
export const HEADERS = ['Polisnummer', 'Status', 'Clausule', 'advies ', 'Opmerking'];

/** Row texts in input order (the `Clausule` column), with their cluster and the `Opmerking` cell. */
export const ROWS: { text: string; cluster: string; remark: string }[] = [
  { text: 'Terrorismeclausule NHT: schade door terrorisme is beperkt gedekt.', cluster: 'CL-0001', remark: 'eerste' },
  { text: 'Terrorismeclausule NHT: schade door terrorisme is beperkt gedekt', cluster: 'CL-0001', remark: '-korting 10%' },
  { text: 'terrorismeclausule NHT : schade door terrorisme is beperkt gedekt.', cluster: 'CL-0001', remark: '\tingesprongen' },
  { text: 'ok', cluster: 'NVT', remark: '\rCR\r\nregel' },
  { text: '=SUM(A1)', cluster: 'CL-0002', remark: 'let op _x000D_ letterlijk' },
  { text: '+31 6 12345678 bellen bij schade aan de woning', cluster: 'CL-0003', remark: '' },
  { text: '@x', cluster: 'NVT', remark: 'del\u007Fteken' },
  { text: CONTROL_TEXT, cluster: 'CL-0004', remark: '' },
  { text: LONG_TEXT, cluster: 'CL-0005', remark: '' },
  { text: '', cluster: 'NVT', remark: '' },
];

const advice = (label: string, confidence: Advice['confidence'], reason: string, article: string, rule: string): Advice => ({
  label,
  confidence,
  reason,
  article,
  rule,
});

export const ADVICE = {
  keep: advice('BEHOUDEN (CLAUSULE)', 'Hoog', 'Standaard terrorismeclausule.', 'Art. 2.1', 'KEYWORD_TERRORISME'),
  unique: advice('\u2728 UNIEK', 'Laag', 'Komt 1 keer voor.', 'Nieuw', 'FALLBACK'),
  short: advice('HANDMATIG CHECKEN', 'Laag', 'Tekst te kort voor automatische analyse.', '-', 'SHORT_TEXT'),
  long: advice('HANDMATIG CHECKEN', 'Midden', 'Tekst is erg lang.', '-', 'LONG_TEXT'),
  empty: advice('\u26AA LEEG', 'Hoog', 'Lege tekst.', '-', 'ADMIN_LEEG'),
  custom: advice('\u{1F4CB} Verwijderen uit polis', 'Hoog', 'Custom instructie.', 'Custom instructie', 'INSTRUCTION'),
};

function emptyCounters(): Counters {
  return {
    pairsCompared: { 'cluster.stage1': 12, 'cluster.stage2': 4, library: 0, conditions: 0, instructions: 0 },
    pairsSkippedByLength: 3,
    pairsSkippedByPolarity: 0,
    leadersPruned: 7,
    cacheHits: { exact: 1, normalised: 1 },
    signalEvaluations: { fuzzy: 12, stemmed: 8, tfidf: 4, synonyms: 4, embeddings: 0 },
    embeddingInferences: 0,
    embeddingBatches: 0,
    embeddingCacheHits: 0,
    exits: { 'exit.low': 0, 'exit.high': 0, 'cascade.high': 0, 'cascade.bound': 0, 'lossless.accept': 2, 'lossless.reject': 6, full: 4 },
  };
}

export interface MakeResultOptions {
  settings?: Record<string, unknown>;
  file?: string;
}

/** A fresh result on every call, so tests may mutate it. */
export function makeResult(options: MakeResultOptions = {}): AnalysisResult {
  const settings = options.settings ? resolveSettings({ referenceDate: '2025-01-15', ...options.settings }) : { ...defaultSettings(), referenceDate: '2025-01-15' };
  const table: PolicyTable = {
    file: options.file ?? '/data/polissen.xlsx',
    format: 'xlsx',
    sheet: 'Blad1',
    headers: [...HEADERS],
    rows: ROWS.map((row, i) => ({ sourceLine: i + 2, cells: [`P${1000 + i}`, i === 0 ? 'open' : '', row.text, i === 1 ? 'oud advies' : '', row.remark] })),
    headerLine: 1,
    textColumn: { index: 2, header: 'Clausule', rule: 'exact' },
    policyColumn: { index: 0, header: 'Polisnummer', rule: 'key' },
    encoding: null,
    delimiter: null,
    warnings: [],
  };
  const records: ClauseRecord[] = ROWS.map((row, i) => ({
    rowNumber: i + 1,
    sourceLine: i + 2,
    rawText: row.text,
    policyNumber: `P${1000 + i}`,
    simplifiedText: row.text.toLowerCase(),
    clusteringText: row.text.toLowerCase(),
  }));
  const clusters: Cluster[] = [
    { id: 'CL-0001', name: 'NHT Terrorisme Clausule', leaderRow: 1, rows: [1, 2, 3], advice: ADVICE.keep, contentAdvice: ADVICE.keep },
    { id: 'CL-0002', name: '=SUM(A1)', leaderRow: 5, rows: [5], advice: ADVICE.unique, contentAdvice: ADVICE.unique },
    { id: 'CL-0003', name: '+31 6 12345678 bellen bij', leaderRow: 6, rows: [6], advice: ADVICE.custom, contentAdvice: ADVICE.custom },
    { id: 'CL-0004', name: 'Dekking geldt alleen binnen Nederland', leaderRow: 8, rows: [8], advice: ADVICE.unique, contentAdvice: ADVICE.unique },
    { id: 'CL-0005', name: 'Lange clausule abcdefghij...', leaderRow: 9, rows: [9], advice: ADVICE.long, contentAdvice: ADVICE.long },
  ];
  const rowAdvice = (i: number): Advice => {
    if (ROWS[i]!.text === '') return ADVICE.empty;
    const cluster = clusters.find((c) => c.id === ROWS[i]!.cluster);
    return cluster ? cluster.advice : ADVICE.short;
  };
  const rows: RowResult[] = ROWS.map((row, i) => ({ rowNumber: i + 1, clusterId: row.cluster, advice: rowAdvice(i) }));
  return {
    engineVersion: '0.1.0-test',
    startedAt: '2025-01-15T09:30:00.000Z',
    settings,
    table,
    records,
    rows,
    clusters,
    signals: {
      enabled: ['fuzzy', 'stemmed', 'tfidf', 'synonyms', 'embeddings'],
      available: ['fuzzy', 'stemmed', 'tfidf', 'synonyms'],
      unavailable: [{ signal: 'embeddings', reason: 'model not found in /models' }],
      effectiveWeights: { fuzzy: 0.3 / 0.85, stemmed: 0.25 / 0.85, tfidf: 0.15 / 0.85, synonyms: 0.15 / 0.85 },
      embeddingModel: null,
    },
    references: { conditionsDocuments: ['voorwaarden.pdf'], conditionsSections: 42, libraryEntries: 3, instructions: 1 },
    counters: emptyCounters(),
    partitioning: null,
    timingsMs: { ingest: 12.4, normalise: 3, prepareSignals: 20, cluster: 40, advise: 8 },
    threads: 1,
    warnings: [{ id: 'conditions.noText', params: { file: 'scan.pdf' } }],
  };
}

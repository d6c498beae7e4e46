/**
 * Worker side of the tuning view: runs leader clustering once with the `full` policy and the exhaustive leader
 * search on (a sample of) the workbook, observes every stage-1 comparison the clustering makes, and records both
 * stages' per-signal values and bounds for those pairs. The webview recomputes decisions from these values.
 *
 * The observation is the clustering's own `observe` hook (the one experiments use for score distributions); the
 * values are computed afterwards with the same SignalSuite (prepared texts are cached, so nothing is prepared twice).
 */
import { Cascade } from '../../../engine/cascade/evaluate.ts';
import { newCounters } from '../../../engine/cascade/counters.ts';
import { clusterRecords } from '../../../engine/cluster/leader.ts';
import { enabledSignals, type Settings } from '../../../engine/config/settings.ts';
import { detectLabelColumn } from '../../../engine/ingest/columns.ts';
import { policyClauses, readPolicyWorkbook } from '../../../engine/ingest/index.ts';
import { buildRecords } from '../../../engine/normalise/records.ts';
import type { Logger } from '../../../engine/util/log.ts';
import type { ClauseRecord } from '../../../engine/normalise/records.ts';
import { embeddingInput, loadEmbeddingProvider } from '../../../engine/signals/embeddings/index.ts';
import { SignalSuite, type Side } from '../../../engine/signals/suite.ts';
import { throwIfCancelled } from '../../../engine/util/errors.ts';
import { codePointLength } from '../../../engine/util/text.ts';
import type { TuningData, TuningPair } from './protocol.ts';
import type { TuningJob } from './protocol.ts';
import { tuningKey } from './cache-key.ts';

/** Pairs whose best stage-1 value is below this are far from any threshold: they are sampled, not all kept. */
const FAR_BELOW = 0.3;
const FAR_SAMPLE = 4000;

export function sampleIndices(total: number, max: number): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * total) / max));
}

export async function computeTuningData(job: TuningJob, signal: AbortSignal, log: Logger): Promise<TuningData> {
  const t0 = performance.now();
  const settings: Settings = { ...structuredClone(job.settings), policy: 'full', leaderSearch: 'exhaustive', devMode: false };
  const table = await readPolicyWorkbook(job.policyFile, settings.input);
  const labelIndex = detectLabelColumn(table.headers);
  const all = await buildRecords(policyClauses(table), settings.grouping, signal);
  const picked = sampleIndices(all.length, job.maxRows);
  const records: ClauseRecord[] = picked.map((i, k) => ({ ...all[i]!, rowNumber: k + 1 }));
  throwIfCancelled(signal);

  const embeddings = enabledSignals(settings).includes('embeddings') ? await loadEmbeddingProvider(settings, log) : undefined;
  if (embeddings && !embeddings.available) log('warn', `Embeddings unavailable: ${embeddings.reason}`);
  const corpus = records.filter((r) => codePointLength(r.simplifiedText) >= settings.minTextLength).map((r) => r.simplifiedText);
  const suite = new SignalSuite({ settings, tfidfCorpus: new Set(corpus), embeddings });
  if (suite.provider) await suite.provider.embed([...new Set(records.map((r) => embeddingInput(r.rawText)))]);

  const counters = newCounters();
  const cascade = new Cascade(suite, settings, counters);
  const stage1: [row: number, leader: number][] = [];
  const observe = ({ stage, row, leader }: { stage: 1 | 2; row: number; leader: number }) => stage === 1 && stage1.push([row, leader]);
  await clusterRecords(records, { settings, suite, cascade, counters, signal, observe });

  const n = suite.signals.length;
  const stageValues = (a: Side, b: Side) => {
    const v: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < n; i++) {
      const pa = suite.value(i, a);
      const pb = suite.value(i, b);
      v.push(round(suite.signals[i]!.score(pa, pb)));
      u.push(Math.ceil(suite.signals[i]!.bound(pa, pb) * 1e6) / 1e6); // rounded up: still a sound bound
    }
    return { v, u };
  };
  const near: TuningPair[] = [];
  const far: TuningPair[] = [];
  for (let k = 0; k < stage1.length; k++) {
    if (k % 500 === 0) throwIfCancelled(signal);
    const [ia, ib] = stage1[k]!;
    const ra = records[ia]!;
    const rb = records[ib]!;
    const ea = embeddingInput(ra.rawText);
    const eb = embeddingInput(rb.rawText);
    const s1 = stageValues(suite.side(ra.simplifiedText, ea), suite.side(rb.simplifiedText, eb));
    const s2 = stageValues(suite.side(ra.clusteringText, ea), suite.side(rb.clusteringText, eb));
    const pair: TuningPair = { a: ia, b: ib, stage1Values: s1.v, stage1Bounds: s1.u, stage2Values: s2.v, stage2Bounds: s2.u, count: 1 };
    (Math.max(...s1.v) < FAR_BELOW ? far : near).push(pair);
  }
  // Far pairs are rejected at any slider position; an even sample of them keeps histograms and costs representative.
  const keptFar = sampleIndices(far.length, FAR_SAMPLE).map((i) => far[i]!);
  for (const p of keptFar) p.count = far.length / keptFar.length;
  await suite.provider?.close();

  const weights = settings.weights[settings.mode];
  return {
    file: job.policyFile,
    key: await tuningKey(job),
    mode: settings.mode,
    totalRows: all.length,
    rows: records.map((r, i) => ({ rowNumber: picked[i]! + 1, text: r.rawText })),
    signals: [...suite.ids],
    unavailable: suite.status.unavailable,
    pairs: [...near, ...keptFar],
    comparedPairs: stage1.length,
    columns: [...table.headers],
    cells: table.headers.map((_, c) => picked.map((i) => nonEmpty(table.rows[i]!.cells[c]))),
    suggestedLabelColumn: labelIndex >= 0 ? table.headers[labelIndex]! : null,
    normalisedGate: settings.normalisedGate,
    fastWeights: suite.ids.map((id) => settings.weights.fast[id]),
    fastFloor: settings.fastFloor,
    seed: {
      partialAccept: settings.seed.partialAccept,
      partialReject: settings.seed.partialReject,
      skipEmbeddingsAt: settings.mode === 'fast' ? null : settings.seed.skipEmbeddingsAt[settings.mode],
    },
    baseline: {
      clusterAccuracy: job.settings.clusterAccuracy,
      exitLow: job.settings.seed.exitLow,
      exitHigh: job.settings.seed.exitHigh,
      weights: suite.ids.map((id) => weights[id]),
    },
    computeMs: Math.round(performance.now() - t0),
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function nonEmpty(cell: string | undefined): string | null {
  const t = (cell ?? '').trim();
  return t === '' || t === 'NVT' ? null : t;
}

/** The work of `clause-cascade analyze`: settings from the flags, the run with progress and Ctrl+C, the summary. */
import { analyzeWorkbook, type AnalyzeOutcome } from '../../index.ts';
import type { AnalyzeRequest } from '../../pipeline/analyze.ts';
import type { JsonSummary } from '../../report/index.ts';
import { warningText } from '../../util/warnings.ts';
import type { AnalyzeFlags } from './flags.ts';
import { EXIT_OK } from '../exit.ts';
import { withInterrupt } from '../interrupt.ts';
import { ANALYZE_SETTING_FLAGS, devModeFromEnv, settingsFromFlags } from '../settings-flags.ts';
import { formatCounts, keyValueLines, printWarnings, ProgressBar, seconds, stderrLogger, writeOut } from '../terminal.ts';

export async function runAnalyzeCommand(policyFile: string, flags: AnalyzeFlags): Promise<number> {
  const verbose = Boolean(flags.verbose) || devModeFromEnv();
  const settings = settingsFromFlags({
    options: flags,
    flags: ANALYZE_SETTING_FLAGS,
    set: flags.set,
    model: flags.model,
    noEmbeddings: flags.embeddings === false,
    devMode: verbose,
  });
  const request: AnalyzeRequest = {
    policyFile,
    conditions: flags.conditions,
    libraries: flags.library,
    instructions: flags.instructions,
    settings,
  };
  const bar = !flags.quiet && process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
  const log = stderrLogger(verbose, bar);
  let outcome: AnalyzeOutcome;
  try {
    outcome = await withInterrupt((signal) =>
      analyzeWorkbook(
        request,
        { out: flags.out, overwrite: Boolean(flags.overwrite), json: flags.json },
        { signal, logger: log.logger, onProgress: bar ? (event) => bar.update(event) : undefined },
      ),
    );
  } finally {
    bar?.clear();
  }
  printWarnings(outcome.result.warnings.map(warningText), log.warnings);
  if (flags.json === '-') {
    // Standard output carries the JSON alone.
    if (!flags.quiet) process.stderr.write(`Report: ${outcome.reportPath}\n`);
    return EXIT_OK;
  }
  writeOut(`Report: ${outcome.reportPath}`);
  if (outcome.jsonPath) writeOut(`JSON summary: ${outcome.jsonPath}`);
  if (!flags.quiet) writeOut(['', ...summaryLines(outcome.summary)].join('\n'));
  return EXIT_OK;
}

/** The short summary table after a run (SPEC §12): counts, settings that shaped them, time and counters. */
export function summaryLines(summary: JsonSummary): string[] {
  const { result, settings, signals, counters, timingsMs } = summary;
  const search = settings.leaderSearch === 'window' ? `window (${settings.windowSize})` : settings.leaderSearch;
  const unavailable = signals.unavailable.map((u) => `${u.signal} unavailable (see the warning)`);
  const stages = (['ingest', 'normalise', 'prepareSignals', 'cluster', 'advise', 'report'] as const)
    .filter((s) => timingsMs[s] !== undefined)
    .map((s) => `${s} ${(timingsMs[s]! / 1000).toFixed(2)}`)
    .join(', ');
  const rows: [string, string][] = [
    ['Rows', String(result.rows)],
    ['Clustered rows', String(result.clusteredRows)],
    ['NVT rows', String(result.nvtRows)],
    ['Clusters', `${result.clusters} (${result.singletonClusters} with one row)`],
    ['Reduction', `${result.reductionPercent}%`],
    ['Mode / policy / search', `${settings.mode} / ${settings.policy} / ${search}`],
    ['Threshold', `${result.clusterThreshold} (normalised ${result.normalisedThreshold})`],
    ['Signals', [signals.available.join(', '), ...unavailable].join('; ')],
    ['Duration', `${seconds(timingsMs.total)}${stages ? ` (${stages})` : ''}`],
    ['Pairs compared', formatCounts(counters.pairsCompared)],
    ['Skipped / pruned', `by length ${counters.pairsSkippedByLength}, by polarity ${counters.pairsSkippedByPolarity}, leaders pruned ${counters.leadersPruned}, cache hits exact ${counters.cacheHits.exact}, normalised ${counters.cacheHits.normalised}`],
    ['Signal evaluations', formatCounts(counters.signalEvaluations, false)],
    ['Exits', formatCounts(counters.exits)],
    ['Embeddings', `${counters.embeddingInferences} inferences in ${counters.embeddingBatches} batches, ${counters.embeddingCacheHits} cache hits`],
    ['Advice (rows)', formatCounts(result.adviceByRow)],
    ['Advice (clusters)', formatCounts(result.adviceByCluster)],
  ];
  if (result.shortenedCells > 0) rows.push(['Shortened cells', String(result.shortenedCells)]);
  return keyValueLines(rows);
}

/**
 * The facts of the `Statistieken` sheet (SPEC §10.3), one `Kenmerk` → `Waarde` pair per row. Keys are stable:
 * Dutch descriptions for the facts a user reads, the engine's own names for settings, counters and timings.
 */
import { clusterThreshold, normalisedThreshold, SIGNAL_IDS } from '../config/settings.ts';
import { EXIT_REASONS, PAIR_CONTEXTS } from '../cascade/types.ts';
import { STAGE_NAMES, type AnalysisResult } from '../pipeline/types.ts';
import { partitionNote, type RunFacts } from './facts.ts';
import { warningText } from '../util/warnings.ts';

export type StatisticValue = string | number;
export type Statistic = readonly [key: string, value: StatisticValue];

const NONE = '-';

function delimiterName(delimiter: string | null, format: 'xlsx' | 'csv'): string {
  if (format !== 'csv') return NONE;
  if (delimiter === null) return 'geen (één kolom)';
  return delimiter === '\t' ? 'TAB' : delimiter;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'geen' : items.join(', ');
}

export function statisticsRows(result: AnalysisResult, facts: RunFacts, shortenedCells: number): Statistic[] {
  const { table, settings, signals, references, counters } = result;
  const rows: Statistic[] = [];
  const add = (key: string, value: StatisticValue | null | undefined) => rows.push([key, value ?? NONE]);

  add('Invoerbestand', table.file);
  add('Werkblad', table.sheet);
  add('Tekstkolom', table.textColumn.header);
  add('Tekstkolom gekozen via', table.textColumn.rule);
  add('Polisnummerkolom', table.policyColumn ? table.policyColumn.header : 'geen');
  add('Polisnummerkolom gekozen via', table.policyColumn?.rule);
  add('CSV-codering', table.format === 'csv' ? table.encoding : null);
  add('CSV-scheidingsteken', delimiterName(table.delimiter, table.format));

  add('Rijen', facts.rows);
  add('Geclusterde rijen', facts.clusteredRows);
  add('NVT-rijen', facts.nvtRows);
  add('Clusters', facts.clusters);
  add('Clusters met één rij', facts.singletonClusters);
  add('Reductie (%)', facts.reductionPercent);

  add('Modus (mode)', settings.mode);
  add('Scorebeleid (policy)', settings.policy);
  add('Leiderzoekmethode (leaderSearch)', settings.leaderSearch);
  add('Venstergrootte (windowSize)', settings.leaderSearch === 'window' ? settings.windowSize : null);
  add('Clusterdrempel t', clusterThreshold(settings));
  add('Genormaliseerde drempel', normalisedThreshold(settings));
  add('Poort (normalisedGate)', settings.normalisedGate);
  add('Lengtetolerantie (lengthTolerance)', settings.lengthTolerance);
  add('Minimale tekstlengte (minTextLength)', settings.minTextLength);
  add('Minimale frequentie (minFrequency)', settings.minFrequency);
  add('Maximale tekstlengte (maxTextLength)', settings.maxTextLength);
  add('Peildatum (referenceDate)', settings.referenceDate);
  const partitioned = partitionNote(result);
  if (partitioned) {
    add('Partities (partitions)', settings.partitions);
    add('Partitionering', partitioned);
  }

  add('Signalen ingeschakeld', list(signals.enabled));
  add('Signalen beschikbaar', list(signals.available));
  add('Signalen niet beschikbaar', list(signals.unavailable.map((u) => `${u.signal}: unavailable (${u.reason})`)));
  const order = [...settings.signalOrder, ...SIGNAL_IDS.filter((s) => !settings.signalOrder.includes(s))];
  for (const signal of order) {
    const unavailable = signals.unavailable.find((u) => u.signal === signal);
    const status = signals.available.includes(signal)
      ? 'available'
      : unavailable
        ? `unavailable (${unavailable.reason})`
        : signals.enabled.includes(signal)
          ? 'enabled'
          : 'disabled';
    add(`Signaal ${signal}`, status);
  }
  for (const signal of order) {
    const weight = signals.effectiveWeights[signal];
    if (weight !== undefined) add(`Gewicht ${signal}`, weight);
  }
  add('Embeddingmodel', signals.embeddingModel?.id);
  add('Embeddingmodel variant', signals.embeddingModel?.variant);

  add('Voorwaardendocumenten', list(references.conditionsDocuments));
  add('Voorwaardensecties', references.conditionsSections);
  add('Bibliotheekclausules', references.libraryEntries);
  add('Instructies', references.instructions);

  for (const context of PAIR_CONTEXTS) add(`Teller pairsCompared.${context}`, counters.pairsCompared[context]);
  add('Teller pairsSkippedByLength', counters.pairsSkippedByLength);
  add('Teller pairsSkippedByPolarity', counters.pairsSkippedByPolarity);
  add('Teller leadersPruned', counters.leadersPruned);
  add('Teller cacheHits.exact', counters.cacheHits.exact);
  add('Teller cacheHits.normalised', counters.cacheHits.normalised);
  for (const signal of SIGNAL_IDS) add(`Teller signalEvaluations.${signal}`, counters.signalEvaluations[signal]);
  add('Teller embeddingInferences', counters.embeddingInferences);
  add('Teller embeddingBatches', counters.embeddingBatches);
  add('Teller embeddingCacheHits', counters.embeddingCacheHits);
  for (const reason of EXIT_REASONS) add(`Teller exits.${reason}`, counters.exits[reason]);

  for (const stage of STAGE_NAMES) {
    const ms = result.timingsMs[stage];
    add(`Tijd ${stage} (ms)`, ms === undefined ? null : Math.round(ms));
  }
  add('Aantal threads (threads)', result.threads);

  add('Ingekorte cellen', shortenedCells);
  add('Waarschuwingen', result.warnings.length);
  result.warnings.forEach((warning, i) => add(`Waarschuwing ${i + 1}`, warningText(warning)));

  for (const [label, count] of Object.entries(facts.adviceByCluster)) add(`Advies per cluster: ${label}`, count);
  for (const [label, count] of Object.entries(facts.adviceByRow)) add(`Advies per rij: ${label}`, count);
  for (const [rule, count] of Object.entries(facts.ruleByCluster)) add(`Regel per cluster: ${rule}`, count);

  add('Engineversie', result.engineVersion);
  add('Starttijd', result.startedAt);
  return rows;
}

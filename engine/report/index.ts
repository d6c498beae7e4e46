/** The report stage (SPEC §10): Excel report, JSON summary, output paths and formula-safe cells. */
export { writeReport, type WriteOptions } from './excel.ts';
export { reportRows, type ReportRow, originalHeaders, SHEET_RESULTS, SHEET_CLUSTERS, SHEET_STATISTICS, RESULT_HEADERS, CLUSTER_HEADERS, STATISTICS_HEADERS } from './layout.ts';
export { buildJsonSummary, writeJsonSummary, jsonSummaryText, type JsonSummary, type ReportOutputs } from './summary.ts';
export { defaultReportPath, resolveOutputPath, jsonPathFor, type OutputRequest, type OutputPaths } from './paths.ts';
export { safeCellText, removeXmlIllegal, cutToCellLimit, needsQuotePrefix, type SafeText } from './cells.ts';
export { computeRunFacts, reductionPercent, type RunFacts, type ResultCounts } from './facts.ts';
export { NVT } from '../cluster/types.ts';
export { statisticsRows, type Statistic } from './statistics.ts';

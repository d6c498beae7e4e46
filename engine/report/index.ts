/** The report stage (SPEC §10): Excel report, JSON summary, output paths and formula-safe cells. */
export { buildReportWorkbook, writeReport, reportRows, type ReportRow, workbookBytes, originalHeaders, SHEET_RESULTS, SHEET_CLUSTERS, SHEET_STATISTICS, RESULT_HEADERS, CLUSTER_HEADERS, STATISTICS_HEADERS, type ReportBuild } from './excel.ts';
export { buildJsonSummary, writeJsonSummary, jsonSummaryText, type JsonSummary, type ReportOutputs } from './summary.ts';
export { defaultReportPath, resolveOutputPath, jsonPathFor, type OutputRequest, type OutputPaths } from './paths.ts';
export { safeCellText, removeXmlIllegal, cutToCellLimit, needsQuotePrefix, type SafeText } from './cells.ts';
export { adviceFillColour, solidFill } from './colours.ts';
export { computeRunFacts, reductionPercent, NVT, type RunFacts, type ResultCounts } from './facts.ts';
export { statisticsRows, type Statistic } from './statistics.ts';

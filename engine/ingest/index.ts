/**
 * Ingest stage (SPEC §4.1–§4.5): a policy workbook (.xlsx or .csv) → PolicyTable and its clause columns, with the
 * text and policy-number columns chosen. `readTable` is the generic header + rows reader for clause libraries and
 * instruction tables.
 */
export type { ColumnChoice } from './columns.ts';
export type { RawTable, TableRow } from './table.ts';
export { decodeText, decodeWindows1252, type DecodedText, type TextEncodingName } from './decode.ts';
export { normaliseHeaders, policyKey, detectPolicyColumn, detectTextColumn } from './columns.ts';
export { sniffDelimiter, parseCsv, type Delimiter } from './csv.ts';
export { cellValueText, formatNumber, formatDate } from './cell-text.ts';
export { TABLE_EXTENSIONS, tableFormatOf, readInputBytes, readTable } from './read.ts';
export {
  readPolicyClauses,
  readPolicyWorkbook,
  policyClauses,
  readTableRows,
  readTableColumn,
  type PolicyTable,
  type LoadedPolicyTable,
  type PolicyClauses,
  type PolicyInput,
  type ReadOptions,
} from './policy.ts';

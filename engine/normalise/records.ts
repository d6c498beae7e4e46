/**
 * Clause records (SPEC §4.5): one per data row of the policy table, with the derived simplified (§5.1) and
 * clustering (§5.2) texts that every later stage works on.
 */
import type { Settings } from '../config/settings.ts';
import type { PolicyTable } from '../ingest/index.ts';
import { stripLeadingBoilerplate } from './boilerplate.ts';
import { clusteringText } from './clustering.ts';
import { simplify } from './simplify.ts';
import { correctWords, spellingCorrections, tokenRowCounts } from './spelling.ts';

export interface ClauseRecord {
  rowNumber: number; // 1-based position among data rows
  sourceLine: number; // sheet row or CSV line, for messages
  rawText: string;
  policyNumber: string | null;
  simplifiedText: string;
  clusteringText: string;
}

/** The clause a grouping compares: with `grouping.stripBoilerplate`, without its leading labels, bullets and numbering. */
export function clauseBody(rawText: string, grouping: Settings['grouping']): string {
  return grouping.stripBoilerplate ? stripLeadingBoilerplate(rawText) : rawText;
}

/**
 * The records of a policy table. With `grouping.stripBoilerplate` the texts are derived from the clause without its
 * leading labels, bullets and numbering; with `grouping.correctSpelling` the clustering texts are made from the text
 * spelled against the workbook's own vocabulary (spelling.ts), which needs every row's words first.
 */
export function buildRecords(table: PolicyTable, grouping: Settings['grouping']): ClauseRecord[] {
  const textIndex = table.textColumn.index;
  const policyIndex = table.policyColumn?.index ?? -1;
  const bodies = table.rows.map((row) => clauseBody(row.cells[textIndex] ?? '', grouping));
  const simplified = bodies.map(simplify);
  const corrections = grouping.correctSpelling ? spellingCorrections(tokenRowCounts(simplified)) : new Map<string, string>();
  return table.rows.map((row, i) => {
    const policy = policyIndex >= 0 ? (row.cells[policyIndex] ?? '').trim() : '';
    return {
      rowNumber: i + 1,
      sourceLine: row.sourceLine,
      rawText: row.cells[textIndex] ?? '',
      policyNumber: policy === '' ? null : policy,
      simplifiedText: simplified[i]!,
      clusteringText: clusteringText(correctWords(bodies[i]!, corrections)),
    };
  });
}

/**
 * Clause records (SPEC §4.5): one per data row of the policy table, with the derived simplified (§5.1) and
 * clustering (§5.2) texts that every later stage works on.
 */
import type { PolicyTable } from '../ingest/index.ts';
import { clusteringText } from './clustering.ts';
import { simplify } from './simplify.ts';

export interface ClauseRecord {
  rowNumber: number; // 1-based position among data rows
  sourceLine: number; // sheet row or CSV line, for messages
  rawText: string;
  policyNumber: string | null;
  simplifiedText: string;
  clusteringText: string;
}

export function buildRecords(table: PolicyTable): ClauseRecord[] {
  const textIndex = table.textColumn.index;
  const policyIndex = table.policyColumn?.index ?? -1;
  return table.rows.map((row, i) => {
    const rawText = row.cells[textIndex] ?? '';
    const policy = policyIndex >= 0 ? (row.cells[policyIndex] ?? '').trim() : '';
    return {
      rowNumber: i + 1,
      sourceLine: row.sourceLine,
      rawText,
      policyNumber: policy === '' ? null : policy,
      simplifiedText: simplify(rawText),
      clusteringText: clusteringText(rawText),
    };
  });
}

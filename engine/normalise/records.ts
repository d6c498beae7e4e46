/**
 * Clause records (SPEC §4.5): one per data row of the policy table, with the derived simplified (§5.1) and
 * clustering (§5.2) texts that every later stage works on.
 */
import type { Settings } from '../config/settings.ts';
import type { PolicyClauses } from '../ingest/index.ts';
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
 * The records of a policy table's clause columns. With `grouping.stripBoilerplate` the texts are derived from the
 * clause without its leading labels, bullets and numbering; with `grouping.correctSpelling` the clustering texts are
 * made from the text spelled against the workbook's own vocabulary (spelling.ts), which needs every row's words
 * first. Each distinct text is normalised once: real exports repeat the same clauses many times, and the records of
 * equal texts share their derived strings.
 */
export function buildRecords(clauses: PolicyClauses, grouping: Settings['grouping']): ClauseRecord[] {
  const { texts, policyNumbers, sourceLines } = clauses;
  const distinct = [...new Set(texts)];
  const bodies = new Map(distinct.map((text) => [text, clauseBody(text, grouping)]));
  const simplifiedOf = new Map<string, string>();
  for (const body of bodies.values()) if (!simplifiedOf.has(body)) simplifiedOf.set(body, simplify(body));
  const simplified = texts.map((text) => simplifiedOf.get(bodies.get(text)!)!);
  const corrections = grouping.correctSpelling ? spellingCorrections(tokenRowCounts(simplified)) : new Map<string, string>();
  const clusteringOf = new Map<string, string>();
  for (const body of simplifiedOf.keys()) clusteringOf.set(body, clusteringText(correctWords(body, corrections)));
  return texts.map((rawText, i) => {
    const body = bodies.get(rawText)!;
    return {
      rowNumber: i + 1,
      sourceLine: sourceLines[i]!,
      rawText,
      policyNumber: policyNumbers[i] ?? null,
      simplifiedText: simplified[i]!,
      clusteringText: clusteringOf.get(body)!,
    };
  });
}

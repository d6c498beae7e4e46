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
import { cancellationPoint } from '../util/errors.ts';

/** Distinct texts normalised between two cancellation checks (a few milliseconds of work). */
const CANCEL_SLICE = 2_000;

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
 * equal texts share their derived strings. A cancelled run stops within one slice of texts.
 */
export async function buildRecords(clauses: PolicyClauses, grouping: Settings['grouping'], signal?: AbortSignal): Promise<ClauseRecord[]> {
  const { texts, policyNumbers, sourceLines } = clauses;
  const distinct = [...new Set(texts)];
  const bodies = new Map(distinct.map((text) => [text, clauseBody(text, grouping)]));
  const simplifiedOf = new Map<string, string>();
  let done = 0;
  for (const body of bodies.values()) {
    if (++done % CANCEL_SLICE === 0) await cancellationPoint(signal);
    if (!simplifiedOf.has(body)) simplifiedOf.set(body, simplify(body));
  }
  const simplified = texts.map((text) => simplifiedOf.get(bodies.get(text)!)!);
  const corrections = grouping.correctSpelling ? spellingCorrections(tokenRowCounts(simplified)) : new Map<string, string>();
  const clusteringOf = new Map<string, string>();
  for (const body of simplifiedOf.keys()) {
    if (++done % CANCEL_SLICE === 0) await cancellationPoint(signal);
    clusteringOf.set(body, clusteringText(correctWords(body, corrections)));
  }
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

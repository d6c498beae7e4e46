/**
 * Clause records (SPEC §4.5): one per data row of the policy table, with the derived simplified (§5.1) and
 * clustering (§5.2) texts that every later stage works on.
 */
import type { Settings } from '../config/settings.ts';
import type { PolicyClauses } from '../ingest/index.ts';
import { stripLeadingBoilerplate } from './boilerplate.ts';
import { clusteringText } from './clustering.ts';
import { simplify } from './simplify.ts';
import { correctWords, workbookCorrections } from './spelling.ts';
import { IN_THIS_THREAD, type ParallelTask, type TaskRunner } from '../util/parallel.ts';
import { finishStepsCancellable, forEachSteps, mapSteps, type Steps } from '../util/steps.ts';
import { codePointLength } from '../util/text.ts';

export interface ClauseRecord {
  rowNumber: number; // 1-based position among data rows
  sourceLine: number; // sheet row or CSV line, for messages
  rawText: string;
  policyNumber: string | null;
  simplifiedText: string;
  clusteringText: string;
}

/**
 * Whether a row takes part in clustering (SPEC §8.1): its simplified text has at least `minTextLength` code points;
 * shorter rows get cluster id NVT and are left out of every corpus and block. A string of n UTF-16 units has between
 * n/2 and n code points, so only texts near the bound are counted: this runs per row at a million rows.
 */
export function longEnoughToCluster(simplifiedText: string, minTextLength: number): boolean {
  const units = simplifiedText.length;
  if (units < minTextLength) return false;
  if (units >= 2 * minTextLength) return true;
  return codePointLength(simplifiedText) >= minTextLength;
}

/** The clause a grouping compares: with `grouping.stripBoilerplate`, without its leading labels, bullets and numbering. */
export function clauseBody(rawText: string, grouping: Settings['grouping']): string {
  return grouping.stripBoilerplate ? stripLeadingBoilerplate(rawText) : rawText;
}

/** Per distinct raw text: the clause body and its simplified text. */
export const PREPARE_TEXTS: ParallelTask<string, [body: string, simplified: string], Settings['grouping']> = {
  id: 'normalise.prepare',
  run: (texts, grouping) =>
    texts.map((text) => {
      const body = clauseBody(text, grouping);
      return [body, simplify(body)];
    }),
};

/** Per distinct clause body: its clustering text, spelled against the workbook's vocabulary. */
export const CLUSTERING_TEXTS: ParallelTask<string, string, ReadonlyMap<string, string>> = {
  id: 'normalise.clustering',
  run: (bodies, corrections) => bodies.map((body) => clusteringText(correctWords(body, corrections))),
};

/**
 * The records of a policy table's clause columns. With `grouping.stripBoilerplate` the texts are derived from the
 * clause without its leading labels, bullets and numbering; with `grouping.correctSpelling` the clustering texts are
 * made from the text spelled against the workbook's own vocabulary (spelling.ts), which needs every row's words
 * first. Each distinct text is normalised once: real exports repeat the same clauses many times, and the records of
 * equal texts share their derived strings. The per-text work runs on the runner's threads; a cancelled run stops
 * within one slice of texts or one step of the work over every row (util/steps.ts).
 */
export async function buildRecords(
  clauses: PolicyClauses,
  grouping: Settings['grouping'],
  signal?: AbortSignal,
  runner: TaskRunner = IN_THIS_THREAD,
): Promise<ClauseRecord[]> {
  const { texts, policyNumbers, sourceLines } = clauses;
  const finish = <T>(steps: Steps<T>) => finishStepsCancellable(steps, signal);
  const distinct = [...new Set(texts)];
  const prepared = await runner.map(PREPARE_TEXTS, distinct, grouping, { signal });
  const bodies = new Map<string, string>();
  const simplifiedOf = new Map<string, string>();
  await finish(
    forEachSteps(distinct.keys(), (i) => {
      const [body, simple] = prepared[i]!;
      bodies.set(distinct[i]!, body);
      if (!simplifiedOf.has(body)) simplifiedOf.set(body, simple);
    }),
  );
  const simplified = await finish(mapSteps(texts, (text) => simplifiedOf.get(bodies.get(text)!)!));
  const corrections = grouping.correctSpelling ? await finish(workbookCorrections(simplified)) : new Map<string, string>();
  const distinctBodies = [...simplifiedOf.keys()];
  const clustering = await runner.map(CLUSTERING_TEXTS, distinctBodies, corrections, { signal });
  const clusteringOf = new Map<string, string>();
  await finish(forEachSteps(distinctBodies.keys(), (i) => clusteringOf.set(distinctBodies[i]!, clustering[i]!)));
  return finish(
    mapSteps(texts, (rawText, i) => ({
      rowNumber: i + 1,
      sourceLine: sourceLines[i]!,
      rawText,
      policyNumber: policyNumbers[i] ?? null,
      simplifiedText: simplified[i]!,
      clusteringText: clusteringOf.get(bodies.get(rawText)!)!,
    })),
  );
}

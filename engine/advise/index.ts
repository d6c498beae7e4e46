/**
 * The advice waterfall (SPEC §9.2): per cluster, step 0 (data quality) gives the cluster advice when it hits; the
 * content advice (steps 1–7) is computed for every cluster and is what member rows show. Each row's own text is
 * checked against Appendix C too.
 */
import type { Cascade } from '../cascade/evaluate.ts';
import type { Clustering } from '../cluster/types.ts';
import { NVT } from '../cluster/types.ts';
import { clusterName } from '../cluster/names.ts';
import type { Settings } from '../config/settings.ts';
import { isStopword } from '../normalise/stopwords.ts';
import { tokens } from '../normalise/tokens.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import type { Cluster, RowResult } from './types.ts';
import { embeddingInput } from '../signals/embeddings/index.ts';
import type { SignalSuite } from '../signals/suite.ts';
import { TfidfModel, tfidfTerms } from '../signals/tfidf.ts';
import { cancellationPoint } from '../util/errors.ts';
import { IN_THIS_THREAD, type TaskRunner } from '../util/parallel.ts';
import { codePointLength, trimUnicode } from '../util/text.ts';
import type { Advice } from './labels.ts';
import type { MatchContext } from './matching.ts';
import type { References } from './reference-inputs.ts';
import { SHORT_TEXT_LENGTH, shortTextAdvice, tailAdvice } from './rules/fallback.ts';
import { keywordAdvice } from './rules/keywords.ts';
import { QUALITY_ADVICE } from './rules/quality.ts';
import { conditionsIndex, conditionsStep } from './steps/conditions.ts';
import { instructionStep, prepareInstructions } from './steps/instructions.ts';
import { libraryStep, prepareLibrary } from './steps/library.ts';

export interface AdviseInput {
  records: ClauseRecord[];
  clustering: Clustering;
  references: References;
  settings: Settings;
  suite: SignalSuite;
  cascade: Cascade;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
  log?: (message: string) => void;
  /** Where the per-text checks run (default: this thread). */
  runner?: TaskRunner;
}

export interface AdviseOutput {
  clusters: Cluster[];
  rows: RowResult[];
  libraryMediumMatches: number;
}

/** Top-3 TF-IDF tokens (≥ 4 characters, no stop-words) in text order, for `clusterNames = keyTerms` (SPEC §8.4). */
function keyTermsOf(model: TfidfModel): (text: string) => string[] {
  return (text) => {
    const words = tokens(text).filter((t) => codePointLength(t) >= 4 && !isStopword(t));
    const scored = words.map((word, position) => ({ word, position, weight: Math.max(0, ...[...model.termWeights(word).values()]) }));
    const top = [...scored].sort((a, b) => b.weight - a.weight || a.position - b.position).slice(0, 3);
    return top.sort((a, b) => a.position - b.position).map((t) => t.word);
  };
}

export async function adviseClusters(input: AdviseInput): Promise<AdviseOutput> {
  const { records, clustering, references, settings, suite, cascade } = input;
  const ctx: MatchContext = { settings, suite, cascade };
  const instructions = prepareInstructions(references.instructions);
  const library = prepareLibrary(references.library);
  const conditions = conditionsIndex(references.sections);
  const conditionsLoaded = references.sections.length > 0;
  const keyTerms =
    settings.clusterNames === 'keyTerms'
      ? keyTermsOf(suite.tfidf ?? new TfidfModel(records.map((r) => r.simplifiedText).filter((t) => tfidfTerms(t).length > 0)))
      : undefined;
  // Step 0 depends on the text alone: checked once per distinct text, the most repeated work of this stage (most of
  // its time at a million rows), so it is the first half of the stage's progress and the stage shows from its start.
  input.onProgress?.(0);
  const distinctTexts = [...new Set(records.map((r) => r.rawText))];
  const quality = await (input.runner ?? IN_THIS_THREAD).map(QUALITY_ADVICE, distinctTexts, settings.referenceDate, {
    signal: input.signal,
    onSliceDone: (done, total) => input.onProgress?.(Math.trunc((50 * done) / total)),
  });
  const qualityOf = new Map(distinctTexts.map((text, i) => [text, quality[i]!]));
  let libraryMediumMatches = 0;
  const stepMs = [0, 0, 0, 0, 0];

  const contentAdvice = async (leader: ClauseRecord, freq: number): Promise<Advice> => {
    const text = trimUnicode(leader.rawText);
    const view = { text, simple: leader.simplifiedText, embeddingText: embeddingInput(leader.rawText) };
    const timed = async <T>(step: number, work: () => Promise<T> | T): Promise<T> => {
      const t0 = performance.now();
      const result = await work();
      stepMs[step]! += performance.now() - t0;
      return result;
    };
    const fromInstructions = await timed(0, () => instructionStep(view, instructions, ctx));
    if (fromInstructions) return fromInstructions;
    const fromLibrary = await timed(1, () => libraryStep(view, library, ctx));
    if (fromLibrary.mediumMatch) libraryMediumMatches++;
    if (fromLibrary.advice) return fromLibrary.advice;
    const fromConditions = await timed(2, () => conditionsStep(view, conditions, ctx));
    if (fromConditions) return fromConditions;
    return (await timed(3, () => keywordAdvice(view.simple))) ?? (await timed(4, () => tailAdvice({ text, freq }, settings, conditionsLoaded)));
  };

  const clusters: Cluster[] = [];
  for (let k = 0; k < clustering.clusters.length; k++) {
    if (k % 50 === 0) {
      await cancellationPoint(input.signal);
      input.onProgress?.(50 + Math.trunc((50 * k) / clustering.clusters.length));
    }
    if (k > 0 && k % 100 === 0) {
      input.log?.(`Advice: ${k} clusters; ms per step instructions/library/conditions/keywords/tail = ${stepMs.map((ms) => Math.round(ms)).join('/')}`);
    }
    const draft = clustering.clusters[k]!;
    const leader = records[draft.leader]!;
    const content = await contentAdvice(leader, draft.members.length);
    const step0 =
      qualityOf.get(leader.rawText) ?? (codePointLength(leader.simplifiedText) < SHORT_TEXT_LENGTH ? shortTextAdvice() : null);
    clusters.push({
      id: draft.id,
      name: clusterName(leader.rawText, keyTerms ? { keyTerms } : {}),
      leaderRow: leader.rowNumber,
      rows: draft.members.map((m) => records[m]!.rowNumber),
      advice: step0 ?? content,
      contentAdvice: content,
    });
  }
  input.onProgress?.(100);

  const byId = new Map(clusters.map((c) => [c.id, c]));
  const rows: RowResult[] = records.map((record, index) => {
    const clusterId = clustering.clusterOf[index]!;
    const own = qualityOf.get(record.rawText);
    const advice = own ?? (clusterId === NVT ? shortTextAdvice() : byId.get(clusterId)!.contentAdvice);
    return { rowNumber: record.rowNumber, clusterId, advice };
  });
  return { clusters, rows, libraryMediumMatches };
}

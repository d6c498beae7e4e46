/** Step 2 — clause library (SPEC §9.4). */
import type { Advice } from '../labels.ts';
import { LABELS } from '../labels.ts';
import type { LibraryEntry } from '../inputs/library.ts';
import { bestMatch, type MatchContext } from '../matching.ts';
import { embeddingInput } from '../../signals/embeddings/index.ts';
import { codePointLength, percent } from '../../util/text.ts';

const MIN_QUERY = 10;
const FLOOR = 0.75;
const EXACT = 0.95;
const HIGH = 0.85;

export interface PreparedEntry extends LibraryEntry {
  embeddingText: string;
}

export function prepareLibrary(entries: LibraryEntry[]): PreparedEntry[] {
  return entries.map((e) => ({ ...e, embeddingText: embeddingInput(e.text) }));
}

export interface LibraryOutcome {
  advice: Advice | null;
  /** 0.75–0.85: no advice, counted as a medium match in the statistics. */
  mediumMatch: boolean;
}

export async function libraryStep(
  leader: { simple: string; embeddingText: string },
  entries: PreparedEntry[],
  ctx: MatchContext,
): Promise<LibraryOutcome> {
  if (entries.length === 0 || codePointLength(leader.simple) < MIN_QUERY) return { advice: null, mediumMatch: false };
  const match = await bestMatch({ simplified: leader.simple, embeddingText: leader.embeddingText }, entries, { value: FLOOR, strict: false }, 'library', ctx);
  if (!match) return { advice: null, mediumMatch: false };
  const { code } = match.candidate;
  const p = percent(match.score);
  if (match.score >= EXACT) {
    return {
      advice: { label: LABELS.replace, confidence: 'Hoog', article: code, rule: 'LIBRARY_EXACT_MATCH', reason: `Komt overeen met standaardclausule ${code} (${p}% match). Vervang door deze standaardcode.` },
      mediumMatch: false,
    };
  }
  if (match.score >= HIGH) {
    return {
      advice: { label: LABELS.checkSimilarity, confidence: 'Midden', article: code, rule: 'LIBRARY_HIGH_SIMILARITY', reason: `Lijkt sterk op standaardclausule ${code} (${p}% match). Controleer of vervanging mogelijk is.` },
      mediumMatch: false,
    };
  }
  return { advice: null, mediumMatch: true };
}

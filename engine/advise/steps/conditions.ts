/** Step 3 — conditions (SPEC §9.5): exact, best section (by sentence windows), fragments, semantic. */
import type { Advice } from '../labels.ts';
import { LABELS } from '../labels.ts';
import type { Section } from '../inputs/conditions.ts';
import { bestMatch, type MatchContext } from '../matching.ts';
import { sectionReference } from '../rules/article-references.ts';
import { simplify } from '../../normalise/simplify.ts';
import { embeddingInput } from '../../signals/embeddings/index.ts';
import { codePointLength, percent } from '../../util/text.ts';

const MIN_QUERY = 20;
const FRAGMENT_TEXT = 50;
const FRAGMENT_SENTENCE = 20;
const SEMANTIC_SECTION = 10;

/** Sentences end at `.`, `!` or `?` followed by whitespace or the end of the text. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])(?:[\p{White_Space}]+|$)/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface SectionUnit {
  section: Section;
  simplified: string;
  embeddingText: string;
}

/** A section is matched by its whole text and by every window of 1, 2 and 3 consecutive sentences. */
export function sectionUnits(sections: Section[]): SectionUnit[] {
  const units: SectionUnit[] = [];
  for (const section of sections) {
    const seen = new Set<string>();
    const add = (raw: string) => {
      const simplified = simplify(raw);
      if (simplified === '' || seen.has(simplified)) return;
      seen.add(simplified);
      units.push({ section, simplified, embeddingText: embeddingInput(raw) });
    };
    add(section.text);
    const parts = sentences(section.text);
    for (let size = 1; size <= 3; size++) {
      for (let i = 0; i + size <= parts.length; i++) add(parts.slice(i, i + size).join(' '));
    }
  }
  return units;
}

export interface ConditionsIndex {
  sections: Section[];
  units: SectionUnit[];
  /** Sections eligible for the semantic strategy, with their embedding inputs. */
  semantic: { section: Section; embeddingText: string }[];
}

export function conditionsIndex(sections: Section[]): ConditionsIndex {
  return {
    sections,
    units: sectionUnits(sections),
    semantic: sections.filter((s) => codePointLength(s.simplified) > SEMANTIC_SECTION).map((section) => ({ section, embeddingText: embeddingInput(section.text) })),
  };
}

type Leader = { text: string; simple: string; embeddingText: string };

function exactStrategy(leader: Leader, index: ConditionsIndex): Advice | null {
  const section = index.sections.find((s) => s.simplified.includes(leader.simple));
  if (!section) return null;
  return { label: LABELS.remove, confidence: 'Hoog', article: sectionReference(section), rule: 'CONDITIONS_EXACT', reason: 'Tekst komt EXACT voor in de voorwaarden. Kan verwijderd worden.' };
}

async function bestSectionStrategy(leader: Leader, index: ConditionsIndex, ctx: MatchContext): Promise<Advice | null> {
  const match = await bestMatch({ simplified: leader.simple, embeddingText: leader.embeddingText }, index.units, { value: 0.5, strict: true }, 'conditions', ctx);
  if (!match) return null;
  const ref = sectionReference(match.candidate.section);
  const p = percent(match.score);
  if (match.score >= 0.95) return { label: LABELS.remove, confidence: 'Hoog', article: ref, rule: 'CONDITIONS_NEAR_EXACT', reason: `Tekst komt bijna letterlijk voor in voorwaarden (${p}% match). Kan verwijderd worden.` };
  if (match.score >= 0.85) return { label: LABELS.remove, confidence: 'Midden', article: ref, rule: 'CONDITIONS_HIGH_SIMILARITY', reason: `Tekst lijkt sterk op ${ref} (${p}% match). Controleer en verwijder indien identiek.` };
  if (match.score >= 0.75) return { label: LABELS.manualCheck, confidence: 'Laag', article: ref, rule: 'CONDITIONS_MEDIUM_SIMILARITY', reason: `Vertoont gelijkenis met ${ref} (${p}% match). Controleer of dit een variant is.` };
  return { label: LABELS.manualCheck, confidence: 'Laag', article: ref, rule: 'CONDITIONS_SEMANTIC_MATCH', reason: `Mogelijke overlap met ${ref} (${p}% semantische match). Controleer of betekenis identiek is.` };
}

function fragmentsStrategy(leader: Leader, index: ConditionsIndex): Advice | null {
  if (codePointLength(leader.simple) < FRAGMENT_TEXT) return null;
  const candidates = sentences(leader.text).map(simplify).filter((s) => codePointLength(s) > FRAGMENT_SENTENCE);
  const n = candidates.length;
  let k = 0;
  let first: Section | null = null;
  for (const sentence of candidates) {
    const section = index.sections.find((s) => s.simplified.includes(sentence));
    if (!section) continue;
    k++;
    first ??= section;
  }
  if (n < 2 || k / n < 0.5 || !first) return null;
  return {
    label: LABELS.remove,
    confidence: 'Midden',
    article: sectionReference(first),
    rule: 'CONDITIONS_FRAGMENTS',
    reason: `${k} van ${n} zinnen komen letterlijk voor in de voorwaarden. Controleer en verwijder indien volledig gedekt.`,
  };
}

async function semanticStrategy(leader: Leader, index: ConditionsIndex, ctx: MatchContext): Promise<Advice | null> {
  const provider = ctx.suite.provider;
  if (!provider || index.semantic.length === 0) return null;
  // Section vectors are encoded once per run; the provider keeps them.
  await provider.embed([leader.embeddingText, ...index.semantic.map((s) => s.embeddingText)]);
  let best: { section: Section; score: number } | null = null;
  for (const { section, embeddingText } of index.semantic) {
    const score = provider.similarity(leader.embeddingText, embeddingText);
    ctx.cascade.counters.signalEvaluations.embeddings++;
    if (best === null || score > best.score) best = { section, score };
  }
  if (!best) return null;
  const ref = sectionReference(best.section);
  const p = percent(best.score);
  if (best.score >= 0.8) return { label: LABELS.remove, confidence: 'Midden', article: ref, rule: 'CONDITIONS_SEMANTIC_MATCH', reason: `Semantisch identiek aan ${ref} (${p}% betekenis-match). Controleer en verwijder indien identiek.` };
  if (best.score >= 0.7) return { label: LABELS.manualCheck, confidence: 'Laag', article: ref, rule: 'CONDITIONS_SEMANTIC_POSSIBLE', reason: `Mogelijke semantische overlap met ${ref} (${p}% betekenis-match). Beoordeel handmatig.` };
  return null;
}

export async function conditionsStep(leader: Leader, index: ConditionsIndex, ctx: MatchContext): Promise<Advice | null> {
  if (index.sections.length === 0 || codePointLength(leader.simple) < MIN_QUERY) return null;
  return exactStrategy(leader, index) ?? (await bestSectionStrategy(leader, index, ctx)) ?? fragmentsStrategy(leader, index) ?? (await semanticStrategy(leader, index, ctx));
}

/** Shared fakes for the cascade, signal and cluster tests. */
import { fuzzySignal } from '../../engine/signals/fuzzy.ts';
import { stemmedSignal } from '../../engine/signals/stemmed.ts';
import { synonymsSignal } from '../../engine/signals/synonyms.ts';
import fc from 'fast-check';
import type { Settings, SignalId } from '../../engine/config/settings.ts';
import { unitSimilarity, type EmbeddingProvider, type EmbeddingStats } from '../../engine/signals/embeddings/index.ts';
import { SignalSuite } from '../../engine/signals/suite.ts';
import type { Signal, SignalTraits } from '../../engine/signals/types.ts';
import { normaliseWeights } from '../../engine/signals/weights.ts';

/** Deterministic unit vectors from a text hash (dimension 8, non-negative so similarities spread over [0, 1]). */
export function fakeVector(text: string, dim = 8): Float32Array {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  const v = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
    v[j] = (h % 1000) / 1000 + 0.05;
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** An EmbeddingProvider with deterministic vectors; texts must be embed()-ed before similarity() like the real one. */
export class FakeEmbeddingProvider implements EmbeddingProvider {
  readonly modelId = 'fake/model';
  readonly variant = 'fp32-000000000000';
  readonly stats: EmbeddingStats = { inferences: 0, batches: 0, diskHits: 0 };
  readonly memo = new Map<string, Float32Array>();
  readonly batches: string[][] = [];
  has(text: string): boolean {
    return this.memo.has(text);
  }
  fork(): EmbeddingProvider {
    return new FakeEmbeddingProvider();
  }
  async embed(texts: string[]): Promise<void> {
    const todo = [...new Set(texts)].filter((t) => !this.memo.has(t));
    if (todo.length === 0) return;
    this.batches.push(todo);
    for (const t of todo) this.memo.set(t, fakeVector(t));
    this.stats.inferences += todo.length;
    this.stats.batches++;
  }
  vector(text: string): Float32Array {
    const v = this.memo.get(text);
    if (!v) throw new Error(`not embedded: ${text}`);
    return v;
  }
  similarity(a: string, b: string): number {
    return unitSimilarity(this.vector(a), this.vector(b));
  }
  async close(): Promise<void> {}
}

/**
 * A SignalSuite over fake signals whose values the test controls: the stage text of a side is a key, and each signal
 * looks up `values[id]` / `bounds[id]` for the pair (`a|b`). The real SignalSuite methods (prepare, value, combine)
 * are used, only the signal list and weights (and, with `rawFloor`, a second score view) are replaced.
 */
export interface FakePair {
  values: Partial<Record<SignalId, number>>;
  bounds?: Partial<Record<SignalId, number>>;
}
/** The real signals' traits, except that fake embeddings read their value from the stage text like the others. */
const FAKE_TRAITS: Record<SignalId, SignalTraits> = {
  fuzzy: fuzzySignal.traits,
  stemmed: stemmedSignal.traits,
  tfidf: { qgramBounded: false, input: 'stage', seedRole: null, ceilingUnderCutoff: false },
  synonyms: synonymsSignal().traits,
  embeddings: { qgramBounded: false, input: 'stage', seedRole: 'skippable', ceilingUnderCutoff: false },
};

export function fakeSuite(
  ids: SignalId[],
  rawWeights: number[],
  pairs: Record<string, FakePair>,
  pendingFor?: (a: string, b: string) => string[],
  rawFloor?: number[],
): SignalSuite {
  const weights = normaliseWeights(rawWeights);
  const lookup = (a: string, b: string): FakePair => {
    const p = pairs[`${a}|${b}`] ?? pairs[`${b}|${a}`];
    if (!p) throw new Error(`no fake pair ${a}|${b}`);
    return p;
  };
  const signals: Signal<string>[] = ids.map((id) => ({
    id,
    traits: FAKE_TRAITS[id],
    prepare: (text: string) => text,
    bound: (a: string, b: string) => lookup(a, b).bounds?.[id] ?? 1,
    score: (a: string, b: string) => {
      const v = lookup(a, b).values[id];
      if (v === undefined) throw new Error(`no fake value for ${id}`);
      return v;
    },
    ...(id === 'embeddings' && pendingFor ? { pending: pendingFor } : {}),
  }));
  return Object.assign(Object.create(SignalSuite.prototype) as SignalSuite, {
    signals,
    ids,
    weights,
    views: rawFloor ? [weights, normaliseWeights(rawFloor)] : [weights],
    status: null,
    tfidf: null,
    provider: null,
    cache: new Map(),
  });
}

export const SETTINGS_BASE = { referenceDate: '2026-01-01' } as const;

// ---- random Dutch-ish clause texts ----

export const VOCABULARY = [
  'de', 'het', 'een', 'van', 'en', 'is', 'niet', 'voor', 'aan', 'bij', 'tot', 'per',
  'verzekering', 'verzekerd', 'gedekt', 'dekking', 'schade', 'brand', 'storm', 'water', 'lekkage', 'diefstal',
  'inbraak', 'huis', 'woning', 'pand', 'auto', 'wagen', 'voertuig', 'eigen', 'risico', 'franchise', 'premie',
  'kosten', 'jaarlijks', 'jaar', 'maximaal', 'bedrag', 'vergoeding', 'uitkering', 'clausule', 'artikel',
  'molest', 'terrorisme', 'uitgesloten', 'buitenland', 'inboedel', 'opstal', 'glas', 'ruiten', 'verzekerde',
  'polis', 'voorwaarden', 'afwijking', 'geldt', 'bedraagt', '100', '2500', 'euro', 'p.a.', 'auto\'s', 'Eigen-risico',
];

/** Random typos: substitute, insert or delete a character at random positions. */
export function typoArb(text: string): fc.Arbitrary<string> {
  const letters = 'abcdeéijklmnoprstuvz ';
  return fc
    .array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'ins', 'del'), fc.constantFrom(...letters)), { maxLength: 4 })
    .map((edits) => {
      let s = text;
      for (const [pos, kind, ch] of edits) {
        const i = s.length === 0 ? 0 : pos % s.length;
        if (kind === 'sub') s = s.slice(0, i) + ch + s.slice(i + 1);
        else if (kind === 'ins') s = s.slice(0, i) + ch + s.slice(i);
        else s = s.slice(0, i) + s.slice(i + 1);
      }
      return s;
    });
}

export const sentenceArb = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 14 }).map((w) => w.join(' '));

/** A pair of texts: often a sentence and a typo/edited copy of it (near the cuts), sometimes unrelated. */
export const textPairArb: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 3, arbitrary: sentenceArb.chain((a) => fc.tuple(fc.constant(a), typoArb(a))) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(sentenceArb, sentenceArb, sentenceArb)
      .chain(([common, x, y]) => fc.tuple(fc.constant(`${common} ${x}`), typoArb(`${common} ${y}`))),
  },
  { weight: 1, arbitrary: fc.tuple(sentenceArb, sentenceArb) },
);

export type WeightOverrides = Record<string, number>;

export function settingsOf(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...SETTINGS_BASE, ...overrides };
}

export type { Settings };

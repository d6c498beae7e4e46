import { codePointLength } from '../util/text.ts';
import { stemmedTokens } from '../normalise/tokens.ts';
import { dot, sharedTermsBound, termSketch, TermIds, type SparseVector, type TermSketch } from './sparse.ts';
import type { Signal } from './types.ts';

/** TF-IDF terms: the stems of SPEC §6.3 with at least 2 characters; placeholders are terms as they are. */
export function tfidfTerms(text: string): string[] {
  return stemmedTokens(text).filter((t) => codePointLength(t) >= 2);
}

/**
 * Fitted once per run on the distinct clause texts and every reference text (SPEC §6.4): sublinear tf, smoothed
 * idf, L2-normalised vectors, cosine as a dot product.
 */
export class TfidfModel {
  private readonly termIds = new TermIds();
  private readonly documentFrequency = new Map<number, number>();
  readonly documents: number;

  constructor(corpus: Iterable<string>) {
    let n = 0;
    for (const text of corpus) {
      n++;
      for (const term of new Set(tfidfTerms(text))) {
        const id = this.termIds.id(term);
        this.documentFrequency.set(id, (this.documentFrequency.get(id) ?? 0) + 1);
      }
    }
    this.documents = n;
  }

  /** No terms in the corpus makes the signal unavailable for the run. */
  get hasTerms(): boolean {
    return this.documentFrequency.size > 0;
  }

  idf(term: string): number {
    const df = this.documentFrequency.get(this.termIds.id(term)) ?? 0;
    return Math.log((1 + this.documents) / (1 + df)) + 1;
  }

  vector(text: string): SparseVector {
    const counts = new Map<number, number>();
    const idfs = new Map<number, number>();
    for (const term of tfidfTerms(text)) {
      const id = this.termIds.id(term);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (!idfs.has(id)) idfs.set(id, this.idf(term));
    }
    const ids = Int32Array.from(counts.keys()).sort();
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      const w = (1 + Math.log(counts.get(id)!)) * idfs.get(id)!;
      weights[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { ids, weights };
  }

  /** Weight of each term of a text, for key-term cluster names (SPEC §8.4). */
  termWeights(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const term of tfidfTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return new Map([...counts].map(([term, c]) => [term, (1 + Math.log(c)) * this.idf(term)]));
  }
}

export interface TfidfText {
  vector: SparseVector;
  sketch: TermSketch;
  /** topSquares[k] = sum of the k largest squared weights (topSquares[0] = 0). */
  topSquares: Float64Array;
}

function prepareTfidf(model: TfidfModel, text: string): TfidfText {
  const vector = model.vector(text);
  const squares = Array.from(vector.weights, (w) => w * w).sort((x, y) => y - x);
  const topSquares = new Float64Array(squares.length + 1);
  squares.forEach((sq, k) => (topSquares[k + 1] = topSquares[k]! + sq));
  return { vector, sketch: termSketch(vector.ids), topSquares };
}

/**
 * Cosine of L2-normalised TF-IDF vectors (SPEC §6.4). Bound: with at most k shared terms (from the sketches), the
 * dot product is at most sqrt(sum of a's k largest squares · sum of b's k largest squares) by Cauchy–Schwarz over
 * the shared terms.
 */
export function tfidfSignal(model: TfidfModel): Signal<TfidfText> {
  return {
    id: 'tfidf',
    traits: { qgramBounded: false, input: 'stage', seedRole: null, ceilingUnderCutoff: false },
    prepare: (text) => prepareTfidf(model, text),
    bound: (a, b) => {
      const k = sharedTermsBound(a.sketch, b.sketch);
      return Math.min(1, Math.sqrt(a.topSquares[k]! * b.topSquares[k]!));
    },
    // Rounding can carry a cosine of identical vectors a hair above 1.
    score: (a, b) => (a.vector.ids.length === 0 || b.vector.ids.length === 0 ? 0 : Math.min(1, dot(a.vector, b.vector))),
  };
}

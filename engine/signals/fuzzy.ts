import { distance } from 'fastest-levenshtein';
import { boundedDistance } from './levenshtein.ts';
import type { Signal } from './types.ts';

/**
 * fastest-levenshtein works on UTF-16 units; SPEC §6.2 counts code points. A text with code points above U+FFFF keeps
 * its code points, and a pair involving one is computed by the dynamic programme over code points (rare: emoji).
 */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

export interface FuzzyText {
  units: string;
  /** Set only when the text has code points above U+FFFF. */
  codePoints: Int32Array | null;
  length: number; // code points
}

export function prepareFuzzy(text: string): FuzzyText {
  if (!ASTRAL.test(text)) return { units: text, codePoints: null, length: text.length };
  const codePoints = Int32Array.from(text, (ch) => ch.codePointAt(0)!);
  return { units: text, codePoints, length: codePoints.length };
}

export function fuzzyBound(a: FuzzyText, b: FuzzyText): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 && lb === 0) return 1;
  return Math.min(la, lb) / Math.max(la, lb);
}

/** 1 − lev / max length; both empty → 1, exactly one empty → 0 (SPEC §6.2). */
export function fuzzyScore(a: FuzzyText, b: FuzzyText, cutoff = 0): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  const longer = Math.max(la, lb);
  if (cutoff > 0) {
    // score ≥ cutoff ⟺ lev ≤ (1 − cutoff)·longer; the slack admits one edit too many rather than one too few.
    const max = Math.floor((1 - cutoff) * longer + 1e-9);
    if (max < 0) return 1 - Math.abs(la - lb) / longer; // no distance is small enough: the length ceiling
    // Above `max` the distance is only bounded from below, so the ratio is a ceiling of the score, under the cutoff.
    if (max < longer * BANDED_SHARE) return 1 - boundedDistance(codesOf(a, 0), la, codesOf(b, 1), lb, max) / longer;
  }
  // No distance exceeds the longer length, so with that ceiling the banded programme is exact.
  const lev = a.codePoints || b.codePoints ? boundedDistance(codesOf(a, 0), la, codesOf(b, 1), lb, longer) : distance(a.units, b.units);
  return 1 - lev / longer;
}

/**
 * Below this share of the longer length as the ceiling, the banded programme with its early stop keeps pace with
 * fastest-levenshtein's bit-parallel one on the pairs the cascade scores (bench pairs replayed with and without their
 * cutoffs: 0.92–0.96 of the time at 0.2); wider bands lose to it, so they take the bit-parallel route in full.
 */
const BANDED_SHARE = 0.2;

/** Scratch code arrays for the two sides of the pair being scored, grown to the longest text compared. */
const scratch = [new Int32Array(64), new Int32Array(64)];

function codesOf(t: FuzzyText, side: 0 | 1): Int32Array {
  if (t.codePoints) return t.codePoints;
  let codes = scratch[side]!;
  if (codes.length < t.length) codes = scratch[side] = new Int32Array(Math.max(t.length, codes.length * 2));
  for (let i = 0; i < t.length; i++) codes[i] = t.units.charCodeAt(i);
  return codes;
}

/** Fuzzy ratio of two plain strings, for pre-screens and reports. */
export function fuzzyRatio(a: string, b: string): number {
  return fuzzyScore(prepareFuzzy(a), prepareFuzzy(b));
}

export const fuzzySignal: Signal<FuzzyText> = {
  id: 'fuzzy',
  traits: { qgramBounded: true, input: 'stage', seedRole: 'screen', ceilingUnderCutoff: true },
  prepare: prepareFuzzy,
  bound: fuzzyBound,
  score: fuzzyScore,
};

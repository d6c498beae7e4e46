import { distance } from 'fastest-levenshtein';
import type { Signal } from './types.ts';

/**
 * fastest-levenshtein works on UTF-16 units; SPEC §6.2 counts code points. Texts with astral code points are mapped
 * to one private-use unit per distinct code point, consistently for the whole run, so both sides agree.
 */
const astralUnits = new Map<number, string>();
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

function toUnits(text: string): string {
  if (!ASTRAL.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0xffff) {
      out += ch;
      continue;
    }
    let unit = astralUnits.get(cp);
    if (unit === undefined) {
      // The BMP private use area (U+E000–U+F8FF, 6,400 units) is far more than the distinct emoji and rare
      // characters of one workbook; running out would make different characters equal, so it is an error.
      if (astralUnits.size >= 0x1900) throw new Error('More than 6,400 distinct characters above U+FFFF in one run.');
      unit = String.fromCharCode(0xe000 + astralUnits.size);
      astralUnits.set(cp, unit);
    }
    out += unit;
  }
  return out;
}

export interface FuzzyText {
  units: string;
}

export function prepareFuzzy(text: string): FuzzyText {
  return { units: toUnits(text) };
}

export function fuzzyBound(a: FuzzyText, b: FuzzyText): number {
  const la = a.units.length;
  const lb = b.units.length;
  if (la === 0 && lb === 0) return 1;
  return Math.min(la, lb) / Math.max(la, lb);
}

/** 1 − lev / max length; both empty → 1, exactly one empty → 0 (SPEC §6.2). */
export function fuzzyScore(a: FuzzyText, b: FuzzyText): number {
  const la = a.units.length;
  const lb = b.units.length;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  return 1 - distance(a.units, b.units) / Math.max(la, lb);
}

/** Fuzzy ratio of two plain strings, for pre-screens and reports. */
export function fuzzyRatio(a: string, b: string): number {
  return fuzzyScore(prepareFuzzy(a), prepareFuzzy(b));
}

export const fuzzySignal: Signal<FuzzyText> = {
  id: 'fuzzy',
  prepare: prepareFuzzy,
  bound: fuzzyBound,
  score: fuzzyScore,
};

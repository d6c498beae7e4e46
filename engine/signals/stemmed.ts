import { stemString } from '../normalise/tokens.ts';
import { fuzzyBound, fuzzyScore, prepareFuzzy, type FuzzyText } from './fuzzy.ts';
import type { Signal } from './types.ts';

/** Fuzzy ratio of the stop-word-free Snowball stem strings (SPEC §6.3); the bound is their length ratio. */
export const stemmedSignal: Signal<FuzzyText> = {
  id: 'stemmed',
  traits: { qgramBounded: false, input: 'stage', seedRole: 'partial', ceilingUnderCutoff: true },
  prepare: (text) => prepareFuzzy(stemString(text)),
  bound: fuzzyBound,
  score: fuzzyScore,
};

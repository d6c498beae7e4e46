import { contentTerms } from '../normalise/synonyms.ts';
import { intersectionSize, sortedIdSet, TermIds } from './sparse.ts';
import type { Signal } from './types.ts';

const termIds = new TermIds();

/** Jaccard index of the content-term sets of SPEC §6.5; the bound is the ratio of the set sizes. */
export const synonymsSignal: Signal<Int32Array> = {
  id: 'synonyms',
  prepare: (text) => sortedIdSet([...contentTerms(text)].map((t) => termIds.id(t))),
  bound: (a, b) => (a.length === 0 || b.length === 0 ? 0 : Math.min(a.length, b.length) / Math.max(a.length, b.length)),
  score: (a, b) => {
    if (a.length === 0 || b.length === 0) return 0;
    const shared = intersectionSize(a, b);
    return shared / (a.length + b.length - shared);
  },
};

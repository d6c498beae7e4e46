import { contentTerms } from '../normalise/synonym-groups.ts';
import { intersectionSize, sharedTermsBound, sortedIdSet, termSketch, TermIds, type TermSketch } from './sparse.ts';
import type { Signal } from './types.ts';

export interface TermSet {
  ids: Int32Array;
  sketch: TermSketch;
}

/**
 * Jaccard index of the content-term sets of SPEC §6.5. The bound is the Jaccard index the sketch's intersection
 * bound would give (the index grows with the intersection), which also never exceeds the ratio of the set sizes.
 */
export function synonymsSignal(): Signal<TermSet> {
  // Term ids live as long as the run's suite, so a long-lived worker does not keep every term it ever saw.
  const termIds = new TermIds();
  return {
    id: 'synonyms',
    traits: { qgramBounded: false, input: 'stage', seedRole: null, ceilingUnderCutoff: false },
    prepare: (text) => {
      const ids = sortedIdSet([...contentTerms(text)].map((t) => termIds.id(t)));
      return { ids, sketch: termSketch(ids) };
    },
    bound: (a, b) => {
      if (a.ids.length === 0 || b.ids.length === 0) return 0;
      const shared = sharedTermsBound(a.sketch, b.sketch);
      return shared / (a.ids.length + b.ids.length - shared);
    },
    score: (a, b) => {
      if (a.ids.length === 0 || b.ids.length === 0) return 0;
      const shared = intersectionSize(a.ids, b.ids);
      return shared / (a.ids.length + b.ids.length - shared);
    },
  };
}

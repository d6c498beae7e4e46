import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  labelAgreement,
  medianInterval,
  pairsTogetherInExactlyOne,
  pairwiseScores,
  partitionDifferences,
  rowsWithDifferentAdvice,
  rowsWithDifferentCluster,
  scoreHistogram,
  spread,
  thresholdCurve,
} from '../../engine/experiment/metrics.ts';

const ids = (...xs: (string | number)[]) => xs.map(String);

describe('adjustedRandIndex', () => {
  it('matches the classic hand-computed examples', () => {
    // [0,0,1,2] vs [0,0,1,1]: index 1, Σa 1, Σb 2, expected 2/6, max 3/2 → (2/3)/(7/6) = 4/7
    expect(adjustedRandIndex(ids(0, 0, 1, 2), ids(0, 0, 1, 1))).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex(ids(0, 0, 1, 1), ids(0, 0, 1, 2))).toBeCloseTo(4 / 7, 12);
    // [0,0,1,1] vs [0,1,0,1]: index 0, Σa 2, Σb 2, expected 4/6, max 2 → (−2/3)/(4/3) = −1/2
    expect(adjustedRandIndex(ids(0, 0, 1, 1), ids(0, 1, 0, 1))).toBeCloseTo(-0.5, 12);
    // one group vs all singletons: index 0, expected 0, max 3 → 0
    expect(adjustedRandIndex(ids(0, 0, 0, 0), ids(0, 1, 2, 3))).toBe(0);
  });

  it('is 1 for identical partitions whatever the ids are called', () => {
    expect(adjustedRandIndex(ids('a', 'a', 'b', 'c', 'b'), ids('x', 'x', 'y', 'z', 'y'))).toBe(1);
  });

  it('is 1 for the degenerate identical cases and empty input', () => {
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(adjustedRandIndex(ids('a'), ids('b'))).toBe(1);
    expect(adjustedRandIndex(ids(1, 2, 3), ids(4, 5, 6))).toBe(1);
    expect(adjustedRandIndex(ids(1, 1, 1), ids(2, 2, 2))).toBe(1);
  });

  it('treats NVT and empty ids as singletons', () => {
    expect(adjustedRandIndex(ids('NVT', 'NVT', 'A', 'A'), ids('1', '2', 'B', 'B'))).toBe(1);
    expect(adjustedRandIndex(ids('', '', 'A', 'A'), ids('1', '2', 'B', 'B'))).toBe(1);
  });

  it('rejects partitions of different lengths', () => {
    expect(() => adjustedRandIndex(ids(1, 2), ids(1))).toThrow(/2 and 1 rows/);
  });
});

describe('pairwiseScores', () => {
  it('counts pairs by hand-computed example', () => {
    // predicted {1,2,3}{4,5}: pairs 12 13 23 45 → 4; reference {1,2}{3,4,5}: pairs 12 34 35 45 → 4; shared 12 45 → 2
    const s = pairwiseScores(ids('a', 'a', 'a', 'b', 'b'), ids('x', 'x', 'y', 'y', 'y'));
    expect(s).toMatchObject({ truePositivePairs: 2, predictedPairs: 4, referencePairs: 4 });
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBe(0.5);
  });

  it('all singletons against one cluster: precision 1 (vacuous), recall 0, F1 0', () => {
    const s = pairwiseScores(ids(1, 2, 3, 4), ids(0, 0, 0, 0));
    expect(s).toEqual({ precision: 1, recall: 0, f1: 0, truePositivePairs: 0, predictedPairs: 0, referencePairs: 6 });
    const t = pairwiseScores(ids(0, 0, 0, 0), ids(1, 2, 3, 4));
    expect(t).toMatchObject({ precision: 0, recall: 1, f1: 0, predictedPairs: 6, referencePairs: 0 });
  });

  it('identical partitions and empty input score 1', () => {
    expect(pairwiseScores(ids(1, 1, 2), ids(5, 5, 6))).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(pairwiseScores([], [])).toMatchObject({ precision: 1, recall: 1, f1: 1, predictedPairs: 0 });
  });

  it('NVT rows never form pairs', () => {
    expect(pairwiseScores(ids('NVT', 'NVT', 'NVT'), ids('x', 'x', 'x'))).toMatchObject({ predictedPairs: 0, referencePairs: 3 });
  });

  it('handles many rows in linear time', () => {
    const n = 200_000;
    const a = Array.from({ length: n }, (_, i) => `c${i % 1000}`);
    const b = Array.from({ length: n }, (_, i) => `d${i % 500}`);
    const started = performance.now();
    const s = pairwiseScores(a, b);
    expect(performance.now() - started).toBeLessThan(5000);
    // each a-group (200 rows) lies inside one b-group (400 rows): precision 1, recall = 1000·C(200,2) / 500·C(400,2)
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo((1000 * 19900) / (500 * 79800), 12);
  });
});

describe('pairsTogetherInExactlyOne', () => {
  it('is the symmetric difference of the pair sets', () => {
    expect(pairsTogetherInExactlyOne(ids('a', 'a', 'a', 'b', 'b'), ids('x', 'x', 'y', 'y', 'y'))).toBe(4);
    expect(pairsTogetherInExactlyOne(ids(1, 1, 2), ids(3, 3, 4))).toBe(0);
    expect(pairsTogetherInExactlyOne(ids(1, 2, 3, 4), ids(0, 0, 0, 0))).toBe(6);
    expect(pairsTogetherInExactlyOne([], [])).toBe(0);
  });
});

describe('rowsWithDifferentCluster', () => {
  it('is empty for identical partitions under renamed ids', () => {
    expect(rowsWithDifferentCluster(ids('CL-1', 'CL-2', 'CL-1', 'NVT'), ids('CL-7', 'CL-3', 'CL-7', 'NVT'))).toEqual([]);
  });

  it('counts a merge as the rows of the smaller merged group', () => {
    // baseline {1,2,3}{4}; variant merges all: partner of the merged group is {1,2,3}, row 4 moved
    expect(rowsWithDifferentCluster(ids('a', 'a', 'a', 'b'), ids('x', 'x', 'x', 'x'))).toEqual([4]);
  });

  it('counts a split as the rows outside the partner part', () => {
    // baseline {1,2,3,4,5}; variant {1,2,3}{4,5}
    expect(rowsWithDifferentCluster(ids('a', 'a', 'a', 'a', 'a'), ids('x', 'x', 'x', 'y', 'y'))).toEqual([4, 5]);
  });

  it('breaks ties by row order', () => {
    // baseline {1,2,3,4}; variant {1,2}{3,4}: both halves overlap 2, the first met ({1,2}) is the partner
    expect(rowsWithDifferentCluster(ids('a', 'a', 'a', 'a'), ids('x', 'x', 'y', 'y'))).toEqual([3, 4]);
  });

  it('handles all singletons against one cluster and empty input', () => {
    expect(rowsWithDifferentCluster(ids(1, 2, 3, 4), ids(0, 0, 0, 0))).toEqual([2, 3, 4]);
    expect(rowsWithDifferentCluster([], [])).toEqual([]);
  });

  it('is 0 only for identical partitions (exhaustive over 5 rows)', () => {
    const partitions = allLabelings(5);
    for (const a of partitions) {
      for (const b of partitions) {
        const identical = adjustedRandIndex(a, b) === 1 && pairsTogetherInExactlyOne(a, b) === 0;
        expect(rowsWithDifferentCluster(a, b).length === 0).toBe(identical);
      }
    }
  });
});

/** Every labeling of n rows in restricted-growth form, i.e. every partition once. */
function allLabelings(n: number): string[][] {
  const out: string[][] = [];
  const grow = (prefix: number[], max: number) => {
    if (prefix.length === n) {
      out.push(prefix.map(String));
      return;
    }
    for (let v = 0; v <= max + 1; v++) grow([...prefix, v], Math.max(max, v));
  };
  grow([], -1);
  return out;
}

describe('rowsWithDifferentAdvice and summaries', () => {
  it('lists 1-based rows whose advice differs', () => {
    expect(rowsWithDifferentAdvice(['VERWIJDEREN', 'UNIEK', 'X'], ['VERWIJDEREN', 'BEHOUDEN', 'Y'])).toEqual([2, 3]);
    expect(rowsWithDifferentAdvice([], [])).toEqual([]);
  });

  it('bundles the differences of a variant against its baseline', () => {
    const d = partitionDifferences(ids('a', 'a', 'a', 'b'), ids('x', 'x', 'x', 'x'));
    expect(d.rowsClusterDiffers).toBe(1);
    expect(d.pairsTogetherInExactlyOne).toBe(3);
    expect(d.pairwise).toMatchObject({ precision: 0.5, recall: 1, predictedPairs: 6, referencePairs: 3 });
    expect(d.adjustedRandIndex).toBe(0);
    expect(labelAgreement(ids(1, 1, 2), ids('T0', 'T0', 'T1'))).toMatchObject({ f1: 1, adjustedRandIndex: 1 });
  });

  it('summarises repeated timings by median and spread', () => {
    expect(spread([5, 1, 3])).toEqual({ n: 3, median: 3, min: 1, max: 5, mad: 2 });
    expect(spread([1, 2, 3, 10]).median).toBe(2.5);
    expect(Number.isNaN(spread([]).median)).toBe(true);
  });
});

describe('score histograms and threshold curves', () => {
  it('bins scores by hundredths with 1.0 in its own bin', () => {
    const bins = scoreHistogram([
      { signal: 'fuzzy', score: 0.905, match: true },
      { signal: 'fuzzy', score: 0.9, match: true },
      { signal: 'fuzzy', score: 1, match: true },
      { signal: 'fuzzy', score: 0.3, match: false },
    ]);
    expect(bins).toEqual([
      { signal: 'fuzzy', bin: 0.3, match: false, count: 1 },
      { signal: 'fuzzy', bin: 0.9, match: true, count: 2 },
      { signal: 'fuzzy', bin: 1, match: true, count: 1 },
    ]);
  });

  it('computes precision and recall per threshold', () => {
    const bins = [
      { signal: 's', bin: 0.95, match: true, count: 3 },
      { signal: 's', bin: 0.85, match: true, count: 1 },
      { signal: 's', bin: 0.9, match: false, count: 1 },
      { signal: 's', bin: 0.2, match: false, count: 5 },
    ];
    const curve = thresholdCurve(bins);
    expect(curve).toHaveLength(101);
    const at = (t: number) => curve.find((p) => Math.abs(p.threshold - t) < 1e-9)!;
    expect(at(0.9)).toMatchObject({ precision: 3 / 4, recall: 3 / 4 });
    expect(at(0.85)).toMatchObject({ precision: 4 / 5, recall: 1 });
    expect(at(0)).toMatchObject({ precision: 4 / 10, recall: 1 });
    expect(at(1)).toMatchObject({ precision: 1, recall: 0, f1: 0 });
  });
});

describe('medianInterval', () => {
  it('is the distribution-free 95% interval of the median from order statistics', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).toBeNull();
    expect(medianInterval([6, 1, 5, 2, 4, 3])).toEqual({ low: 1, high: 6 }); // n = 6: P(all on one side) = 1/32 > 5%, [min, max] is 96.9%
    expect(medianInterval([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ low: 2, high: 9 }); // n = 10: 2nd and 9th, 97.9%
    const many = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(medianInterval(many)).toEqual({ low: 40, high: 61 }); // n = 100: the textbook 40th and 61st
  });
});

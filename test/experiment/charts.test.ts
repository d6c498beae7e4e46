import { describe, expect, it } from 'vitest';
import { chartTitle, isVegaLiteSpec, precisionRecallChart, renderSvg, scoreDistributionChart, speedupChart } from '../../engine/experiment/charts.ts';
import { scoreHistogram, thresholdCurve } from '../../engine/experiment/metrics.ts';

const bins = scoreHistogram([
  ...[0.31, 0.35, 0.35, 0.42, 0.48].map((score) => ({ signal: 'fuzzy', score, match: false })),
  ...[0.88, 0.93, 0.95, 1].map((score) => ({ signal: 'fuzzy', score, match: true })),
  ...[0.2, 0.6].map((score) => ({ signal: 'stemmed', score, match: false })),
  ...[0.9, 0.97].map((score) => ({ signal: 'stemmed', score, match: true })),
]);
const thresholds = [
  { label: 't = 0.90', value: 0.9 },
  { label: 'gate 0.50', value: 0.5 },
];

/** Texts of an SVG, entities decoded. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&gt;/g, '>').replace(/&lt;/g, '<'));

describe('charts', () => {
  it('a speedup whose range over the repeats includes 1× is "no measurable difference", not a number', () => {
    const spec = speedupChart([
      { variant: 'full', speedup: 1.26, baselineMedianMs: 126, variantMedianMs: 100, low: 0.9, high: 1.5 },
      { variant: 'lossless', speedup: 2.1, baselineMedianMs: 210, variantMedianMs: 100, low: 1.8, high: 2.4 },
      { variant: 'once', speedup: 1.3, baselineMedianMs: 130, variantMedianMs: 100 },
    ]);
    const labels = (spec as unknown as { data: { values: { label: string }[] } }).data.values.map((v) => v.label);
    expect(labels).toEqual(['no measurable difference', '2.10×', '1.30×']);
  });

  it('speedup per variant: title, axes, bar labels, a rule at 1×', async () => {
    const spec = speedupChart([
      { variant: 'seed', speedup: 2.5, baselineMedianMs: 100, variantMedianMs: 40 },
      { variant: 'lossless', speedup: 1.4, baselineMedianMs: 100, variantMedianMs: 71.4 },
    ]);
    expect(isVegaLiteSpec(spec)).toBe(true);
    expect(chartTitle(spec)).toBe('Speedup against the baseline');
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Speedup against the baseline', 'Variant', 'Speedup (×)', 'seed', 'lossless', '2.50×', '1.40×']));
    expect(svg).toContain('stroke="#d62728"');
  });

  it('score distribution per signal: one panel per signal, matches vs non-matches, threshold rules', async () => {
    const spec = scoreDistributionChart(bins, thresholds);
    const svg = await renderSvg(spec);
    const t = texts(svg);
    expect(svg).toContain('<svg');
    expect(t).toEqual(expect.arrayContaining(['Score distribution per signal', 'Score', 'Pairs', 'fuzzy', 'stemmed', 'match', 'non-match', 't = 0.90', 'gate 0.50']));
    expect(t.filter((x) => x === 't = 0.90')).toHaveLength(2); // a rule label in each panel
    expect((svg.match(/stroke="#d62728"/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it('precision and recall against threshold', async () => {
    const spec = precisionRecallChart(thresholdCurve(bins), thresholds);
    const svg = await renderSvg(spec);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Precision and recall against threshold', 'Threshold', 'Precision / recall', 'precision', 'recall', 'f1', 't = 0.90']));
    expect(svg).toContain('<svg');
  });

  it('specs are self-contained JSON', () => {
    const spec = speedupChart([{ variant: 'v', speedup: 1, baselineMedianMs: 1, variantMedianMs: 1 }]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(spec.$schema).toContain('vega-lite/v5');
  });
});

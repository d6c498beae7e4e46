/**
 * Vega-Lite chart specs of experiment results (SPEC §13.3) and their rendering to SVG in Node: vega-lite compiles
 * a spec to Vega, vega's headless View (`renderer: 'none'`) renders it to an SVG string. No browser, no canvas.
 * Specs carry their data inline, so a `*.vl.json` file is self-contained.
 */
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ScoreBin, ThresholdPoint } from './metrics.ts';

export type VegaLiteSpec = TopLevelSpec;
/** The notebook mime type is v5; vega-lite 6 compiles v5 specs unchanged. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

export interface SpeedupDatum {
  variant: string;
  speedup: number;
  baselineMedianMs: number;
  variantMedianMs: number;
  /** the range of the ratio over the repeats (slowest baseline / fastest variant … ), drawn as a whisker */
  low?: number;
  high?: number;
}

/** A vertical threshold drawn on score charts, e.g. `t = 0.90` or `seed.exitLow`. */
export interface ThresholdRule {
  label: string;
  value: number;
}

const SCORE_AXIS = { title: 'Score', format: '.2f' };

/** False when the speedup's interval (or range over the repeats) includes 1×: no measurable difference. */
export function speedupMeasurable(d: Pick<SpeedupDatum, 'low' | 'high'>): boolean {
  return d.low === undefined || d.high === undefined || !(d.low <= 1 && 1 <= d.high);
}

/** Speedup per variant (median per-repeat ratio baseline / variant), with a rule at 1× (no change). */
export function speedupChart(data: readonly SpeedupDatum[], title = 'Speedup against the baseline'): VegaLiteSpec {
  // A speedup whose range over the repeats includes 1 is timing noise: it is labelled so, not given as a number.
  const values = data.map((d) => ({ ...d, label: speedupMeasurable(d) ? `${d.speedup.toFixed(2)}×` : 'no measurable difference' }));
  const top = Math.max(1, ...values.map((d) => Math.max(d.speedup, d.high ?? 0))) * 1.15;
  const ranged = values.filter((d) => d.low !== undefined && d.high !== undefined);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: title,
      subtitle:
        ranged.length > 0
          ? 'median over the repeats of baseline / variant time; above 1 is faster; whiskers: 95% confidence interval of that median (range over the repeats below 6 repeats)'
          : 'median over the repeats of baseline / variant time; above 1 is faster',
    },
    width: Math.max(240, 70 * values.length),
    height: 260,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: { field: 'variant', type: 'nominal', sort: null, title: 'Variant', axis: { labelAngle: 0 } },
          y: { field: 'speedup', type: 'quantitative', title: 'Speedup (×)', scale: { domain: [0, top] } },
          tooltip: [
            { field: 'variant', type: 'nominal' },
            { field: 'speedup', type: 'quantitative', format: '.2f' },
            { field: 'baselineMedianMs', type: 'quantitative', title: 'baseline median (ms)', format: '.1f' },
            { field: 'variantMedianMs', type: 'quantitative', title: 'variant median (ms)', format: '.1f' },
          ],
        },
      },
      ...(ranged.length > 0
        ? [
            {
              transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
              mark: { type: 'rule' as const, color: '#333333', strokeWidth: 1.5 },
              encoding: { x: { field: 'variant', type: 'nominal' as const, sort: null }, y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' } },
            },
          ]
        : []),
      {
        mark: { type: 'text', dy: -6, dx: 16, baseline: 'bottom' },
        encoding: {
          x: { field: 'variant', type: 'nominal', sort: null },
          y: { field: 'speedup', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
        },
      },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', color: '#d62728', strokeDash: [6, 4], strokeWidth: 2 },
        encoding: { y: { field: 'one', type: 'quantitative' } },
      },
    ],
  };
}

/** Thresholds repeated per signal, so they can share the faceted data. */
function thresholdRows(signals: readonly string[], thresholds: readonly ThresholdRule[]): Record<string, unknown>[] {
  return signals.flatMap((signal) => thresholds.map((t) => ({ kind: 'threshold', signal, threshold: t.value, thresholdLabel: t.label })));
}

/**
 * Score distribution per signal: 0.01-bin counts of matching and non-matching pairs as overlaid bars, one panel
 * per signal, thresholds as dashed rules. Counts use a symlog scale: non-matches usually outnumber matches by far.
 */
export function scoreDistributionChart(
  bins: readonly ScoreBin[],
  thresholds: readonly ThresholdRule[],
  title = 'Score distribution per signal',
): VegaLiteSpec {
  const signals = [...new Set(bins.map((b) => b.signal))];
  const values = [
    ...bins.map((b) => ({ kind: 'bin', signal: b.signal, bin: b.bin, binEnd: b.bin + 0.01, pairs: b.match ? 'match' : 'non-match', count: b.count })),
    ...thresholdRows(signals, thresholds),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: 'pairs per 0.01 score bin; dashed lines: thresholds' },
    data: { values },
    facet: { row: { field: 'signal', type: 'nominal', title: 'Signal', sort: signals } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 520,
      height: 130,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'bin'" }],
          mark: { type: 'rect', opacity: 0.65 },
          encoding: {
            x: { field: 'bin', type: 'quantitative', scale: { domain: [0, 1.01] }, axis: SCORE_AXIS },
            x2: { field: 'binEnd' },
            y: { field: 'count', type: 'quantitative', stack: null, scale: { type: 'symlog' }, title: 'Pairs' },
            color: {
              field: 'pairs',
              type: 'nominal',
              title: 'Pairs',
              scale: { domain: ['match', 'non-match'], range: ['#2ca02c', '#ff7f0e'] },
            },
            tooltip: [
              { field: 'signal', type: 'nominal' },
              { field: 'bin', type: 'quantitative', format: '.2f' },
              { field: 'pairs', type: 'nominal' },
              { field: 'count', type: 'quantitative' },
            ],
          },
        },
        ...thresholdLayers(),
      ],
    },
  } as unknown as VegaLiteSpec;
}

/** Dashed vertical rules at `threshold` with a label at the top, for rows with `kind = 'threshold'`. */
function thresholdLayers(): Record<string, unknown>[] {
  const filter = { filter: "datum.kind === 'threshold'" };
  return [
    {
      transform: [filter],
      mark: { type: 'rule', color: '#d62728', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { x: { field: 'threshold', type: 'quantitative' } },
    },
    {
      transform: [filter],
      mark: { type: 'text', color: '#d62728', angle: 270, align: 'right', baseline: 'bottom', dx: -4, dy: -2, y: 0, fontSize: 10 },
      encoding: { x: { field: 'threshold', type: 'quantitative' }, text: { field: 'thresholdLabel', type: 'nominal' } },
    },
  ];
}

/** Precision, recall (and F1) of "score ≥ threshold" per signal, thresholds as dashed rules. */
export function precisionRecallChart(
  curve: readonly ThresholdPoint[],
  thresholds: readonly ThresholdRule[],
  title = 'Precision and recall against threshold',
): VegaLiteSpec {
  const signals = [...new Set(curve.map((p) => p.signal))];
  const values = [
    ...curve.flatMap((p) =>
      (['precision', 'recall', 'f1'] as const).map((measure) => ({ kind: 'point', signal: p.signal, threshold: p.threshold, measure, value: p[measure] })),
    ),
    ...thresholdRows(signals, thresholds),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: 'pairs with score ≥ threshold counted as the same group; dashed lines: thresholds' },
    data: { values },
    facet: { field: 'signal', type: 'nominal', title: null, sort: signals, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
    columns: 3,
    spec: {
      width: 300,
      height: 200,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'point'" }],
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: { field: 'threshold', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'Threshold', format: '.1f' } },
            y: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: 'Precision / recall' },
            color: { field: 'measure', type: 'nominal', title: 'Measure', scale: { domain: ['precision', 'recall', 'f1'], range: ['#1f77b4', '#2ca02c', '#9467bd'] } },
            strokeDash: { field: 'measure', type: 'nominal', title: 'Measure', scale: { domain: ['precision', 'recall', 'f1'], range: [[1, 0], [1, 0], [3, 2]] } },
          },
        },
        ...thresholdLayers(),
      ],
    },
  } as unknown as VegaLiteSpec;
}

export interface AgreementDatum {
  variant: string;
  /** e.g. `F1 vs labels`, `ARI vs baseline` */
  measure: string;
  value: number;
}

/** Agreement figures per variant (pairwise F1, ARI against the labels and against the baseline) as grouped bars. */
export function agreementChart(data: readonly AgreementDatum[], title = 'Agreement per variant'): VegaLiteSpec {
  const low = Math.min(0.9, ...data.map((d) => d.value));
  const measures = [...new Set(data.map((d) => d.measure))];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: 'pairwise F1 and adjusted Rand index; 1 is full agreement' },
    data: { values: data.map((d) => ({ ...d, label: d.value.toFixed(4) })) },
    width: Math.max(240, 40 * data.length),
    height: 260,
    encoding: {
      x: { field: 'variant', type: 'nominal', sort: null, title: 'Variant', axis: { labelAngle: 0 } },
      xOffset: { field: 'measure', type: 'nominal', sort: measures },
      y: { field: 'value', type: 'quantitative', title: 'Agreement', scale: { domain: [Math.floor(low * 100) / 100, 1], clamp: true } },
      color: { field: 'measure', type: 'nominal', title: 'Measure', sort: measures },
      tooltip: [
        { field: 'variant', type: 'nominal' },
        { field: 'measure', type: 'nominal' },
        { field: 'value', type: 'quantitative', format: '.4f' },
      ],
    },
    mark: { type: 'bar', clip: true },
  } as unknown as VegaLiteSpec;
}

/** Compiles a Vega-Lite spec and renders it to an SVG document string, headless. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A chart's title text, for file names, plain-text fallbacks and tests. */
export function chartTitle(spec: VegaLiteSpec): string {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') return (title as { text: string }).text;
  return 'chart';
}

/** Whether a displayed value looks like a Vega-Lite spec (by its `$schema`). */
export function isVegaLiteSpec(value: unknown): value is VegaLiteSpec {
  const schema = (value as { $schema?: unknown } | null)?.$schema;
  return typeof schema === 'string' && schema.includes('vega-lite');
}

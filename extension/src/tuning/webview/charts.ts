/**
 * The tuning view's Vega-Lite charts. Each is embedded once; slider changes only replace the named datasets
 * (`bins`, `rules`, `steps`) and re-run the dataflow, which keeps an update well under 100 ms.
 * Expressions are interpreted (vega-interpreter) because the webview's CSP forbids eval.
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { t } from './l10n.ts';

export interface Theme {
  foreground: string;
  muted: string;
  grid: string;
  font: string;
  colours: Record<string, string>;
}

export function themeFromCss(): Theme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorWidget-border', '#444444'),
    font: v('--vscode-font-family', 'sans-serif'),
    colours: {
      accepted: v('--vscode-charts-green', '#89d185'),
      rejected: v('--vscode-charts-red', '#f14c4c'),
      'same label': v('--vscode-charts-blue', '#3794ff'),
      'different label': v('--vscode-charts-orange', '#d18616'),
      'no label': v('--vscode-charts-purple', '#b180d7'),
      rule: v('--vscode-charts-yellow', '#cca700'),
    },
  };
}

/**
 * Every chart is embedded before its data arrives: without `resize` Vega keeps the padding it computed for the empty
 * chart, and the axis titles and labels that appear with the data are cut off on the left.
 */
const AUTOSIZE = { type: 'pad', resize: true };

function config(theme: Theme): Record<string, unknown> {
  return {
    background: null,
    font: theme.font,
    padding: { left: 4, right: 12, top: 4, bottom: 4 },
    view: { stroke: null },
    axis: { labelColor: theme.muted, titleColor: theme.foreground, gridColor: theme.grid, domainColor: theme.grid, tickColor: theme.grid, labelLimit: 160 },
    legend: { labelColor: theme.foreground, titleColor: theme.foreground },
    header: { labelColor: theme.foreground, titleColor: theme.foreground },
    title: { color: theme.foreground, anchor: 'start' },
    text: { color: theme.foreground },
  };
}

/** The splits' names in the display language; the model's splits are English ids and pick the colours. */
export function splitNames(): Record<string, string> {
  return {
    accepted: t('accepted'),
    rejected: t('rejected'),
    'same label': t('same label'),
    'different label': t('different label'),
    'no label': t('no label'),
  };
}

function colourScale(theme: Theme, splits: readonly string[]) {
  const names = splitNames();
  return { domain: splits.map((s) => names[s] ?? s), range: splits.map((s) => theme.colours[s] ?? theme.foreground) };
}

const LOG_TICKS = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * Counts on a symmetric log axis: the pairs near the thresholds (a few dozen among tens of thousands far below them)
 * would be invisible on a linear one. Bars of one bin stand side by side (x0..x1 per split) instead of stacked,
 * because stacked heights mean nothing on a log axis.
 */
function countBars(theme: Theme, splits: readonly string[], axisTitle: string | null, legend: boolean): Record<string, unknown> {
  return {
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'x0', type: 'quantitative', scale: { domain: [0, 1] }, title: axisTitle === null ? null : t('score'), axis: { tickCount: 5 } },
      x2: { field: 'x1' },
      y: { field: 'count', type: 'quantitative', stack: null, scale: { type: 'symlog', domainMin: 0, nice: false }, title: axisTitle, axis: { values: LOG_TICKS, format: ',d' } },
      // From zero up: Vega-Lite draws bars on a non-linear scale without a baseline.
      y2: { datum: 0 },
      color: { field: 'split', type: 'nominal', scale: colourScale(theme, splits), title: null, legend: legend ? { orient: 'top' } : null },
      tooltip: [{ field: 'split' }, { field: 'bin', title: t('from'), format: '.3f' }, { field: 'count', format: ',.0f' }],
    },
  };
}

/**
 * Dashed threshold rules with their names in the top rows of the plot: rules carry `row` (label line) and `side`
 * (labels right of a rule, or left of it near the right edge), so no label runs out of the chart.
 */
function ruleLayers(theme: Theme, axis: 'x' | 'y'): Record<string, unknown>[] {
  const position = { field: 'value', type: 'quantitative' };
  const rule = {
    data: { name: 'rules' },
    mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 2, color: theme.colours.rule },
    encoding: { [axis]: position, tooltip: [{ field: 'name' }, { field: 'value', format: '.3f' }] },
  };
  if (axis === 'y') return [rule];
  const label = (side: 'left' | 'right') => ({
    data: { name: 'rules' },
    transform: [{ filter: { field: 'side', equal: side } }],
    mark: { type: 'text', align: side === 'right' ? 'left' : 'right', dx: side === 'right' ? 4 : -4, baseline: 'top', fontWeight: 600, color: theme.colours.rule },
    encoding: { x: position, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'name' } },
  });
  return [rule, label('right'), label('left')];
}

export interface Rule {
  name: string;
  value: number;
}

/** Rules with label placement: a line per rule from the top, labels left of rules in the right fifth. */
export function placeRules(rules: readonly Rule[]): (Rule & { side: 'left' | 'right'; py: number })[] {
  return rules.map((r, i) => ({ ...r, side: r.value > 0.8 ? 'left' : 'right', py: 2 + 14 * i }));
}

export function histogramSpec(theme: Theme, title: string, splits: readonly string[], width: number): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    autosize: AUTOSIZE,
    config: config(theme),
    title,
    width,
    height: 160,
    layer: [{ data: { name: 'bins' }, ...countBars(theme, splits, t('pairs (log scale)'), true) }, ...ruleLayers(theme, 'x')],
  } as unknown as TopLevelSpec;
}

/** `columns`: how many small histograms fit side by side (they wrap into rows in a narrow view). */
export function facetSpec(theme: Theme, splits: readonly string[], signals: string[], columns: number): TopLevelSpec {
  // One small histogram per signal over the same named dataset (a static concat layout: a facet would be laid out
  // for the empty data present at embed time).
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    autosize: AUTOSIZE,
    config: config(theme),
    title: t('Per-signal values (stage 1, pairs on a log scale)'),
    columns,
    concat: signals.map((signal) => ({
      data: { name: 'bins' },
      transform: [{ filter: { field: 'chart', equal: signal } }],
      title: signal,
      width: 140,
      height: 90,
      ...countBars(theme, splits, null, false),
    })),
  } as unknown as TopLevelSpec;
}

/** The "why" of one pair: a horizontal waterfall (signal names read along the axis, never cut), thresholds as rules. */
export function waterfallSpec(theme: Theme, signals: string[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    autosize: AUTOSIZE,
    config: config(theme),
    width: 300,
    height: { step: 22 },
    layer: [
      {
        data: { name: 'steps' },
        mark: { type: 'bar', tooltip: true, color: theme.colours['same label'] },
        encoding: {
          y: { field: 'signal', type: 'nominal', sort: [...signals, 'score'], title: null },
          x: { field: 'start', type: 'quantitative', scale: { domain: [0, 1] }, title: t('weight × value (running score)') },
          x2: { field: 'end' },
          tooltip: [{ field: 'signal' }, { field: 'contribution', format: '.3f' }, { field: 'end', title: t('running score'), format: '.3f' }],
        },
      },
      ...ruleLayers(theme, 'x'),
    ],
  } as unknown as TopLevelSpec;
}

/** Precision against recall over the accuracy slider's range; the current setting is the ringed point. */
export function precisionRecallSpec(theme: Theme, width: number): TopLevelSpec {
  const x = { field: 'recall', type: 'quantitative', scale: { zero: false, padding: 8 }, title: t('recall'), axis: { format: '.2f', tickCount: 5 } };
  const y = { field: 'precision', type: 'quantitative', scale: { zero: false, padding: 8 }, title: t('precision'), axis: { format: '.3f', tickCount: 4 } };
  const tooltip = [
    { field: 'clusterAccuracy', title: t('cluster accuracy') },
    { field: 'precision', format: '.3f' },
    { field: 'recall', format: '.3f' },
    { field: 'f1', title: 'F1', format: '.3f' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    autosize: AUTOSIZE,
    config: config(theme),
    title: t('Precision–recall across cluster accuracy 80–100'),
    width,
    height: 160,
    data: { name: 'curve' },
    layer: [
      { mark: { type: 'line', point: true, color: theme.colours['same label'], tooltip: true }, encoding: { x, y, order: { field: 'clusterAccuracy' }, tooltip } },
      {
        transform: [{ filter: 'datum.current' }],
        mark: { type: 'point', size: 180, strokeWidth: 3, color: theme.colours.rule },
        encoding: { x, y, tooltip },
      },
      {
        transform: [{ filter: 'datum.current' }],
        mark: { type: 'text', align: 'right', dx: -10, dy: -10, fontWeight: 600, color: theme.colours.rule },
        encoding: { x, y, text: { field: 'name' } },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Vega's number format (d3-format) with the separators of the page's language, so axes read like the metrics. */
function formatLocale(): { decimal: string; thousands: string; grouping: number[]; currency: [string, string] } {
  const parts = new Intl.NumberFormat(document.documentElement.lang || undefined).formatToParts(12345.5);
  const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  return { decimal: part('decimal', '.'), thousands: part('group', ','), grouping: [3], currency: ['', ''] };
}

export async function mount(element: HTMLElement, spec: TopLevelSpec): Promise<View> {
  const options = { actions: false, renderer: 'svg' as const, ast: true, expr: expressionInterpreter, tooltip: true, formatLocale: formatLocale() };
  const result = await embed(element, spec, options);
  return result.view;
}

/** What each view's datasets last held, serialised: re-rendering a chart costs far more than comparing its data. */
const shown = new WeakMap<View, Map<string, string>>();

/** Replaces the named datasets that changed and re-runs the view; a view whose data is unchanged is left alone. */
export async function replace(view: View, data: Record<string, unknown[]>): Promise<void> {
  const last = shown.get(view) ?? new Map<string, string>();
  shown.set(view, last);
  let changed = false;
  for (const [name, values] of Object.entries(data)) {
    const text = JSON.stringify(values);
    if (last.get(name) === text) continue;
    last.set(name, text);
    view.data(name, values);
    changed = true;
  }
  if (changed) await view.runAsync();
}

/**
 * The tuning view's Vega-Lite charts. Each is embedded once; slider changes only replace the named datasets
 * (`bins`, `rules`, `steps`) and re-run the dataflow, which keeps an update well under 100 ms.
 * Expressions are interpreted (vega-interpreter) because the webview's CSP forbids eval.
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

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

function config(theme: Theme): Record<string, unknown> {
  return {
    background: null,
    font: theme.font,
    view: { stroke: null },
    axis: { labelColor: theme.muted, titleColor: theme.foreground, gridColor: theme.grid, domainColor: theme.grid, tickColor: theme.grid },
    legend: { labelColor: theme.foreground, titleColor: theme.foreground },
    header: { labelColor: theme.foreground, titleColor: theme.foreground },
    title: { color: theme.foreground },
  };
}

function colourScale(theme: Theme, splits: string[]) {
  return { domain: splits, range: splits.map((s) => theme.colours[s] ?? theme.foreground) };
}

export function histogramSpec(theme: Theme, title: string, splits: string[], binWidth: number, width: number): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: config(theme),
    title,
    width,
    height: 150,
    layer: [
      {
        data: { name: 'bins' },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'bin', type: 'quantitative', scale: { domain: [0, 1] }, title: 'score', bin: { binned: true, step: binWidth } },
          x2: { field: 'binEnd' },
          y: { field: 'count', type: 'quantitative', stack: 'zero', title: 'pairs' },
          color: { field: 'split', type: 'nominal', scale: colourScale(theme, splits), title: null, legend: { orient: 'top' } },
        },
      },
      {
        data: { name: 'rules' },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 2, color: theme.colours.rule },
        encoding: { x: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'name' }, { field: 'value', format: '.3f' }] },
      },
      {
        data: { name: 'rules' },
        mark: { type: 'text', align: 'left', dx: 3, dy: -4, baseline: 'bottom', color: theme.colours.rule },
        encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 0 }, text: { field: 'name' } },
      },
    ],
  } as TopLevelSpec;
}

export function facetSpec(theme: Theme, splits: string[], signals: string[], binWidth: number): TopLevelSpec {
  // One small histogram per signal over the same named dataset (a static concat layout: a facet would be laid out
  // for the empty data present at embed time).
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: config(theme),
    title: 'Per-signal values (stage 1)',
    hconcat: signals.map((signal) => ({
      data: { name: 'bins' },
      transform: [{ filter: { field: 'chart', equal: signal } }],
      title: signal,
      width: 140,
      height: 90,
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'bin', type: 'quantitative', scale: { domain: [0, 1] }, title: null, bin: { binned: true, step: binWidth }, axis: { tickCount: 4 } },
        x2: { field: 'binEnd' },
        y: { field: 'count', type: 'quantitative', stack: 'zero', title: null },
        color: { field: 'split', type: 'nominal', scale: colourScale(theme, splits), legend: null },
      },
    })),
  } as TopLevelSpec;
}

export function waterfallSpec(theme: Theme, signals: string[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: config(theme),
    width: 320,
    height: 150,
    layer: [
      {
        data: { name: 'steps' },
        mark: { type: 'bar', tooltip: true, color: theme.colours['same label'] },
        encoding: {
          x: { field: 'signal', type: 'nominal', sort: [...signals, 'score'], title: null, axis: { labelAngle: 0 } },
          y: { field: 'start', type: 'quantitative', scale: { domain: [0, 1] }, title: 'weight × value' },
          y2: { field: 'end' },
          tooltip: [{ field: 'signal' }, { field: 'contribution', format: '.3f' }, { field: 'end', title: 'running score', format: '.3f' }],
        },
      },
      {
        data: { name: 'rules' },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 2, color: theme.colours.rule },
        encoding: { y: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'name' }, { field: 'value', format: '.3f' }] },
      },
    ],
  } as TopLevelSpec;
}

export async function mount(element: HTMLElement, spec: TopLevelSpec): Promise<View> {
  const result = await embed(element, spec, { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter, tooltip: true });
  return result.view;
}

export async function replace(view: View, data: Record<string, unknown[]>): Promise<void> {
  for (const [name, values] of Object.entries(data)) view.data(name, values);
  await view.runAsync();
}

/**
 * Browser side of the tuning view. Receives the cached pair values once, then recomputes everything locally on
 * each slider change (tuning/model.ts) and updates the charts' data in place.
 */
import type { View } from 'vega';
import {
  computeMetrics,
  decideAll,
  DECISION_SPLITS,
  histograms,
  LABEL_SPLITS,
  labelsOf,
  precisionRecallCurve,
  skipShare,
  waterfall,
  type CurvePoint,
  type Metrics,
  type PairOutcome,
  type RowLabels,
} from '../model.ts';
import { isToWebview, isTuningParams, type FromWebview, type TuningData, type TuningParams } from '../protocol.ts';
import { facetSpec, histogramSpec, mount, placeRules, precisionRecallSpec, replace, splitNames, themeFromCss, waterfallSpec, type Theme } from './charts.ts';
import { el, renderControls, renderSkeleton, type Controls, type Skeleton } from './dom.ts';
import { t } from './l10n.ts';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const BINS = 40;

interface Views {
  combined: View;
  fuzzy: View | null;
  signals: View;
  why: View;
  precisionRecall: View | null;
}

interface Session {
  data: TuningData;
  params: TuningParams;
  baseline: PairOutcome[];
  labelColumn: string | null;
  labels: RowLabels | null;
  metrics: Metrics | null;
  views: Views | null;
  skeleton: Skeleton;
  theme: Theme;
  /** The precision–recall curve depends on everything but the accuracy slider: recomputed only when that changes. */
  curve: { key: string; points: CurvePoint[] } | null;
  selected: number | null;
  controls: Controls;
}

let session: Session | null = null;

/** Numbers in the display language VS Code gives the page (html lang). */
const locale = document.documentElement.lang || undefined;
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal3 = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const decimal2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = (x: number) => integer.format(Math.round(x));
const pct = (x: number) => percent.format(x);
const d3 = (x: number) => decimal3.format(x);
const d2 = (x: number) => decimal2.format(x);

async function start(data: TuningData, initial: TuningParams, labelColumn: string | null): Promise<void> {
  const app = document.getElementById('app')!;
  const saved = vscode.getState() as { file?: string; params?: unknown } | undefined;
  const params = saved?.file === data.file && isTuningParams(saved.params) && saved.params.weights.length === data.signals.length ? saved.params : initial;
  const skeleton = renderSkeleton(app, data, labelColumn, num);
  const controls = renderControls(skeleton.controls, data, params, () => void update());
  const s: Session = {
    data,
    params,
    baseline: decideAll(data, data.baseline),
    labelColumn,
    labels: labelsOf(data, labelColumn),
    metrics: null,
    views: null,
    skeleton,
    theme: themeFromCss(),
    curve: null,
    selected: null,
    controls,
  };
  session = s;
  skeleton.save.addEventListener('click', () => vscode.postMessage({ type: 'save', params: s.params }));
  skeleton.run.addEventListener('click', () => vscode.postMessage({ type: 'runAnalysis', params: s.params }));
  skeleton.getModel.addEventListener('click', () => vscode.postMessage({ type: 'getModel' }));
  skeleton.reset.addEventListener('click', () => {
    s.controls.set(data.baseline);
    void update();
  });
  skeleton.labelColumn.addEventListener('change', () => {
    const column = skeleton.labelColumn.value === '' ? null : skeleton.labelColumn.value;
    s.labelColumn = column;
    s.labels = labelsOf(data, column);
    s.curve = null;
    vscode.postMessage({ type: 'labelColumn', column });
    void mountCharts(s).then(update);
  });
  await mountCharts(s);
  app.setAttribute('aria-busy', 'false');
  await update();
}

/** (Re)draws the charts: the histograms' colours follow the splits, which change with the label column. */
async function mountCharts(s: Session): Promise<void> {
  const { skeleton, theme, data } = s;
  const splits = s.labels ? LABEL_SPLITS : DECISION_SPLITS;
  // Plot widths from the room the charts column has (axes and legends take ~110 px per chart): two histograms side
  // by side when both fit at 260 px, else one per row at full width.
  const room = skeleton.combined.parentElement!.clientWidth;
  const pair = Math.floor((room - 16) / 2) - 110;
  const width = pair >= 260 ? Math.min(520, pair) : Math.max(200, room - 110);
  const columns = Math.max(1, Math.min(data.signals.length, Math.floor(room / 230)));
  for (const old of Object.values(s.views ?? {})) (old as View | null)?.finalize();
  skeleton.labelHint.hidden = s.labels !== null;
  skeleton.precisionRecall.hidden = s.labels === null;
  s.views = {
    combined: await mount(skeleton.combined, histogramSpec(theme, t('Combined stage-1 score'), splits, width)),
    fuzzy: data.signals.includes('fuzzy') ? await mount(skeleton.fuzzy, histogramSpec(theme, t('Fuzzy (seed exits)'), splits, width)) : null,
    signals: await mount(skeleton.signals, facetSpec(theme, splits, data.signals, columns)),
    why: await mount(skeleton.why, waterfallSpec(theme, data.signals)),
    precisionRecall: s.labels ? await mount(skeleton.precisionRecall, precisionRecallSpec(theme, 300)) : null,
  };
  if (!s.labels) skeleton.precisionRecall.replaceChildren();
}

/** Bars of one bin side by side: each split gets its share of the bin's width, and its name in the display language. */
function sideBySide(bins: ReturnType<typeof histograms>, splits: readonly string[]) {
  const width = 1 / BINS / splits.length;
  const names = splitNames();
  return bins.map((b) => {
    const k = Math.max(0, splits.indexOf(b.split));
    return { ...b, split: names[b.split] ?? b.split, x0: b.bin + k * width, x1: b.bin + (k + 1) * width };
  });
}

function curveOf(s: Session): CurvePoint[] | null {
  if (!s.labels) return null;
  const key = JSON.stringify([s.labelColumn, s.params.exitLow, s.params.exitHigh, s.params.weights]);
  if (s.curve?.key !== key) s.curve = { key, points: precisionRecallCurve(s.data, s.params, s.labels)! };
  return s.curve.points;
}

async function update(): Promise<void> {
  const s = session;
  if (!s || !s.views) return;
  const t0 = performance.now();
  s.params = s.controls.read();
  vscode.setState({ file: s.data.file, params: s.params });
  const metrics = computeMetrics(s.data, s.params, s.baseline, s.labels);
  s.metrics = metrics;
  const splits = s.labels ? LABEL_SPLITS : DECISION_SPLITS;
  const bins = sideBySide(histograms(s.data, metrics, s.labels, BINS), splits);
  const th = metrics.thresholds;
  const scoreRules = placeRules([
    { name: `gate ${d2(th.gate)}`, value: th.gate },
    { name: `t = ${d2(th.t)}`, value: th.t },
  ]);
  const fuzzyRules = placeRules([
    { name: `exitLow ${d2(s.params.exitLow)}`, value: s.params.exitLow },
    { name: `exitHigh ${d2(s.params.exitHigh)}`, value: s.params.exitHigh },
  ]);
  const curve = curveOf(s);
  await Promise.all([
    replace(s.views.combined, { bins: bins.filter((b) => b.chart === 'combined'), rules: scoreRules }),
    s.views.fuzzy ? replace(s.views.fuzzy, { bins: bins.filter((b) => b.chart === 'fuzzy'), rules: fuzzyRules }) : Promise.resolve(),
    replace(s.views.signals, { bins: bins.filter((b) => b.chart !== 'combined') }),
    s.views.precisionRecall && curve
      ? replace(s.views.precisionRecall, {
          curve: curve.map((p) => ({ ...p, current: p.clusterAccuracy === s.params.clusterAccuracy, name: `t = ${d2(p.clusterAccuracy / 100)}` })),
        })
      : Promise.resolve(),
  ]);
  renderMetrics(metrics);
  renderChanged(s, metrics);
  await renderWhy(s);
  const ms = performance.now() - t0;
  const out = document.getElementById('update-ms')!;
  out.textContent = t('updated in {0} ms', ms.toFixed(1));
  out.dataset.ms = ms.toFixed(2);
  out.dataset.updates = String(Number(out.dataset.updates ?? '0') + 1);
  vscode.postMessage({ type: 'metrics', updateMs: ms, changedPairs: metrics.changedPairs });
}

function renderMetrics(m: Metrics): void {
  const table = document.getElementById('metrics')!;
  const lossless = skipShare(m.cost.lossless, m.cost.full);
  const seed = skipShare(m.cost.seed, m.cost.full);
  const rows: [string, string, string][] = [
    [t('Thresholds'), t('t = {0}, stage 2 = {1}, gate = {2}', d2(m.thresholds.t), d2(m.thresholds.stage2), d2(m.thresholds.gate)), 'thresholds'],
    [t('Pairs accepted'), t('{0} of {1} ({2})', num(m.accepted), num(m.pairs), pct(m.pairs ? m.accepted / m.pairs : 0)), 'accepted'],
    [t('Decisions changed vs baseline'), t('{0} pairs, {1} rows', num(m.changedPairs), num(m.rowsTouched)), 'changed'],
  ];
  if (m.labels && m.baselineLabels) {
    rows.push([t('Pairwise F1 vs labels'), t('{0} (P {1}, R {2}); baseline {3}', d3(m.labels.f1), d3(m.labels.precision), d3(m.labels.recall), d3(m.baselineLabels.f1)), 'f1']);
  } else {
    rows.push([t('Pairwise F1 vs labels'), t('no label column picked'), 'f1']);
  }
  rows.push(
    [t('Lossless skips'), t('{0} of signal evaluations, {1} after fuzzy; same decisions', pct(lossless.all), pct(lossless.expensive)), 'lossless'],
    [t('Seed skips'), t('{0} of signal evaluations, {1} after fuzzy; {2} decisions differ from full', pct(seed.all), pct(seed.expensive), num(m.seedChangedPairs)), 'seed'],
  );
  table.replaceChildren(
    ...rows.map(([k, v, id]) => el('tr', {}, [el('th', { scope: 'row' }, [k]), el('td', { 'data-metric': id }, [v])])),
  );
}

function renderChanged(s: Session, m: Metrics): void {
  const list = document.getElementById('changed')!;
  const shown = m.changedIndices.slice(0, 30);
  const caption = document.getElementById('changed-caption')!;
  caption.textContent = m.changedIndices.length
    ? m.changedIndices.length > shown.length
      ? t('Pairs whose decision changed ({0}, first {1} shown); select one for its "why".', num(m.changedIndices.length), shown.length)
      : t('Pairs whose decision changed ({0}); select one for its "why".', num(m.changedIndices.length))
    : t('No pair decision differs from the baseline. Select a pair below the charts by clicking one of the highest-scoring pairs.');
  const candidates = shown.length ? shown : topPairs(m, 10);
  list.replaceChildren(
    ...candidates.map((i) => {
      const pair = s.data.pairs[i]!;
      const o = m.outcomes[i]!;
      const b = s.baseline[i]!;
      const button = el('button', { type: 'button', class: 'pair', 'aria-pressed': String(s.selected === i) }, [
        t('row {0} ↔ row {1}: {2} {3} → {4}', s.data.rows[pair.a]!.rowNumber, s.data.rows[pair.b]!.rowNumber, d3(o.score1), b.decision, o.decision),
      ]);
      button.addEventListener('click', () => {
        s.selected = i;
        void update();
      });
      return el('li', {}, [button]);
    }),
  );
  if (s.selected === null && candidates.length) s.selected = candidates[0]!;
}

function topPairs(m: Metrics, n: number): number[] {
  return m.outcomes
    .map((o, i) => [o.score1, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, n)
    .map(([, i]) => i);
}

async function renderWhy(s: Session): Promise<void> {
  if (!s.views || s.selected === null || !s.metrics) return;
  const pair = s.data.pairs[s.selected]!;
  const steps = waterfall(s.data, pair, s.params);
  const outcome = s.metrics.outcomes[s.selected]!;
  const total = steps.length ? steps[steps.length - 1]!.end : 0;
  await replace(s.views.why, {
    steps: [...steps, { signal: 'score', start: 0, end: total, contribution: total }],
    rules: placeRules([
      { name: 'gate', value: s.metrics.thresholds.gate },
      { name: 't', value: s.metrics.thresholds.t },
    ]),
  });
  const row = (i: number) => {
    const label = s.labels?.[i];
    return label ? t('Row {0} ({1}): {2}', s.data.rows[i]!.rowNumber, label, s.data.rows[i]!.text) : t('Row {0}: {1}', s.data.rows[i]!.rowNumber, s.data.rows[i]!.text);
  };
  document.getElementById('why-text')!.replaceChildren(
    el('p', {}, [row(pair.a)]),
    el('p', {}, [row(pair.b)]),
    el('p', { class: 'verdict' }, [
      (outcome.score2 !== null
        ? t('Stage 1 score {0}, stage 2 score {1} → {2}', d3(outcome.score1), d3(outcome.score2), outcome.decision)
        : t('Stage 1 score {0} → {1}', d3(outcome.score1), outcome.decision)) +
        (pair.count !== 1 ? ' ' + t('(stands for {0} sampled low-scoring pairs)', d2(pair.count)) : ''),
    ]),
  );
}

function showStatus(text: string, isError = false): void {
  const app = document.getElementById('app')!;
  const status = el('p', { id: 'status', role: isError ? 'alert' : 'status', class: isError ? 'error' : '' }, [text]);
  app.replaceChildren(status);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToWebview(message)) {
    console.warn('Clause Cascade tuning view: ignored an invalid message', message);
    return;
  }
  switch (message.type) {
    case 'loading':
      showStatus(message.message);
      return;
    case 'error':
      showStatus(message.message, true);
      return;
    case 'data':
      void start(message.data, message.params, message.labelColumn).catch((error: unknown) => showStatus(t('The charts could not be drawn: {0}', String(error)), true));
      return;
    case 'saved': {
      const note = document.getElementById('saved');
      if (note) note.textContent = t('Saved to the {0}.', message.target);
      return;
    }
  }
});

// VS Code switches the body's theme class (vscode-light, vscode-dark, …) when the user changes the colour theme:
// the charts take their colours from the theme when drawn, so they are drawn again.
new MutationObserver(() => {
  const s = session;
  if (!s?.views) return;
  s.theme = themeFromCss();
  void mountCharts(s).then(update);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });

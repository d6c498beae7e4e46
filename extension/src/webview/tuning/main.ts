/**
 * Browser side of the tuning view. Receives the cached pair values once, then recomputes everything locally on
 * each slider change (tuning/model.ts) and updates the charts' data in place.
 */
import type { View } from 'vega';
import { computeMetrics, decideAll, histograms, skipShare, waterfall, type Metrics, type PairOutcome } from '../../tuning/model.ts';
import { isToWebview, isTuningParams, type FromWebview, type TuningData, type TuningParams } from '../../tuning/protocol.ts';
import { facetSpec, histogramSpec, mount, replace, themeFromCss, waterfallSpec } from './charts.ts';
import { el, renderControls, renderSkeleton, type Controls } from './dom.ts';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const BINS = 40;

interface Session {
  data: TuningData;
  params: TuningParams;
  baseline: PairOutcome[];
  metrics: Metrics | null;
  views: { combined: View; fuzzy: View | null; signals: View; why: View } | null;
  selected: number | null;
  controls: Controls;
  pending: boolean;
}

let session: Session | null = null;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => Math.round(x).toLocaleString('en-US');

function splitsOf(data: TuningData): string[] {
  return data.hasLabels ? ['same label', 'different label', 'no label'] : ['accepted', 'rejected'];
}

async function start(data: TuningData, initial: TuningParams): Promise<void> {
  const app = document.getElementById('app')!;
  const saved = vscode.getState() as { file?: string; params?: unknown } | undefined;
  const params = saved?.file === data.file && isTuningParams(saved.params) && saved.params.weights.length === data.signals.length ? saved.params : initial;
  const skeleton = renderSkeleton(app, data);
  const controls = renderControls(skeleton.controls, data, params, () => void update());
  const s: Session = { data, params, baseline: decideAll(data, data.baseline), metrics: null, views: null, selected: null, controls, pending: false };
  session = s;
  skeleton.save.addEventListener('click', () => vscode.postMessage({ type: 'save', params: s.params }));
  skeleton.run.addEventListener('click', () => vscode.postMessage({ type: 'runAnalysis', params: s.params }));
  skeleton.reset.addEventListener('click', () => {
    s.controls.set(data.baseline);
    void update();
  });

  const theme = themeFromCss();
  const splits = splitsOf(data);
  const width = Math.max(320, Math.min(560, Math.floor((app.clientWidth - 80) / 2)));
  s.views = {
    combined: await mount(skeleton.combined, histogramSpec(theme, 'Combined stage-1 score', splits, 1 / BINS, width)),
    fuzzy: data.signals.includes('fuzzy') ? await mount(skeleton.fuzzy, histogramSpec(theme, 'Fuzzy (seed exits)', splits, 1 / BINS, width)) : null,
    signals: await mount(skeleton.signals, facetSpec(theme, splits, data.signals, 1 / BINS)),
    why: await mount(skeleton.why, waterfallSpec(theme, data.signals)),
  };
  app.setAttribute('aria-busy', 'false');
  await update();
}

async function update(): Promise<void> {
  const s = session;
  if (!s || !s.views) return;
  const t0 = performance.now();
  s.params = s.controls.read();
  vscode.setState({ file: s.data.file, params: s.params });
  const metrics = computeMetrics(s.data, s.params, s.baseline);
  s.metrics = metrics;
  const bins = histograms(s.data, metrics, BINS).map((b) => ({ ...b, binEnd: b.bin + 1 / BINS }));
  const th = metrics.thresholds;
  const scoreRules = [
    { name: 'gate', value: th.gate },
    { name: `t = ${th.t.toFixed(2)}`, value: th.t },
  ];
  const fuzzyRules = [
    { name: 'exitLow', value: s.params.exitLow },
    { name: 'exitHigh', value: s.params.exitHigh },
  ];
  await Promise.all([
    replace(s.views.combined, { bins: bins.filter((b) => b.chart === 'combined'), rules: scoreRules }),
    s.views.fuzzy ? replace(s.views.fuzzy, { bins: bins.filter((b) => b.chart === 'fuzzy'), rules: fuzzyRules }) : Promise.resolve(),
    replace(s.views.signals, { bins: bins.filter((b) => b.chart !== 'combined') }),
  ]);
  renderMetrics(s, metrics);
  renderChanged(s, metrics);
  await renderWhy(s);
  const ms = performance.now() - t0;
  const out = document.getElementById('update-ms')!;
  out.textContent = `updated in ${ms.toFixed(1)} ms`;
  out.dataset.ms = ms.toFixed(2);
  out.dataset.updates = String(Number(out.dataset.updates ?? '0') + 1);
  vscode.postMessage({ type: 'metrics', updateMs: ms, changedPairs: metrics.changedPairs });
}

function renderMetrics(s: Session, m: Metrics): void {
  const table = document.getElementById('metrics')!;
  const lossless = skipShare(m.cost.lossless, m.cost.full);
  const seed = skipShare(m.cost.seed, m.cost.full);
  const rows: [string, string, string][] = [
    ['Thresholds', `t = ${m.thresholds.t.toFixed(2)}, stage 2 = ${m.thresholds.stage2.toFixed(2)}, gate = ${m.thresholds.gate.toFixed(2)}`, 'thresholds'],
    ['Pairs accepted', `${num(m.accepted)} of ${num(m.pairs)} (${pct(m.pairs ? m.accepted / m.pairs : 0)})`, 'accepted'],
    ['Decisions changed vs baseline', `${num(m.changedPairs)} pairs, ${num(m.rowsTouched)} rows`, 'changed'],
  ];
  if (m.labels && m.baselineLabels) {
    rows.push(['Pairwise F1 vs labels', `${m.labels.f1.toFixed(3)} (P ${m.labels.precision.toFixed(3)}, R ${m.labels.recall.toFixed(3)}); baseline ${m.baselineLabels.f1.toFixed(3)}`, 'f1']);
  }
  rows.push(
    ['Lossless skips', `${pct(lossless.all)} of signal evaluations, ${pct(lossless.expensive)} after fuzzy; same decisions`, 'lossless'],
    ['Seed skips', `${pct(seed.all)} of signal evaluations, ${pct(seed.expensive)} after fuzzy; ${num(m.seedChangedPairs)} decisions differ from full`, 'seed'],
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
    ? `Pairs whose decision changed (${m.changedIndices.length}${m.changedIndices.length > shown.length ? `, first ${shown.length} shown` : ''}); select one for its "why".`
    : 'No pair decision differs from the baseline. Select a pair below the charts by clicking one of the highest-scoring pairs.';
  const candidates = shown.length ? shown : topPairs(m, 10);
  list.replaceChildren(
    ...candidates.map((i) => {
      const pair = s.data.pairs[i]!;
      const o = m.outcomes[i]!;
      const b = s.baseline[i]!;
      const button = el('button', { type: 'button', class: 'pair', 'aria-pressed': String(s.selected === i) }, [
        `row ${s.data.rows[pair.a]!.rowNumber} ↔ row ${s.data.rows[pair.b]!.rowNumber}: ${o.score1.toFixed(3)} ${b.decision} → ${o.decision}`,
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
    rules: [
      { name: 't', value: s.metrics.thresholds.t },
      { name: 'gate', value: s.metrics.thresholds.gate },
    ],
  });
  const a = s.data.rows[pair.a]!;
  const b = s.data.rows[pair.b]!;
  document.getElementById('why-text')!.replaceChildren(
    el('p', {}, [`Row ${a.rowNumber}${a.label ? ` (${a.label})` : ''}: ${a.text}`]),
    el('p', {}, [`Row ${b.rowNumber}${b.label ? ` (${b.label})` : ''}: ${b.text}`]),
    el('p', { class: 'verdict' }, [
      `Stage 1 score ${outcome.score1.toFixed(3)}${outcome.score2 !== null ? `, stage 2 score ${outcome.score2.toFixed(3)}` : ''} → ${outcome.decision}` +
        (pair.count !== 1 ? ` (stands for ${pair.count.toFixed(1)} sampled low-scoring pairs)` : ''),
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
      void start(message.data, message.params).catch((error: unknown) => showStatus(`The charts could not be drawn: ${String(error)}`, true));
      return;
    case 'saved': {
      const note = document.getElementById('saved');
      if (note) note.textContent = `Saved to the ${message.target}.`;
      return;
    }
  }
});

vscode.postMessage({ type: 'ready' });

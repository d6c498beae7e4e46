/** DOM building for the tuning view: the page skeleton and the labelled, keyboard-accessible sliders. */
import { embeddingNotice } from '../../embeddings/notice.ts';
import type { TuningData, TuningParams } from '../protocol.ts';
import { t } from './l10n.ts';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

export interface Skeleton {
  labelColumn: HTMLSelectElement;
  labelHint: HTMLElement;
  precisionRecall: HTMLElement;
  controls: HTMLElement;
  combined: HTMLElement;
  fuzzy: HTMLElement;
  signals: HTMLElement;
  why: HTMLElement;
  save: HTMLButtonElement;
  run: HTMLButtonElement;
  reset: HTMLButtonElement;
  getModel: HTMLButtonElement;
}

/** "(none)" and every column of the workbook, the current choice selected. */
function labelPicker(data: TuningData, chosen: string | null): HTMLSelectElement {
  const select = el('select', { id: 'label-column' }, [el('option', { value: '' }, [t('(none)')])]);
  for (const column of data.columns) select.append(el('option', { value: column }, [column]));
  select.value = chosen ?? '';
  return select;
}

export function renderSkeleton(app: HTMLElement, data: TuningData, labelColumn: string | null, format: (n: number) => string): Skeleton {
  const s: Skeleton = {
    labelColumn: labelPicker(data, labelColumn),
    labelHint: el('p', { id: 'label-hint', class: 'hint', role: 'note' }, [
      t('Pick the column that holds the intended groups (a label per row) to see precision, recall and F1 at each threshold.'),
    ]),
    precisionRecall: el('div', { id: 'chart-pr', class: 'chart', role: 'img', 'aria-label': t('Precision against recall across cluster accuracies') }),
    controls: el('fieldset', { id: 'controls' }, [el('legend', {}, [t('Thresholds and weights')])]),
    combined: el('div', { id: 'chart-combined', class: 'chart', role: 'img', 'aria-label': t('Histogram of the combined stage-1 score') }),
    fuzzy: el('div', { id: 'chart-fuzzy', class: 'chart', role: 'img', 'aria-label': t('Histogram of the fuzzy signal with the seed exits') }),
    signals: el('div', { id: 'chart-signals', class: 'chart', role: 'img', 'aria-label': t('Histograms of each signal') }),
    why: el('div', { id: 'chart-why', class: 'chart', role: 'img', 'aria-label': t('Contribution of each signal to the selected pair') }),
    save: el('button', { type: 'button', id: 'save' }, [t('Save to Workspace Settings')]),
    run: el('button', { type: 'button', id: 'run', class: 'secondary' }, [t('Run Analysis with These Settings')]),
    reset: el('button', { type: 'button', id: 'reset', class: 'secondary' }, [t('Reset to Baseline')]),
    getModel: el('button', { type: 'button', id: 'get-model', class: 'link' }, [t('Get Model…')]),
  };
  const sampled = data.rows.length < data.totalRows ? t(' (an even sample of {0} of {1} rows)', format(data.rows.length), format(data.totalRows)) : '';
  // One short line for a missing model, with its action; the engine's reasons are in the log.
  const notice = embeddingNotice(data.unavailable);
  const noticeText = notice ? t(notice) : null;
  const others = data.unavailable.filter((u) => u.signal !== 'embeddings').map((u) => t('{0} off: {1}', u.signal, u.reason));
  app.replaceChildren(
    el('header', {}, [
      el('h1', {}, [t('Tune thresholds: {0}', data.file.split(/[\\/]/).pop() ?? data.file)]),
      el('p', { class: 'muted' }, [
        t('{0} candidate pairs compared by the full policy in {1} mode{2}; {3} kept for tuning.', format(data.comparedPairs), data.mode, sampled, format(data.pairs.length)) +
          ' ' +
          t('Signals: {0}.', data.signals.join(', ')),
      ]),
      ...(noticeText ? [el('p', { class: 'notice', id: 'model-notice' }, [`${noticeText} `, s.getModel])] : []),
      ...others.map((u) => el('p', { class: 'muted' }, [u])),
    ]),
    el('div', { class: 'layout' }, [
      el('section', { class: 'side', 'aria-label': t('Controls') }, [
        el('div', { class: 'control label-picker' }, [el('label', { for: 'label-column' }, [t('Label column (intended groups)')]), s.labelColumn]),
        s.labelHint,
        s.controls,
        el('div', { class: 'buttons' }, [s.save, s.run, s.reset]),
        el('p', { id: 'saved', role: 'status' }),
        el('p', { id: 'update-ms', class: 'muted', role: 'status', 'aria-live': 'polite' }),
        el('table', { class: 'metrics', 'aria-label': t('Metrics') }, [el('tbody', { id: 'metrics' })]),
      ]),
      el('section', { class: 'charts', 'aria-label': t('Charts') }, [
        el('div', { class: 'row' }, [s.combined, s.fuzzy]),
        el('div', { class: 'row' }, [s.signals, s.precisionRecall]),
        el('div', { class: 'row' }, [
          el('div', { class: 'changed' }, [el('p', { id: 'changed-caption' }), el('ul', { id: 'changed' })]),
          el('div', { class: 'why' }, [el('h2', {}, [t('Why: signal contributions')]), s.why, el('div', { id: 'why-text' })]),
        ]),
      ]),
    ]),
  );
  return s;
}

export interface Controls {
  read(): TuningParams;
  set(params: TuningParams): void;
}

interface Slider {
  input: HTMLInputElement;
  output: HTMLOutputElement;
  digits: number;
}

function slider(parent: HTMLElement, id: string, label: string, min: number, max: number, step: number, value: number, digits: number, onChange: () => void): Slider {
  const input = el('input', { type: 'range', id, min: String(min), max: String(max), step: String(step), value: String(value) });
  const output = el('output', { for: id, id: `${id}-value` });
  output.textContent = value.toFixed(digits);
  input.addEventListener('input', () => {
    output.textContent = Number(input.value).toFixed(digits);
    onChange();
  });
  parent.append(el('div', { class: 'control' }, [el('label', { for: id }, [label]), input, output]));
  return { input, output, digits };
}

export function renderControls(parent: HTMLElement, data: TuningData, params: TuningParams, onChange: () => void): Controls {
  let scheduled = false;
  const changed = () => {
    // Coalesce bursts of input events (keyboard auto-repeat, dragging) into one update per frame.
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange();
    });
  };
  const accuracy = slider(parent, 'clusterAccuracy', t('Cluster accuracy (%)'), 80, 100, 1, params.clusterAccuracy, 0, changed);
  const exitLow = slider(parent, 'exitLow', t('Seed exitLow (fuzzy reject below)'), 0, 1, 0.01, params.exitLow, 2, changed);
  const exitHigh = slider(parent, 'exitHigh', t('Seed exitHigh (fuzzy accept from)'), 0, 1, 0.01, params.exitHigh, 2, changed);
  parent.append(el('p', { class: 'muted' }, [t('Weights ({0} mode, renormalised to sum 1)', data.mode)]));
  const weights = data.signals.map((signal, i) => slider(parent, `weight-${signal}`, t('Weight {0}', signal), 0, 1, 0.01, params.weights[i] ?? 0, 2, changed));
  const set = (s: Slider, v: number) => {
    s.input.value = String(v);
    s.output.textContent = v.toFixed(s.digits);
  };
  return {
    read() {
      let low = Number(exitLow.input.value);
      const high = Number(exitHigh.input.value);
      if (low > high) {
        low = high;
        set(exitLow, low);
      }
      let w = weights.map((s) => Number(s.input.value));
      if (!w.some((x) => x > 0)) w = w.map(() => 1);
      return { clusterAccuracy: Number(accuracy.input.value), exitLow: low, exitHigh: high, weights: w };
    },
    set(p) {
      set(accuracy, p.clusterAccuracy);
      set(exitLow, p.exitLow);
      set(exitHigh, p.exitHigh);
      weights.forEach((s, i) => set(s, p.weights[i] ?? 0));
    },
  };
}

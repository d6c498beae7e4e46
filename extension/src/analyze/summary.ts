/**
 * The one-line result summary shown after an analysis (notifications show a single paragraph), built from the
 * engine's JSON summary. Pure, unit tested.
 */
import type { JsonSummary } from '../../../engine/report/summary.ts';
import { fillPlaceholders, WARNING_TEXTS, type Warning } from '../../../engine/util/warnings.ts';
import { english, type Translate } from '../l10n/translate.ts';

function topAdvice(counts: Record<string, number>, fmt: (n: number) => string, t: Translate, max = 3): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, max).map(([label, n]) => `${label} ${fmt(n)}`);
  if (entries.length > max) shown.push(t('+{0} more', entries.length - max));
  return shown.join(', ');
}

export interface CascadeFacts {
  pairs: number;
  evaluations: number;
  earlyExits: number;
}

export function cascadeFacts(summary: JsonSummary): CascadeFacts {
  const c = summary.counters;
  const pairs = Object.values(c.pairsCompared).reduce((a, b) => a + b, 0);
  const evaluations = Object.values(c.signalEvaluations).reduce((a, b) => a + b, 0);
  const earlyExits = Object.entries(c.exits)
    .filter(([reason]) => reason !== 'full')
    .reduce((a, [, n]) => a + n, 0);
  return { pairs, evaluations, earlyExits };
}

/**
 * The warnings that change what the report means (a sheet with no data rows, extra CSV fields, ignored reference
 * inputs): every warning but a missing embedding model, which has its own notice with an action.
 */
export function meaningWarnings(summary: JsonSummary): Warning[] {
  return summary.warningMessages.filter((w) => !(w.id === 'signals.unavailable' && w.params.signal === 'embeddings'));
}

/** How a message shows the file a warning names (the engine gives the path it was given). */
export type ShowFile = (file: string) => string;

/**
 * An engine warning in the display language: its English text is the l10n key, whose translation keeps the
 * `{name}` placeholders that the parameters fill, numbers formatted for `locale`.
 */
export function warningMessage(warning: Warning, t: Translate = english, locale = 'en', showFile: ShowFile = (file) => file): string {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const params = typeof warning.params.file === 'string' ? { ...warning.params, file: showFile(warning.params.file) } : warning.params;
  return fillPlaceholders(t(WARNING_TEXTS[warning.id]), params, (n) => integer.format(n));
}

export interface SummaryToast {
  text: string;
  /** Shown as a warning toast, led by the first warning's text: the report is not what a plain run gives. */
  warning: boolean;
}

/** Numbers in `locale` (VS Code's display language), texts through `t` (vscode.l10n.t in the extension). */
export function summaryMessage(summary: JsonSummary, reportName: string, t: Translate = english, locale = 'en', showFile?: ShowFile): SummaryToast {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fmt = (n: number) => integer.format(Math.round(n));
  const r = summary.result;
  const seconds = oneDecimal.format((summary.timingsMs.total ?? 0) / 1000);
  const cascade = cascadeFacts(summary);
  const warnings = meaningWarnings(summary);
  const lead = warnings.length === 0 ? [] : [t('Warning: {0}', warningMessage(warnings[0]!, t, locale, showFile)), ...(warnings.length > 1 ? [t('(+{0} more in the log)', fmt(warnings.length - 1))] : [])];
  const parts = [
    'Clause Cascade:',
    ...lead,
    t('{0} rows → {1} clusters ({2}% reduction) in {3} s.', fmt(r.rows), fmt(r.clusters), oneDecimal.format(r.reductionPercent), seconds),
    t('Advice per cluster: {0}.', topAdvice(r.adviceByCluster, fmt, t) || t('none')),
    t('Cascade ({0}, {1}): {2} pairs, {3} signal evaluations, {4} early exits.', summary.settings.policy, summary.settings.mode, fmt(cascade.pairs), fmt(cascade.evaluations), fmt(cascade.earlyExits)),
    t('Report: {0}', reportName),
  ];
  return { text: parts.join(' '), warning: warnings.length > 0 };
}

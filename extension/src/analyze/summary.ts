/**
 * The one-line result summary shown after an analysis (notifications show a single paragraph), built from the
 * engine's JSON summary. Pure, unit tested.
 */
import type { JsonSummary } from '../../../engine/report/summary.ts';
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

/** Numbers in `locale` (VS Code's display language), texts through `t` (vscode.l10n.t in the extension). */
export function summaryMessage(summary: JsonSummary, reportName: string, t: Translate = english, locale = 'en'): string {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fmt = (n: number) => integer.format(Math.round(n));
  const r = summary.result;
  const seconds = oneDecimal.format((summary.timingsMs.total ?? 0) / 1000);
  const cascade = cascadeFacts(summary);
  const parts = [
    t('Clause Cascade: {0} rows → {1} clusters ({2}% reduction) in {3} s.', fmt(r.rows), fmt(r.clusters), oneDecimal.format(r.reductionPercent), seconds),
    t('Advice per cluster: {0}.', topAdvice(r.adviceByCluster, fmt, t) || t('none')),
    t('Cascade ({0}, {1}): {2} pairs, {3} signal evaluations, {4} early exits.', summary.settings.policy, summary.settings.mode, fmt(cascade.pairs), fmt(cascade.evaluations), fmt(cascade.earlyExits)),
    t('Report: {0}', reportName),
  ];
  // A missing embedding model has its own notice with an action; the rest are counted here.
  const others = summary.warnings.filter((w) => !/^Signal embeddings unavailable:/.test(w)).length;
  if (others > 0) parts.push(others === 1 ? t('(1 warning in the log)') : t('({0} warnings in the log)', fmt(others)));
  return parts.join(' ');
}

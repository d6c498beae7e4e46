/**
 * The one-line result summary shown after an analysis (notifications show a single paragraph), built from the
 * engine's JSON summary. Pure, unit tested.
 */
import type { JsonSummary } from '../../../engine/report/summary.ts';

const nl = new Intl.NumberFormat('en-US');
const fmt = (n: number) => nl.format(Math.round(n));

function topAdvice(counts: Record<string, number>, max = 3): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, max).map(([label, n]) => `${label} ${fmt(n)}`);
  if (entries.length > max) shown.push(`+${entries.length - max} more`);
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

export function summaryMessage(summary: JsonSummary, reportName: string): string {
  const r = summary.result;
  const seconds = ((summary.timingsMs.total ?? 0) / 1000).toFixed(1);
  const cascade = cascadeFacts(summary);
  const parts = [
    `Clause Cascade: ${fmt(r.rows)} rows → ${fmt(r.clusters)} clusters (${r.reductionPercent.toFixed(1)}% reduction) in ${seconds} s.`,
    `Advice per cluster: ${topAdvice(r.adviceByCluster) || 'none'}.`,
    `Cascade (${summary.settings.policy}, ${summary.settings.mode}): ${fmt(cascade.pairs)} pairs, ${fmt(cascade.evaluations)} signal evaluations, ${fmt(cascade.earlyExits)} early exits.`,
    `Report: ${reportName}`,
  ];
  // A missing embedding model has its own notice with an action; the rest are counted here.
  const others = summary.warnings.filter((w) => !/^Signal embeddings unavailable:/.test(w)).length;
  if (others > 0) parts.push(`(${others} warning${others === 1 ? '' : 's'} in the log)`);
  return parts.join(' ');
}

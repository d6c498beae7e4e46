/**
 * What a scaling sweep (sweep.ts) records, and the tables and log–log charts made from it: per variant and size the
 * whole-process wall and CPU time, peak RSS, rows per second and pairwise agreement with the labels, and the fitted
 * exponent k of time ≈ c · rows^k (least squares on the logarithms).
 */
import type { VegaLiteSpec } from './charts.ts';
import { VEGA_LITE_SCHEMA } from './charts.ts';
import type { MachineFacts } from './machine.ts';
import { median } from './metrics.ts';

export const SWEEP_KIND = 'scaling-sweep';
/** Sizes from this many rows on give the large-input exponent (the target speaks of 100k → 1M). */
export const LARGE_ROWS = 100_000;

export interface SweepRun {
  variant: string;
  rows: number;
  repeat: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

export interface SweepPoint {
  variant: string;
  rows: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  rowsPerSecond: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SweepFit {
  variant: string;
  measure: 'wall' | 'cpu' | 'peakRss';
  /** every size */
  exponent: number;
  /** sizes ≥ LARGE_ROWS (null with fewer than two) */
  largeExponent: number | null;
}

export interface SweepResults {
  kind: typeof SWEEP_KIND;
  name: string;
  description: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineFacts;
  dataset: { style: string; seed: number; rows: number[] };
  repeats: number;
  /** medians over the repeats */
  points: SweepPoint[];
  fits: SweepFit[];
  runs: SweepRun[];
}

/** Least-squares slope of ln(y) against ln(x); NaN for fewer than two points. */
export function logLogSlope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

export function sweepPoint(variant: string, rows: number, runs: readonly SweepRun[], quality: { precision: number; recall: number; f1: number }): SweepPoint {
  const wallMs = median(runs.map((r) => r.wallMs));
  return {
    variant,
    rows,
    wallMs,
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    rowsPerSecond: Math.round(rows / (wallMs / 1000)),
    ...quality,
  };
}

export function sweepFits(points: readonly SweepPoint[]): SweepFit[] {
  const fits: SweepFit[] = [];
  for (const variant of [...new Set(points.map((p) => p.variant))]) {
    const own = points.filter((p) => p.variant === variant);
    for (const [measure, pick] of [['wall', (p: SweepPoint) => p.wallMs], ['cpu', (p: SweepPoint) => p.cpuMs], ['peakRss', (p: SweepPoint) => p.peakRssMb]] as const) {
      const all = own.map((p) => ({ x: p.rows, y: pick(p) }));
      const large = all.filter((p) => p.x >= LARGE_ROWS);
      fits.push({ variant, measure, exponent: logLogSlope(all), largeExponent: large.length >= 2 ? logLogSlope(large) : null });
    }
  }
  return fits;
}

const fixed = (n: number | null, digits: number) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(digits));

export function sweepMarkdown(results: SweepResults): string {
  const lines = [
    `# ${results.name}`,
    '',
    results.description,
    '',
    `${results.dataset.style} rows, seed ${results.dataset.seed}; whole \`clause-cascade analyze\` process, median of ${results.repeats} run(s); ${results.machine.cores} cores, ${results.machine.cpuModel}, Node ${results.machine.nodeVersion}, commit ${results.machine.gitCommit ?? 'unknown'}.`,
    '',
    '| variant | rows | wall s | CPU s | peak RSS MB | rows/s | pairwise P / R / F1 |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...results.points.map(
      (p) => `| ${p.variant} | ${p.rows} | ${fixed(p.wallMs / 1000, 2)} | ${fixed(p.cpuMs / 1000, 2)} | ${fixed(p.peakRssMb, 0)} | ${p.rowsPerSecond} | ${fixed(p.precision, 3)} / ${fixed(p.recall, 3)} / ${fixed(p.f1, 3)} |`,
    ),
    '',
    `Fitted exponent k of measure ≈ c · rows^k (least squares on logarithms), over every size and over sizes ≥ ${LARGE_ROWS}:`,
    '',
    '| variant | measure | k (all sizes) | k (≥ 100k) |',
    '|---|---|---:|---:|',
    ...results.fits.map((f) => `| ${f.variant} | ${f.measure} | ${fixed(f.exponent, 3)} | ${fixed(f.largeExponent, 3)} |`),
    '',
  ];
  return lines.join('\n');
}

function logLogChart(results: SweepResults, field: 'wallSeconds' | 'peakRssMb', title: string, axis: string): VegaLiteSpec {
  const values = results.points.map((p) => ({ variant: p.variant, rows: p.rows, wallSeconds: p.wallMs / 1000, peakRssMb: p.peakRssMb }));
  const measure = field === 'wallSeconds' ? 'wall' : 'peakRss';
  const subtitle = results.fits
    .filter((f) => f.measure === measure)
    .map((f) => `${f.variant}: k = ${fixed(f.exponent, 2)} (≥ 100k: ${fixed(f.largeExponent, 2)})`)
    .join('; ');
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle },
    width: 420,
    height: 280,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'rows', type: 'quantitative', scale: { type: 'log' }, title: 'Rows (log)' },
      y: { field, type: 'quantitative', scale: { type: 'log' }, title: axis },
      color: { field: 'variant', type: 'nominal', title: 'Variant' },
      tooltip: [{ field: 'variant' }, { field: 'rows' }, { field, format: '.1f' }],
    },
  };
}

export function sweepCharts(results: SweepResults): Record<string, VegaLiteSpec> {
  return {
    'scaling-time': logLogChart(results, 'wallSeconds', 'Whole-process time against rows', 'Wall time, s (log)'),
    'scaling-memory': logLogChart(results, 'peakRssMb', 'Peak memory against rows', 'Peak RSS, MB (log)'),
  };
}

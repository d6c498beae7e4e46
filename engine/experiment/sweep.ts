/**
 * A scaling sweep (an experiment config with `sweep`): each variant runs as a whole `clause-cascade analyze` process
 * on generated workbooks of each size, smallest first, so the figures include start-up, reading and the report as a
 * user meets them. Time and memory come from the process itself (bin/usage-probe.mjs: CPU of all its threads, peak
 * RSS); the grouping is scored against the label column read back from the report. Results go to a results folder
 * like any experiment's: results.json, summary.md and two log–log charts (sweep-results.ts).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { writeFileAtomic } from '../util/atomic.ts';
import { CancelledError } from '../util/errors.ts';
import { PROJECT_ROOT } from '../util/project-root.ts';
import { renderSvg } from './charts.ts';
import type { ExperimentPlan, VariantPlan } from './config.ts';
import { machineFacts } from './machine.ts';
import { labelAgreement } from './metrics.ts';
import { createResultsFolder, defaultResultsRoot, RESULTS_FILE } from './results.ts';
import { prepareDataset } from './run.ts';
import { SWEEP_KIND, sweepCharts, sweepFits, sweepMarkdown, sweepPoint, type SweepPoint, type SweepResults, type SweepRun } from './sweep-results.ts';

const CLI = path.join(PROJECT_ROOT, 'bin', 'clause-cascade.js');
const PROBE = pathToFileURL(path.join(PROJECT_ROOT, 'bin', 'usage-probe.mjs')).href;

export interface SweepOptions {
  resultsRoot?: string;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
}

/** The variant's settings as `--set name=value` flags (lists comma-separated). */
function settingFlags(variant: VariantPlan): string[] {
  return Object.entries(variant.overrides).flatMap(([name, value]) => ['--set', `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`]);
}

/** One analysis process: wall time measured here, CPU time and peak RSS as the process counted them at exit. */
async function measureProcess(args: string[], scratch: string, signal?: AbortSignal): Promise<Omit<SweepRun, 'variant' | 'rows' | 'repeat'>> {
  const usageFile = path.join(scratch, 'usage.json');
  await fs.rm(usageFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PROBE, CLI, ...args], {
    env: { ...process.env, CLAUSE_CASCADE_USAGE_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const stop = () => child.kill('SIGINT');
  signal?.addEventListener('abort', stop, { once: true });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  signal?.removeEventListener('abort', stop);
  const wallMs = performance.now() - started;
  if (signal?.aborted) throw new CancelledError();
  if (code !== 0) throw new Error(`clause-cascade ${args.join(' ')} exited with ${code}:\n${stderr.trim()}`);
  const usage = JSON.parse(await fs.readFile(usageFile, 'utf8')) as NodeJS.ResourceUsage;
  return { wallMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssMb: usage.maxRSS / 1024 };
}

/** Cluster_ID and the label column of every row of the report's Analyseresultaten, read as a stream. */
async function reportPartitions(report: string, labelColumn: string): Promise<{ clusters: string[]; labels: string[] }> {
  const clusters: string[] = [];
  const labels: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(report, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
  let clusterCell = -1;
  let labelCell = -1;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const cells = (row.values as unknown[]).map((value) => (value === null || value === undefined ? '' : String(value)));
      if (row.number === 1) {
        clusterCell = cells.indexOf('Cluster_ID');
        labelCell = cells.indexOf(labelColumn);
        if (clusterCell < 0 || labelCell < 0) throw new Error(`${report}: no Cluster_ID or ${labelColumn} column in Analyseresultaten.`);
        continue;
      }
      clusters.push(cells[clusterCell] ?? '');
      labels.push(cells[labelCell] ?? '');
    }
    break; // Analyseresultaten is the first sheet
  }
  return { clusters, labels };
}

export async function runSweep(plan: ExperimentPlan, options: SweepOptions = {}): Promise<{ resultsDir: string; results: SweepResults }> {
  const sweep = plan.sweep!;
  const generate = plan.dataset.generate!;
  const labelColumn = plan.dataset.labelColumn ?? 'Label';
  const root = options.resultsRoot ?? defaultResultsRoot(plan.configFile);
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'clause-cascade-sweep-'));
  const startedAt = new Date();
  const runs: SweepRun[] = [];
  const points: SweepPoint[] = [];
  try {
    for (const rows of sweep.rows) {
      const file = await prepareDataset({ ...plan, dataset: { ...plan.dataset, generate: { ...generate, rows } } }, root);
      for (const variant of plan.variants) {
        if (variant.maxRows !== null && rows > variant.maxRows) continue;
        const report = path.join(scratch, 'report.xlsx');
        const args = ['analyze', file, '--out', report, '--overwrite', '--quiet', ...settingFlags(variant)];
        const own: SweepRun[] = [];
        for (let repeat = 0; repeat < plan.repeats; repeat++) {
          own.push({ variant: variant.name, rows, repeat, ...(await measureProcess(args, scratch, options.signal)) });
        }
        const { clusters, labels } = await reportPartitions(report, labelColumn);
        const quality = labelAgreement(clusters, labels);
        const point = sweepPoint(variant.name, rows, own, quality);
        runs.push(...own);
        points.push(point);
        options.onLine?.(`  ${variant.name} ${rows} rows: ${(point.wallMs / 1000).toFixed(1)} s wall, ${(point.cpuMs / 1000).toFixed(1)} s CPU, ${point.peakRssMb.toFixed(0)} MB, F1 ${point.f1.toFixed(3)}`);
      }
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  const results: SweepResults = {
    kind: SWEEP_KIND,
    name: plan.name,
    description: plan.description,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machineFacts(),
    dataset: { style: generate.style, seed: generate.seed, rows: sweep.rows },
    repeats: plan.repeats,
    points,
    fits: sweepFits(points),
    runs,
  };
  const resultsDir = await createResultsFolder(root, plan.name, startedAt);
  const files: [string, string][] = [
    [RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`],
    ['summary.md', sweepMarkdown(results)],
  ];
  for (const [stem, spec] of Object.entries(sweepCharts(results))) files.push([`${stem}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`], [`${stem}.svg`, await renderSvg(spec)]);
  for (const [name, text] of files) await writeFileAtomic(path.join(resultsDir, name), text);
  return { resultsDir, results };
}

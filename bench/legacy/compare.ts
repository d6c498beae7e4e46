// Clause Cascade (`analyze --mode fast`, whole process) side by side with the legacy tool's own clustering path
// (run_legacy.py, from a checkout of its repository) on generated held-out workbooks: the two run in turn, A B A B …,
// each under GNU time (wall, CPU = user + system, peak RSS), and each one's grouping is scored against the
// workbook's Label column with the experiment harness's pairwise precision / recall / F1.
//
//   node --import tsx bench/legacy/compare.ts --checkout /tmp/legacy [--rows 20000,100000] [--runs 3] [--data <dir>]
//
// The checkout: git -C <mirror of StefHienfeld/VB_Converter> archive HEAD | tar -x -C /tmp/legacy (see run_legacy.py
// for the Debian packages it needs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { labelAgreement, median } from '../../engine/experiment/metrics.ts';
import { generateRows } from '../../engine/generate/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 20261202;

function options(argv: string[]) {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const checkout = get('--checkout');
  if (!checkout) throw new Error('--checkout <legacy checkout> is required; see the comment at the top of bench/legacy/compare.ts');
  return {
    checkout: path.resolve(checkout),
    rows: (get('--rows') ?? '20000,100000').split(',').map(Number),
    runs: Number(get('--runs') ?? 3),
    data: path.resolve(get('--data') ?? path.join(os.tmpdir(), 'clause-cascade-legacy')),
  };
}

interface Measure {
  wall: number;
  cpu: number;
  rssMb: number;
}

function timed(command: string, args: string[], timing: string): Measure {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timing, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  const [wall, user, sys, kb] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-4).map(Number) as [number, number, number, number];
  return { wall, cpu: user + sys, rssMb: kb / 1024 };
}

/** Cluster_ID (column 2) of every row of the report's Analyseresultaten. */
async function reportClusters(report: string): Promise<string[]> {
  const ids: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(report, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) if (row.number > 1) ids.push(String(row.getCell(2).value ?? ''));
    break;
  }
  return ids;
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  mkdirSync(o.data, { recursive: true });
  const cli = path.join(root, 'bin', 'clause-cascade.js');
  const timing = path.join(o.data, `time-${process.pid}.txt`);
  console.log(`held-out style, seed ${SEED}; ${o.runs} runs each in turn, medians; ${os.cpus().length} cores, Node ${process.version}`);
  console.log('| rows | tool | wall s | CPU s | peak RSS MB | pairwise P / R / F1 |');
  console.log('|---:|---|---:|---:|---:|---|');
  for (const rows of o.rows) {
    const file = path.join(o.data, `heldout-${rows}.xlsx`);
    if (!existsSync(file)) execFileSync(process.execPath, [cli, 'generate', '--rows', String(rows), '--style', 'heldout', '--seed', String(SEED), '--out', file]);
    const ours = path.join(o.data, `ours-${rows}.xlsx`);
    const legacy = path.join(o.data, `legacy-${rows}.txt`);
    const tools = {
      'Clause Cascade fast': [process.execPath, [cli, 'analyze', file, '--mode', 'fast', '--out', ours, '--overwrite', '--quiet']],
      'legacy tool': ['/usr/bin/python3', [path.join(root, 'bench', 'legacy', 'run_legacy.py'), '--checkout', o.checkout, '--input', file, '--out', legacy]],
    } as const;
    const figures = new Map<string, Measure[]>();
    for (let r = 0; r < o.runs; r++) {
      for (const [tool, [command, args]] of Object.entries(tools)) figures.set(tool, [...(figures.get(tool) ?? []), timed(command, [...args], timing)]);
    }
    const labels = generateRows({ rows, seed: SEED, style: 'heldout' }).map((row) => row.Label);
    const groupings = { 'Clause Cascade fast': await reportClusters(ours), 'legacy tool': readFileSync(legacy, 'utf8').trimEnd().split('\n') };
    for (const [tool, runs] of figures) {
      const q = labelAgreement(groupings[tool as keyof typeof groupings], labels);
      const m = (pick: (f: Measure) => number) => median(runs.map(pick));
      console.log(`| ${rows} | ${tool} | ${m((f) => f.wall).toFixed(2)} | ${m((f) => f.cpu).toFixed(2)} | ${m((f) => f.rssMb).toFixed(0)} | ${q.precision.toFixed(3)} / ${q.recall.toFixed(3)} / ${q.f1.toFixed(3)} |`);
    }
  }
}

await main();

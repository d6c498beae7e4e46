// The report stage alone: one analysis, then `writeReport` of this checkout and of other source trees in turn
// (A B A B …, so a drifting machine affects each alike): wall and CPU time (zlib's thread-pool threads included),
// the heap the report keeps live (forced GC every 250 ms while it writes) and the file size. Medians per tree.
//
//   node --expose-gc --import tsx bench/scale/report.ts <workbook> [--runs 5] [--tree <checkout of another commit>]…
//
// A tree of an older commit: e.g. `git worktree add --detach /tmp/before ba6902a` with a node_modules symlink, or
// the one `bench/scale/run.mjs --before <ref>` leaves in its data folder.
import { rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSettings, runAnalysis } from '../../engine/index.ts';
import type { AnalysisResult } from '../../engine/pipeline/types.ts';

type WriteReport = (result: AnalysisResult, target: string) => Promise<unknown>;

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const workbook = args[0];
if (!workbook) throw new Error('usage: bench/scale/report.ts <workbook> [--runs 5] [--tree <dir>]…');
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const trees = [here, ...args.flatMap((arg, i) => (arg === '--tree' ? [path.resolve(args[i + 1]!)] : []))];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const writers = new Map<string, WriteReport>();
for (const tree of trees) writers.set(tree, ((await import(path.join(tree, 'engine/report/excel.ts'))) as { writeReport: WriteReport }).writeReport);
const result = await runAnalysis({ policyFile: workbook, settings: resolveSettings({ mode: 'fast' }) });

interface Run { wallMs: number; cpuMs: number; bytes: number }
const out = path.join(os.tmpdir(), `bench-report-${process.pid}.xlsx`);

/** One timed run; the heap is sampled in runs of their own, since a forced GC every 250 ms costs more than the report. */
async function timed(write: WriteReport): Promise<Run> {
  rmSync(out, { force: true });
  gc!();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await write(result, out);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, bytes: statSync(out).size };
}

async function liveHeapMB(write: WriteReport): Promise<number> {
  rmSync(out, { force: true });
  gc!();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    gc!();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 250);
  await write(result, out);
  clearInterval(sampler);
  return (peak - before) / 2 ** 20;
}

const measured = new Map<string, Run[]>(trees.map((tree) => [tree, []]));
for (let round = 0; round < runs; round++) {
  for (const tree of round % 2 ? [...trees].reverse() : trees) measured.get(tree)!.push(await timed(writers.get(tree)!));
}
const heaps = new Map<string, number>();
for (const tree of trees) heaps.set(tree, await liveHeapMB(writers.get(tree)!));
rmSync(out, { force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [tree, list] of measured) {
  const figure = (key: keyof Run) => Math.round(median(list.map((run) => run[key])));
  console.log(`${tree}: report wall ${figure('wallMs')} ms, CPU ${figure('cpuMs')} ms, ${figure('bytes')} bytes (medians of ${list.length}); live heap +${Math.round(heaps.get(tree)!)} MB`);
}

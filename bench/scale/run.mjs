#!/usr/bin/env node
// Whole-process scaling figures of `clause-cascade analyze`: wall time, CPU time, peak RSS and rows/s per size, for
// this checkout ("after") and, with --before <git ref>, for an older commit side by side ("before"), the two run in
// turn A B A B … so a drifting machine affects both alike. Each run is measured by GNU time (/usr/bin/time).
//
//   node bench/scale/run.mjs [--rows 20000,100000,200000] [--style heldout] [--mode fast] [--runs 3]
//                            [--before <git ref>] [--data <folder>]
//
// Workbooks are generated once per size and style with `clause-cascade generate` into --data (default: a folder in
// the system's temporary directory) and reused. The "before" commit is checked out as a detached git worktree next
// to the data, sharing this checkout's node_modules.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv) {
  const options = { rows: [20_000, 100_000, 200_000], style: 'heldout', mode: 'fast', runs: 3, before: null, data: path.join(os.tmpdir(), 'clause-cascade-scale') };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--rows') options.rows = value.split(',').map(Number);
    else if (flag === '--style') options.style = value;
    else if (flag === '--mode') options.mode = value;
    else if (flag === '--runs') options.runs = Number(value);
    else if (flag === '--before') options.before = value;
    else if (flag === '--data') options.data = path.resolve(value);
    else throw new Error(`Unknown option ${flag}; see the comment at the top of bench/scale/run.mjs`);
  }
  if (options.rows.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows takes whole numbers, e.g. 20000,100000');
  return options;
}

function cli(checkout, args) {
  return [path.join(checkout, 'bin', 'clause-cascade.js'), ...args];
}

function workbook(options, rows) {
  const file = path.join(options.data, `${options.style}-${rows}.xlsx`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, cli(root, ['generate', '--rows', String(rows), '--style', options.style, '--seed', '7', '--out', file]), { stdio: 'inherit' });
  }
  return file;
}

/** A detached worktree of `ref` that uses this checkout's node_modules. */
function beforeCheckout(options) {
  const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', options.before], { encoding: 'utf8' }).trim();
  const dir = path.join(options.data, `before-${commit}`);
  if (!existsSync(dir)) {
    execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', dir, commit], { stdio: 'ignore' });
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  }
  return { label: `before (${commit})`, dir };
}

/** One whole-process run under GNU time: wall and CPU seconds, peak RSS in MB. */
function measure(checkout, file, options) {
  const out = path.join(options.data, `report-${process.pid}.xlsx`);
  const timing = path.join(options.data, `time-${process.pid}.txt`);
  const args = ['-f', '%e %U %S %M', '-o', timing, process.execPath, ...cli(checkout, ['analyze', file, '--mode', options.mode, '--out', out, '--overwrite', '--json', `${out}.json`, '--quiet'])];
  const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`analyze failed in ${checkout}:\n${run.stderr}`);
  const [wall, user, sys, kb] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  const summary = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
  rmSync(out, { force: true });
  return { wall, cpu: user + sys, rssMb: kb / 1024, clusters: summary.result.clusters };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main() {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(options.data, { recursive: true });
  const checkouts = [{ label: 'after', dir: root }];
  if (options.before) checkouts.unshift(beforeCheckout(options));
  console.log(`analyze --mode ${options.mode}, ${options.style} rows, ${options.runs} runs each, medians; ${os.cpus().length} cores, Node ${process.version}`);
  console.log('| rows | checkout | wall s | CPU s | peak RSS MB | rows/s | clusters |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const rows of options.rows) {
    const file = workbook(options, rows);
    const runs = new Map(checkouts.map((c) => [c.label, []]));
    for (let r = 0; r < options.runs; r++) for (const c of checkouts) runs.get(c.label).push(measure(c.dir, file, options));
    for (const c of checkouts) {
      const list = runs.get(c.label);
      const wall = median(list.map((m) => m.wall));
      const cpu = median(list.map((m) => m.cpu));
      const rss = median(list.map((m) => m.rssMb));
      console.log(`| ${rows} | ${c.label} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${rss.toFixed(0)} | ${Math.round(rows / wall)} | ${list[0].clusters} |`);
    }
  }
}

main();

// Where a run holds the event loop: every gap of more than --min ms between two ticks of a 5 ms timer, with the stage
// and progress message current at its start and end. A cancel (Ctrl+C, a cancel message) waits for the end of such a gap.
//
//   node --import tsx bench/scale/gaps.ts <workbook> [--min 100] [--threads 1]
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeWorkbook, resolveSettings } from '../../engine/index.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: node --import tsx bench/scale/gaps.ts <workbook> [--min 100] [--threads 1]');
const flag = (name: string, fallback: number) => (rest.includes(name) ? Number(rest[rest.indexOf(name) + 1]) : fallback);
const min = flag('--min', 100);
let where = 'start';
let whereAtTick = where;
let last = performance.now();
const t0 = last;
const timer = setInterval(() => {
  const now = performance.now();
  if (now - last > min) console.log(`${((now - t0) / 1000).toFixed(1)} s: ${Math.round(now - last)} ms without a tick, from ${whereAtTick} to ${where}`);
  last = now;
  whereAtTick = where;
}, 5);
const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'cc-gaps-')), 'report.xlsx');
await analyzeWorkbook(
  { policyFile: file, settings: resolveSettings({ mode: 'fast', threads: flag('--threads', 1) }) },
  { out, overwrite: true, json: false },
  {
    // A signal that is never aborted: the stages then yield at their cancellation points as in a cancellable run.
    signal: new AbortController().signal,
    logger: (level, message) => level === 'info' && (where = message),
    onProgress: (event) => (where = `${event.stage}: ${event.message}`),
  },
);
clearInterval(timer);
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

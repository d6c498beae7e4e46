// Per-stage figures for the `threads` setting: normalisation (buildRecords) and the step-0 advice checks, on one
// workbook, with 1 and N threads in turn (A B A B …), wall and CPU time (all threads of the process) per repeat.
//
//   node --import tsx bench/scale/threads.ts <workbook> [--threads 2] [--repeats 5]
//
// The worker pool is started before each timed stage and its start-up is not counted: in an analysis the threads
// boot while the input is read.
import { QUALITY_ADVICE } from '../../engine/advise/rules/quality.ts';
import { resolveSettings } from '../../engine/config/settings.ts';
import { median } from '../../engine/experiment/metrics.ts';
import { readPolicyClauses } from '../../engine/ingest/index.ts';
import { buildRecords } from '../../engine/normalise/records.ts';
import { startThreads } from '../../engine/pipeline/threads/pool.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: node --import tsx bench/scale/threads.ts <workbook> [--threads 2] [--repeats 5]');
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const threads = flag('--threads', 2);
const repeats = flag('--repeats', 5);
const settings = resolveSettings({ mode: 'fast' });
const { clauses } = await readPolicyClauses(file, settings.input);
const distinct = [...new Set(clauses.texts)];
console.log(`${clauses.texts.length} rows, ${distinct.length} distinct texts`);

async function timed(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

const figures = new Map<string, { wall: number; cpu: number }[]>();
for (let r = 0; r < repeats; r++) {
  for (const count of [1, threads]) {
    const runner = startThreads(count);
    await runner.map(QUALITY_ADVICE, ['warm-up'], settings.referenceDate); // the pool's start-up, not measured
    const stages = {
      normalise: () => buildRecords(clauses, settings.grouping, undefined, runner),
      quality: () => runner.map(QUALITY_ADVICE, distinct, settings.referenceDate),
    };
    for (const [stage, work] of Object.entries(stages)) {
      const key = `${stage} ×${count}`;
      figures.set(key, [...(figures.get(key) ?? []), await timed(work)]);
    }
    await runner.close();
  }
}
for (const [key, runs] of figures) {
  console.log(`${key.padEnd(14)} wall ${median(runs.map((f) => f.wall)).toFixed(0).padStart(6)} ms  cpu ${median(runs.map((f) => f.cpu)).toFixed(0).padStart(6)} ms  (median of ${runs.length})`);
}

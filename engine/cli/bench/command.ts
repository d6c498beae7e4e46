/** The work of `clause-cascade bench`: settings from the flags, runBench with progress lines, then the printout. */
import { writeFileAtomic } from '../../util/atomic.ts';
import { BENCH_SETTING_FLAGS, type BenchFlags } from './flags.ts';
import { EXIT_OK } from '../exit.ts';
import { withInterrupt } from '../interrupt.ts';
import { checkOutputFile } from '../output-file.ts';
import { settingsFromFlags } from '../settings-flags.ts';
import { printWarnings, stderrLogger, writeOut } from '../terminal.ts';
import { benchLines } from './print.ts';
import { runBench } from './run-bench.ts';

export async function runBenchCommand(flags: BenchFlags): Promise<number> {
  const verbose = Boolean(flags.verbose);
  const settings = settingsFromFlags({
    options: flags,
    flags: BENCH_SETTING_FLAGS,
    set: flags.set,
    model: flags.model,
    noEmbeddings: flags.embeddings === false,
    forced: { ...(flags.policy ? { policy: flags.policy } : {}), 'embeddings.diskCache': false },
  });
  const json = flags.json === undefined ? null : checkOutputFile(flags.json, { inputs: flags.input ? [flags.input] : [], overwrite: Boolean(flags.overwrite), flag: '--json', extensions: ['.json'] });
  const log = stderrLogger(verbose, null);
  const report = await withInterrupt((signal) =>
    runBench({
      settings,
      rows: flags.rows,
      seed: flags.seed,
      style: flags.style,
      input: flags.input,
      repeats: flags.repeats,
      signal,
      logger: log.logger,
      onRun: flags.quiet
        ? undefined
        : (e) => process.stderr.write(`  ${e.repeat === 'warmup' ? 'warm-up' : `run ${e.repeat}/${flags.repeats}`} ${e.policy}: ${(e.durationMs / 1000).toFixed(3)} s\n`),
    }),
  );
  printWarnings(report.warnings, log.warnings);
  writeOut(benchLines(report).join('\n'));
  if (json) {
    await writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`);
    writeOut(`JSON: ${json}`);
  }
  return EXIT_OK;
}

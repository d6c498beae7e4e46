/** `clause-cascade bench` (SPEC §13.2): the `full` baseline against a policy, same process, alternating, medians. */
import type { CliCommand } from '../command.ts';
import { parseChoice, parseSeed, parseWholeNumber } from '../numbers.ts';
import { BENCH_POLICIES, BENCH_SETTING_FLAGS, type BenchFlags } from '../bench/flags.ts';
import { GENERATOR_STYLES } from '../../generate/types.ts';
import { addSetOption, addSettingFlags } from '../settings-flags.ts';

export const benchCommand: CliCommand = {
  name: 'bench',
  register(program, context) {
    const command = program
      .command('bench')
      .summary('Benchmark a policy against the full baseline (speed, work saved, differences)')
      .description(
        'Benchmark a scoring policy against the full baseline in one process on a generated labeled workbook: durations (medians), throughput, signal evaluations, embedding inferences, exits, P/R/F1 against the labels, speedup and the differences between the two runs.',
      );
    addSettingFlags(command, BENCH_SETTING_FLAGS);
    command
      .option('--policy <policy>', 'Policy measured against the full baseline: seed|lossless (default: the policy setting\'s default)', (v: string) => parseChoice('--policy', v, BENCH_POLICIES))
      .option('--rows <n>', 'Rows to generate', (v: string) => parseWholeNumber('--rows', v, 1), 1660)
      .option('--seed <n>', 'Generator seed', (v: string) => parseSeed('--seed', v), 42)
      .option('--style <style>', `Generator style: ${GENERATOR_STYLES.join('|')}`, (v: string) => parseChoice('--style', v, GENERATOR_STYLES), 'seed')
      .option('--input <workbook>', 'Benchmark this workbook (.xlsx or .csv, ideally with a Label column) instead of generated rows')
      .option('--repeats <n>', 'Measured runs per policy', (v: string) => parseWholeNumber('--repeats', v, 1), 3)
      .option('--model <id|folder>', 'Sentence-embedding model for the chosen mode (sets embeddings.model.<mode>); loaded once')
      .option('--no-embeddings', 'Benchmark without the embedding signal')
      .option('--json <file>', 'Also write every figure as JSON to this file')
      .option('--overwrite', 'Allow replacing an existing --json file')
      .option('--quiet', 'No per-run progress lines')
      .option('--verbose', 'Engine logs on standard error');
    addSetOption(command);
    command.action(async (flags: BenchFlags) => {
      if (flags.verbose) context.verbose = true;
      const { runBenchCommand } = await import('../bench/command.ts');
      context.exitCode = await runBenchCommand(flags);
    });
  },
};
